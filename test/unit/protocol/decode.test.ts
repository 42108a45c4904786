import { describe, expect, it } from 'vitest';
import type { ViolationCode } from '../../../runtime/protocol/index.js';
import { decodeMessage, describeMessage, MAX_ID, MessageType } from '../../../runtime/protocol/index.js';
import { validMessages } from './valid-messages.js';

/** The violation code for `value`, or 'ok' when it decodes. */
function codeOf(value: unknown): ViolationCode | 'ok' {
  const r = decodeMessage(value);
  return r.ok ? 'ok' : r.violation.code;
}

const valid = validMessages();
const helloDetails = { roles: { caller: {} } };
const welcomeDetails = { roles: { broker: {} } };

describe('decodeMessage accepts', () => {
  it.each(valid)('%s and returns the same array', (_name, message) => {
    const r = decodeMessage(message);
    expect(r.ok).toBe(true);
    expect(r.ok && r.message).toBe(message);
  });

  it('covers every message type code', () => {
    const codes = new Set(valid.map(([, m]) => m[0]));
    expect([...codes].sort()).toEqual(Object.values(MessageType).sort());
  });

  it('ignores unknown option and detail keys whatever their type', () => {
    expect(codeOf([16, 1, { x_custom: 1, _vendor: [null], transaction_hash: 5 }, 'a.b'])).toBe('ok');
  });

  it('ignores a __proto__ key created by JSON.parse', () => {
    const options = JSON.parse('{"__proto__": {"acknowledge": 1}, "constructor": 3}');
    expect(codeOf([16, 1, options, 'a.b'])).toBe('ok');
  });

  it('accepts a dictionary without a prototype', () => {
    expect(codeOf([48, 1, Object.create(null), 'a.b'])).toBe('ok');
  });

  it('accepts camelCase and wamp.* URIs (loose rule)', () => {
    expect(codeOf([48, 1, {}, 'wamp.session.get'])).toBe('ok');
    expect(codeOf([48, 1, {}, 'com.Example.getUser'])).toBe('ok');
  });

  it('accepts the unknown roles of a HELLO as long as one known role is present', () => {
    expect(codeOf([1, 'realm1', { roles: { callee: {}, x_auditor: 5 } }])).toBe('ok');
  });
});

type Bad = [string, unknown, ViolationCode];

const notALists: Bad[] = [
  ['undefined', undefined, 'not_a_list'],
  ['null', null, 'not_a_list'],
  ['a string', '[48]', 'not_a_list'],
  ['a dict', { 0: 48 }, 'not_a_list'],
  ['an empty list', [], 'not_a_list'],
  ['a string type code', ['48', 1, {}, 'a'], 'not_a_list'],
];

const unknownTypes: Bad[] = [
  ['code 0', [0], 'unknown_type'],
  ['HEARTBEAT (7)', [7, 1, 2], 'unknown_type'],
  ['code 1023', [1023, 1], 'unknown_type'],
  ['code 48.5', [48.5, 1, {}, 'a'], 'unknown_type'],
];

const badArities: Bad[] = [
  ['HELLO without details', [1, 'realm'], 'bad_arity'],
  ['HELLO with extra element', [1, 'realm', helloDetails, {}], 'bad_arity'],
  ['ABORT with 6 elements', [3, {}, 'a.b', [], {}, 1], 'bad_arity'],
  ['ERROR with 4 elements', [8, 48, 1, {}], 'bad_arity'],
  ['PUBLISH with 7 elements', [16, 1, {}, 'a', [], {}, 1], 'bad_arity'],
  ['PUBLISHED with 2 elements', [17, 1], 'bad_arity'],
  ['SUBSCRIBE with args', [32, 1, {}, 'a', []], 'bad_arity'],
  ['UNSUBSCRIBED with details but non-zero request', [35, 5, {}], 'bad_arity'],
  ['UNSUBSCRIBED with 4 elements', [35, 0, {}, []], 'bad_arity'],
  ['CALL with 3 elements', [48, 1, {}], 'bad_arity'],
  ['RESULT with 2 elements', [50, 1], 'bad_arity'],
  ['REGISTER with 5 elements', [64, 1, {}, 'a', []], 'bad_arity'],
  ['UNREGISTERED with 1 element', [67], 'bad_arity'],
  ['INVOCATION with 3 elements', [68, 1, 2], 'bad_arity'],
  ['YIELD with 6 elements', [70, 1, {}, [], {}, 1], 'bad_arity'],
  ['EVENT_RECEIVED with 3 elements', [337, 1, 2], 'bad_arity'],
];

