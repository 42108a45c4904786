import { describe, expect, it } from 'vitest';
import type { CallMessage } from '../../../runtime/protocol/index.js';
import {
  callMessage,
  decodeMessage,
  errorMessage,
  eventMessage,
  hasKeys,
  invocationMessage,
  publishMessage,
  resultMessage,
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
