import { describe, expect, it } from 'vitest';
import type { CallMessage } from '../../../runtime/protocol/index.js';
import * as builders from '../../../runtime/protocol/encode.js';
import {
  abortMessage,
  authenticateMessage,
  callMessage,
  cancelMessage,
  challengeMessage,
  decodeMessage,
  errorMessage,
  eventMessage,
  goodbyeMessage,
  hasKeys,
  helloMessage,
  interruptMessage,
  invocationMessage,
  MessageType,
  publishedMessage,
  publishMessage,
  registeredMessage,
  registerMessage,
  resultMessage,
  subscribedMessage,
  subscribeMessage,
  unregisteredMessage,
  unregisterMessage,
  unsubscribedMessage,
  unsubscribeMessage,
  welcomeMessage,
  withPayload,
  yieldMessage,
} from '../../../runtime/protocol/index.js';

describe('withPayload', () => {
  it('omits empty args when there are no kwargs', () => {
    expect(withPayload<CallMessage>([48, 1, {}, 'a'], [], undefined)).toEqual([48, 1, {}, 'a']);
    expect(withPayload<CallMessage>([48, 1, {}, 'a'], undefined, undefined)).toEqual([48, 1, {}, 'a']);
  });

  it('omits empty trailing kwargs', () => {
    expect(withPayload<CallMessage>([48, 1, {}, 'a'], [1], {})).toEqual([48, 1, {}, 'a', [1]]);
    expect(withPayload<CallMessage>([48, 1, {}, 'a'], [], {})).toEqual([48, 1, {}, 'a']);
  });

  it('puts [] in the args slot when only kwargs are given', () => {
    expect(withPayload<CallMessage>([48, 1, {}, 'a'], undefined, { x: 1 })).toEqual([
      48,
      1,
      {},
      'a',
      [],
      { x: 1 },
    ]);
  });

  it('returns the head itself and attaches payload objects by reference', () => {
    const head: CallMessage = [48, 1, {}, 'a'];
    const args = [1];
    const kwargs = { x: 1 };
    const m = withPayload(head, args, kwargs);
    expect(m).toBe(head);
    expect(m[4]).toBe(args);
    expect(m[5]).toBe(kwargs);
  });
});

describe('hasKeys', () => {
  it('is false for empty and true for non-empty dicts', () => {
    expect(hasKeys({})).toBe(false);
    expect(hasKeys(Object.create(null))).toBe(false);
    expect(hasKeys({ a: undefined })).toBe(true);
  });

  it('ignores inherited keys', () => {
    expect(hasKeys(Object.create({ inherited: 1 }))).toBe(false);
  });
});

describe('message builders', () => {
  it('build messages the decoder accepts', () => {
    const built = [
      errorMessage(48, 1, {}, 'com.example.error', ['x']),
      publishMessage(2, { acknowledge: true }, 'com.example.topic', [], { a: 1 }),
      eventMessage(3, 4, {}, ['x']),
      callMessage(5, {}, 'com.example.add', [1, 2]),
      resultMessage(5, {}),
      invocationMessage(6, 7, {}, undefined, { a: 1 }),
      yieldMessage(6, {}, [3]),
    ];
    for (const m of built) expect(decodeMessage(m).ok).toBe(true);
  });

  it('lay out elements as the wire format says', () => {
    expect(eventMessage(3, 4, { publisher: 9 }, [], { a: 1 })).toEqual([
      36,
      3,
      4,
      { publisher: 9 },
      [],
      { a: 1 },
    ]);
    expect(resultMessage(5, { progress: true }, ['r'])).toEqual([50, 5, { progress: true }, ['r']]);
    expect(errorMessage(68, 6, {}, 'wamp.error.canceled')).toEqual([8, 68, 6, {}, 'wamp.error.canceled']);
  });
});

describe('builders for every message a peer sends', () => {
  const built = [
    helloMessage('realm1', { roles: { caller: {} } }),
    welcomeMessage(1, { roles: { dealer: {} } }),
    abortMessage('wamp.error.no_such_realm', 'no realm'),
    challengeMessage('ticket', {}),
    authenticateMessage('secret', {}),
    goodbyeMessage('wamp.close.close_realm'),
    publishedMessage(1, 2),
    subscribeMessage(1, { match: 'prefix' }, 'com.example'),
    subscribedMessage(1, 2),
    unsubscribeMessage(1, 2),
    unsubscribedMessage(1),
    unsubscribedMessage(0, { subscription: 2, reason: 'wamp.subscription.revoked' }),
    cancelMessage(1, { mode: 'kill' }),
    registerMessage(1, { invoke: 'roundrobin' }, 'com.example.add'),
    registeredMessage(1, 2),
    unregisterMessage(1, 2),
    unregisteredMessage(1),
    unregisteredMessage(0, { registration: 2 }),
    interruptMessage(1, { mode: 'killnowait' }),
  ];

  it('build messages the decoder accepts', () => {
    for (const m of built) expect(decodeMessage(m), JSON.stringify(m)).toMatchObject({ ok: true });
  });

  it('cover every message type except the EVENT_RECEIVED extension, which is never sent', () => {
    const all = [
      ...built,
      errorMessage(48, 1, {}, 'x.y'),
      publishMessage(1, {}, 'x.y'),
      eventMessage(1, 2, {}),
      callMessage(1, {}, 'x.y'),
      resultMessage(1, {}),
      invocationMessage(1, 2, {}),
      yieldMessage(1, {}),
    ];
    const codes = new Set(all.map((m) => m[0]));
    const expected = Object.values(MessageType).filter((c) => c !== MessageType.EVENT_RECEIVED);
    expect([...codes].sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b));
    // One exported builder per message kind, plus the two payload helpers.
    expect(Object.keys(builders).filter((k) => k.endsWith('Message'))).toHaveLength(expected.length);
  });

  it('put a message text into Details and keep the given details', () => {
    expect(abortMessage('wamp.error.x', 'why', { extra: 1 })).toEqual([
      3,
      { extra: 1, message: 'why' },
      'wamp.error.x',
    ]);
    expect(goodbyeMessage('wamp.close.goodbye_and_out')).toEqual([6, {}, 'wamp.close.goodbye_and_out']);
    expect(unregisteredMessage(0, { registration: 5, reason: 'r' })).toEqual([
      67,
      0,
      { registration: 5, reason: 'r' },
    ]);
  });
});