const badIds: Bad[] = [
  ['zero request', [48, 0, {}, 'a'], 'bad_id'],
  ['negative request', [48, -1, {}, 'a'], 'bad_id'],
  ['fractional request', [48, 1.5, {}, 'a'], 'bad_id'],
  ['request 2^53+2', [48, MAX_ID + 2, {}, 'a'], 'bad_id'],
  ['string request', [48, '1', {}, 'a'], 'bad_id'],
  ['NaN request', [48, Number.NaN, {}, 'a'], 'bad_id'],
  ['Infinity request', [48, Number.POSITIVE_INFINITY, {}, 'a'], 'bad_id'],
  ['bigint request', [48, 1n, {}, 'a'], 'bad_id'],
  ['boolean request', [48, true, {}, 'a'], 'bad_id'],
  ['WELCOME session 0', [2, 0, welcomeDetails], 'bad_id'],
  ['PUBLISHED publication 0', [17, 1, 0], 'bad_id'],
  ['EVENT subscription -5', [36, -5, 1, {}], 'bad_id'],
  ['INVOCATION registration 0', [68, 1, 0, {}], 'bad_id'],
  ['UNSUBSCRIBED request 0 without details', [35, 0], 'bad_id'],
  ['UNREGISTERED request 0 without details', [67, 0], 'bad_id'],
  ['ERROR request 0', [8, 48, 0, {}, 'a.b'], 'bad_id'],
  ['EVENT_RECEIVED publication 0', [337, 0], 'bad_id'],
];

const badIntegers: Bad[] = [
  ['ERROR for CANCEL', [8, 49, 1, {}, 'a.b'], 'bad_integer'],
  ['ERROR for HELLO', [8, 1, 1, {}, 'a.b'], 'bad_integer'],
  ['ERROR for EVENT', [8, 36, 1, {}, 'a.b'], 'bad_integer'],
  ['ERROR with a string request type', [8, '48', 1, {}, 'a.b'], 'bad_integer'],
];

const badUris: Bad[] = [
  ['empty procedure', [48, 1, {}, ''], 'bad_uri'],
  ['empty component', [48, 1, {}, 'a..b'], 'bad_uri'],
  ['leading dot', [48, 1, {}, '.a'], 'bad_uri'],
  ['trailing dot', [48, 1, {}, 'a.'], 'bad_uri'],
  ['space', [48, 1, {}, 'a b'], 'bad_uri'],
  ['hash', [48, 1, {}, 'a#b'], 'bad_uri'],
  ['non-string procedure', [48, 1, {}, 5], 'bad_uri'],
  ['HELLO realm with a tab', [1, 'a\tb', helloDetails], 'bad_uri'],
  ['ABORT reason empty', [3, {}, ''], 'bad_uri'],
  ['GOODBYE reason null', [6, {}, null], 'bad_uri'],
  ['ERROR uri with a newline', [8, 48, 1, {}, 'a\nb'], 'bad_uri'],
  ['PUBLISH topic with empty component', [16, 1, {}, 'a..b'], 'bad_uri'],
  ['exact SUBSCRIBE with a trailing dot', [32, 1, {}, 'a.'], 'bad_uri'],
  ['prefix SUBSCRIBE with an empty middle component', [32, 1, { match: 'prefix' }, 'a..b'], 'bad_uri'],
  ['wildcard REGISTER with whitespace', [64, 1, { match: 'wildcard' }, 'a. .b'], 'bad_uri'],
];

