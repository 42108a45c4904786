import { describe, expect, it } from 'vitest';
import { isSerializeError, jsonSerializer } from '../../../runtime/serializers/index.js';

describe('json binary convention', () => {
  it('encodes bytes as "\\u0000" followed by padded standard base64', () => {
    expect(jsonSerializer.serialize([50, 1, {}, [Uint8Array.of(0xfb, 0xff), Uint8Array.of(1)]])).toBe(
      '[50,1,{},["\\u0000+/8=","\\u0000AQ=="]]',
    );
  });

  it('encodes empty bytes as the bare "\\u0000" string', () => {
    expect(jsonSerializer.serialize([50, 1, {}, [new Uint8Array(0)]])).toBe('[50,1,{},["\\u0000"]]');
  });

  it('encodes bytes in dict values anywhere, including Details', () => {
    expect(jsonSerializer.serialize([50, 1, { x: Uint8Array.of(1) }, [], { k: [Uint8Array.of(2)] }])).toBe(
      '[50,1,{"x":"\\u0000AQ=="},[],{"k":["\\u0000Ag=="]}]',
    );
  });

  it('encodes a Node Buffer as bytes, not through Buffer#toJSON', () => {
    expect(jsonSerializer.serialize([50, 1, {}, [Buffer.from([1])]])).toBe('[50,1,{},["\\u0000AQ=="]]');
  });

  it('decodes every "\\u0000" string value back to bytes', () => {
    const back = jsonSerializer.deserialize('[50,1,{"x":"\\u0000AQ=="},["\\u0000"],{"k":["\\u0000Ag=="]}]');
    expect(back).toStrictEqual([
      50,
      1,
      { x: Uint8Array.of(1) },
      [new Uint8Array(0)],
      { k: [Uint8Array.of(2)] },
    ]);
  });

  it('never turns dict keys that start with U+0000 into bytes', () => {
    expect(jsonSerializer.deserialize('[50,1,{},[],{"\\u0000AQ==":"\\u0000AQ=="}]')).toStrictEqual([
      50,
      1,
      {},
      [],
      { '\u0000AQ==': Uint8Array.of(1) },
    ]);
  });

  it('keeps a "__proto__" key as an own property when its value is bytes', () => {
    const back = jsonSerializer.deserialize('[{"__proto__":"\\u0000AQ=="}]') as [Record<string, unknown>];
    expect(Object.getPrototypeOf(back[0])).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(back[0], '__proto__')?.value).toStrictEqual(Uint8Array.of(1));
  });

  it('leaves strings with an escaped backslash-u0000 text alone', () => {
    expect(jsonSerializer.deserialize('[1,"\\\\u0000AQ=="]')).toStrictEqual([1, '\\u0000AQ==']);
  });

  it('throws invalid_binary for a "\\u0000" string that is not base64', () => {
    try {
      jsonSerializer.deserialize('[1,"\\u0000not base64"]');
      expect.unreachable();
    } catch (err) {
      expect(isSerializeError(err) ? err.code : err).toBe('invalid_binary');
    }
  });

  it('decodes UTF-8 bytes as well as text', () => {
    expect(jsonSerializer.deserialize(new TextEncoder().encode('[1,"héllo"]'))).toStrictEqual([1, 'héllo']);
  });

  it('rejects invalid UTF-8 bytes', () => {
    expect(() => jsonSerializer.deserialize(Uint8Array.of(0x5b, 0xff, 0x5d))).toThrow();
  });

  it('writes text without spaces (the compact form autobahn produces)', () => {
    expect(jsonSerializer.serialize([1, 'realm1', { roles: { caller: {} } }])).toBe(
      '[1,"realm1",{"roles":{"caller":{}}}]',
    );
  });
});
