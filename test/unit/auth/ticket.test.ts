import { describe, expect, it } from 'vitest';
import {
  constantTimeEqual,
  decodeHex,
  encodeHex,
  signTicket,
  verifyTicket,
} from '../../../runtime/auth/index.js';

describe('ticket', () => {
  it('sends the ticket itself as the signature', () => {
    expect(signTicket('s3cret')).toBe('s3cret');
  });

  it('accepts the matching ticket', () => {
    expect(verifyTicket('s3cret', 's3cret')).toBe(true);
  });

  it('rejects a different ticket of the same length', () => {
    expect(verifyTicket('s3cret', 's3creT')).toBe(false);
  });

  it('rejects a prefix and an extension of the ticket', () => {
    expect(verifyTicket('s3cret', 's3cre')).toBe(false);
    expect(verifyTicket('s3cret', 's3cret!')).toBe(false);
  });
});

describe('constantTimeEqual', () => {
  it('compares strings as UTF-8 and byte arrays as bytes', () => {
    expect(constantTimeEqual('héllo', new TextEncoder().encode('héllo'))).toBe(true);
    expect(constantTimeEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 3))).toBe(false);
  });

  it('treats two empty values as equal', () => {
    expect(constantTimeEqual('', new Uint8Array(0))).toBe(true);
  });
});

describe('hex', () => {
  it('round-trips bytes as lower-case hex', () => {
    expect(encodeHex(Uint8Array.of(0, 15, 255))).toBe('000fff');
    expect(decodeHex('000FfF')).toStrictEqual(Uint8Array.of(0, 15, 255));
  });

  it('refuses odd lengths and foreign characters', () => {
    expect(() => decodeHex('abc')).toThrow(/even-length/);
    expect(() => decodeHex('zz')).toThrow(/non-hex/);
  });
});