const badStrings: Bad[] = [
  ['CHALLENGE method number', [4, 5, {}], 'bad_string'],
  ['AUTHENTICATE signature null', [5, null, {}], 'bad_string'],
];

const badDicts: Bad[] = [
  ['Details as a list', [36, 1, 2, []], 'bad_dict'],
  ['Details as null', [50, 1, null], 'bad_dict'],
  ['Options as a Uint8Array', [48, 1, new Uint8Array(2), 'a'], 'bad_dict'],
  ['Options as a Map', [48, 1, new Map(), 'a'], 'bad_dict'],
  ['Options as a Date', [70, 1, new Date(0)], 'bad_dict'],
  ['Options as a class instance', [49, 1, new (class Opts {})()], 'bad_dict'],
  ['HELLO details string', [1, 'realm', 'roles'], 'bad_dict'],
  ['CHALLENGE extra list', [4, 'wampcra', []], 'bad_dict'],
  ['revocation details list', [67, 0, []], 'bad_dict'],
  ['kwargs as a list', [48, 1, {}, 'a', [], []], 'bad_dict'],
  ['kwargs as null', [50, 1, {}, [], null], 'bad_dict'],
];

const badLists: Bad[] = [
  ['args as a string', [48, 1, {}, 'a', 'x'], 'bad_list'],
  ['args as a dict', [70, 1, {}, { a: 1 }], 'bad_list'],
  ['args as null before kwargs', [36, 1, 2, {}, null, { a: 1 }], 'bad_list'],
  ['args as bytes', [16, 1, {}, 'a', new Uint8Array(3)], 'bad_list'],
];

const badOptions: Bad[] = [
  ['HELLO without roles', [1, 'realm', {}], 'bad_option'],
  ['HELLO with only unknown roles', [1, 'realm', { roles: { broker: {} } }], 'bad_option'],
  ['HELLO role not a dict', [1, 'realm', { roles: { caller: true } }], 'bad_option'],
  ['HELLO role features not a dict', [1, 'realm', { roles: { caller: { features: [] } } }], 'bad_option'],
  ['HELLO authmethods not a list', [1, 'realm', { ...helloDetails, authmethods: 'wampcra' }], 'bad_option'],
  ['HELLO authid null', [1, 'realm', { ...helloDetails, authid: null }], 'bad_option'],
  ['WELCOME with client roles', [2, 1, { roles: { caller: {} } }], 'bad_option'],
  ['WELCOME authextra list', [2, 1, { ...welcomeDetails, authextra: [] }], 'bad_option'],
  ['GOODBYE message number', [6, { message: 1 }, 'a.b'], 'bad_option'],
  ['PUBLISH acknowledge 1', [16, 1, { acknowledge: 1 }, 'a'], 'bad_option'],
  ['PUBLISH exclude_me 0', [16, 1, { exclude_me: 0 }, 'a'], 'bad_option'],
  ['PUBLISH exclude not a list', [16, 1, { exclude: 5 }, 'a'], 'bad_option'],
  ['PUBLISH exclude with a zero id', [16, 1, { exclude: [1, 0] }, 'a'], 'bad_option'],
  ['PUBLISH eligible_authid a string', [16, 1, { eligible_authid: 'alice' }, 'a'], 'bad_option'],
  ['PUBLISH exclude_authrole with a number', [16, 1, { exclude_authrole: ['a', 1] }, 'a'], 'bad_option'],
  ['PUBLISH retain string', [16, 1, { retain: 'yes' }, 'a'], 'bad_option'],
  ['PUBLISH ppt_scheme number', [16, 1, { ppt_scheme: 1 }, 'a', [new Uint8Array(1)]], 'bad_option'],
  ['SUBSCRIBE match unknown', [32, 1, { match: 'regex' }, 'a'], 'bad_option'],
  ['SUBSCRIBE get_retained 1', [32, 1, { get_retained: 1 }, 'a'], 'bad_option'],
  ['EVENT publisher string', [36, 1, 2, { publisher: 'x' }], 'bad_option'],
  ['EVENT topic invalid', [36, 1, 2, { topic: 'a..b' }], 'bad_option'],
  ['EVENT trustlevel negative', [36, 1, 2, { trustlevel: -1 }], 'bad_option'],
  ['CALL timeout negative', [48, 1, { timeout: -1 }, 'a'], 'bad_option'],
  ['CALL timeout fractional', [48, 1, { timeout: 1.5 }, 'a'], 'bad_option'],
  ['CALL receive_progress 1', [48, 1, { receive_progress: 1 }, 'a'], 'bad_option'],
  ['CANCEL mode unknown', [49, 1, { mode: 'abort' }], 'bad_option'],
  ['RESULT progress string', [50, 1, { progress: 'true' }], 'bad_option'],
  ['REGISTER invoke unknown', [64, 1, { invoke: 'all' }, 'a'], 'bad_option'],
  ['REGISTER match number', [64, 1, { match: 1 }, 'a'], 'bad_option'],
  ['REGISTER disclose_caller string', [64, 1, { disclose_caller: 'y' }, 'a'], 'bad_option'],
  ['INVOCATION caller zero', [68, 1, 2, { caller: 0 }], 'bad_option'],
  ['INVOCATION procedure number', [68, 1, 2, { procedure: 5 }], 'bad_option'],
  ['INTERRUPT reason invalid', [69, 1, { reason: 'a b' }], 'bad_option'],
  ['YIELD progress 1', [70, 1, { progress: 1 }], 'bad_option'],
  ['revocation subscription string', [35, 0, { subscription: 'x' }], 'bad_option'],
  ['revocation reason number', [67, 0, { reason: 5 }], 'bad_option'],
];

describe('decodeMessage rejects', () => {
  it.each([
    ...notALists,
    ...unknownTypes,
    ...badArities,
    ...badIds,
    ...badIntegers,
    ...badUris,
    ...badStrings,
    ...badDicts,
    ...badLists,
    ...badOptions,
  ])('%s with code %s', (_name, value, code) => {
    expect(codeOf(value)).toBe(code);
  });

  it('names the message type in the violation', () => {
    const r = decodeMessage([48, 1, { timeout: -1 }, 'a']);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.violation.messageType).toBe(48);
    expect(!r.ok && r.violation.message).toContain('CALL.Options.timeout');
  });

  it('carries the request id of a request with a bad URI so the router can answer ERROR', () => {
    const r = decodeMessage([64, 42, {}, 'a..b']);
    expect(!r.ok && r.violation.code).toBe('bad_uri');
    expect(!r.ok && r.violation.request).toBe(42);
  });

  it('reports a throwing getter as a serialization violation instead of throwing', () => {
    const options = {};
    Object.defineProperty(options, 'timeout', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(codeOf([48, 1, options, 'a'])).toBe('serialization');
  });

  it('reports a hostile proxy as a serialization violation instead of throwing', () => {
    const hostile = new Proxy([48, 1, {}, 'a'], {
      get() {
        throw new Error('boom');
      },
    });
    expect(codeOf(hostile)).toBe('serialization');
  });
});

describe('describeMessage', () => {
  it('shows the type name, ids and URI', () => {
    expect(describeMessage([48, 7, {}, 'com.example.add', [1]])).toBe('CALL 7 com.example.add (5 elements)');
  });

  it('never shows an AUTHENTICATE signature', () => {
    expect(describeMessage([5, 'secret-signature', {}])).toBe('AUTHENTICATE');
  });

  it('names an unknown type code', () => {
    expect(describeMessage([999, 1])).toBe('type 999 1');
  });
});
