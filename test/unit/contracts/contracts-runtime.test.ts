import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ContractError, registerContractError } from '../../../runtime/contracts/contract-error.js';
import { remapUri } from '../../../runtime/contracts/contract-types.js';
import { isoDate } from '../../../runtime/contracts/iso-date.js';
import { createValidationError, toValidationIssues } from '../../../runtime/contracts/validation-error.js';
import {
  canGenerateCode,
  prepareSchema,
  setValidationMode,
} from '../../../runtime/contracts/validation-mode.js';
import { decodeValue, encodeValue } from '../../../runtime/contracts/wire-value.js';
import { errorRegistry } from '../../../runtime/session/error-registry.js';

const Point = z.object({ x: z.number(), y: z.number() });

afterEach(() => setValidationMode('auto'));

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
let freshProbe: { allowed: boolean; jitlessAfter: unknown; zodAllows: boolean } | undefined;

/** Probes in a new Node process whose zod JIT is off before anything probed (this process has probed already). */
function probeInFreshProcess(): NonNullable<typeof freshProbe> {
  freshProbe ??= JSON.parse(
    execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        "import { z } from 'zod'; z.config({ jitless: true });" +
          " const m = await import('./runtime/contracts/validation-mode.ts');" +
          ' const allowed = m.canGenerateCode();' +
          ' process.stdout.write(JSON.stringify({ allowed, jitlessAfter: z.config().jitless, zodAllows: z.util.allowsEval.value }));',
      ],
      { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    ),
  ) as NonNullable<typeof freshProbe>;
  return freshProbe;
}

describe('validation mode', () => {
  it('detects that Node allows code generation', () => {
    expect(canGenerateCode()).toBe(true);
  });

  it("shares zod's cached code-generation probe", () => {
    expect(canGenerateCode()).toBe(z.core.util.allowsEval.value);
  });

  it("detects code generation even when zod's JIT was switched off before the first probe", () => {
    expect(probeInFreshProcess().allowed).toBe(true);
  }, 20_000);

  it("leaves zod's jitless switch on and zod's cached probe true after probing under it", () => {
    const { jitlessAfter, zodAllows } = probeInFreshProcess();
    expect({ jitlessAfter, zodAllows }).toEqual({ jitlessAfter: true, zodAllows: true });
  }, 20_000);

  it("compiles again and switches zod's JIT back on when jit follows jitless", () => {
    setValidationMode('jitless');
    setValidationMode('jit');
    expect(prepareSchema(Point)).not.toBe(Point);
    expect(z.config().jitless).toBe(false);
  });

  it('uses a compiled clone of a schema in auto mode', () => {
    expect(prepareSchema(Point)).not.toBe(Point);
  });

  it('compiles each schema once', () => {
    expect(prepareSchema(Point)).toBe(prepareSchema(Point));
  });

  it('uses the schema itself in jitless mode', () => {
    setValidationMode('jitless');
    expect(prepareSchema(Point)).toBe(Point);
  });

  it('validates the same way compiled and not', () => {
    const compiled = prepareSchema(Point).safeParse({ x: 1, y: 'no' });
    setValidationMode('jitless');
    const plain = prepareSchema(Point).safeParse({ x: 1, y: 'no' });
    expect(compiled.error?.issues).toEqual(plain.error?.issues);
  });
});

describe('validation errors', () => {
  it('keeps zod issues as plain data without the offending input', () => {
    const result = Point.safeParse({ x: 1, y: 'secret' });
    const [issue] = toValidationIssues(result.error!.issues);
    expect(issue).toMatchObject({ code: 'invalid_type', path: ['y'], expected: 'number' });
    expect(issue).not.toHaveProperty('input');
  });

  it('builds a WampError with the issues in ArgumentsKw', () => {
    const error = createValidationError(
      'wamp.error.invalid_argument',
      'arguments of p',
      Point.safeParse({}).error!,
    );
    expect(error.uri).toBe('wamp.error.invalid_argument');
    expect(error.kwargs).toMatchObject({
      where: 'arguments of p',
      issues: [{ path: ['x'] }, { path: ['y'] }],
    });
  });
});

describe('wire values', () => {
  const Stamp = z.object({ at: isoDate() });

  it('decodes an ISO string into a Date', () => {
    const value = decodeValue<{ at: Date }>(Stamp, { at: '2024-05-01T12:00:00Z' }, true, true, 'u', 'w');
    expect(value.at).toEqual(new Date('2024-05-01T12:00:00Z'));
  });

  it('encodes a Date into its ISO string even with validation off', () => {
    expect(encodeValue(Stamp, { at: new Date(0) }, false, true, 'u', 'w')).toEqual({
      at: '1970-01-01T00:00:00.000Z',
    });
  });

  it('names an Invalid Date as such instead of "expected date, received Date"', () => {
    let error: unknown;
    try {
      encodeValue(Stamp, { at: new Date('not a date') }, true, true, 'u', 'w');
    } catch (e) {
      error = e;
    }
    expect(String((error as Error).message)).toContain('expected a valid Date, received an Invalid Date');
    expect(String((error as Error).message)).not.toContain('received Date');
  });

  it('passes values through unchecked when validation is off and there is no codec', () => {
    const bad = { x: 'not a number' };
    expect(decodeValue(Point, bad, false, false, 'u', 'w')).toBe(bad);
  });

  it('throws a WampError with the given URI when a value is invalid', () => {
    expect(() => decodeValue(Point, {}, true, false, 'com.example.bad', 'w')).toThrow(
      expect.objectContaining({ uri: 'com.example.bad' }),
    );
  });
});

describe('remapUri', () => {
  it('moves a URI under another prefix', () => {
    expect(remapUri('com.a.get', 'com.a', 'com.b')).toBe('com.b.get');
  });

  it('leaves URIs outside the prefix alone', () => {
    expect(remapUri('org.other.get', 'com.a', 'com.b')).toBe('org.other.get');
  });
});

describe('ContractError', () => {
  const PayloadSchema = z.object({ at: isoDate() });
  class LateError extends ContractError<{ at: Date }> {
    static readonly uri = 'com.example.test.late';
    constructor(payload: { at: Date }) {
      super(LateError.uri, payload, PayloadSchema, 'kwargs');
    }
  }
  registerContractError(LateError, PayloadSchema, 'kwargs');

  it('encodes its payload for the wire', () => {
    expect(new LateError({ at: new Date(0) }).kwargs).toEqual({ at: '1970-01-01T00:00:00.000Z' });
  });

  it('is rebuilt from the wire as its class with a decoded payload', () => {
    const error = errorRegistry.fromWire('com.example.test.late', [], { at: '1970-01-01T00:00:00.000Z' }, {});
    expect(error).toBeInstanceOf(LateError);
    expect((error as LateError).payload.at).toEqual(new Date(0));
  });

  it('says what the payload is in its message, not only the URI', () => {
    expect(new LateError({ at: new Date(0) }).message).toBe(
      'com.example.test.late: {"at":"1970-01-01T00:00:00.000Z"}',
    );
    const fromWire = errorRegistry.fromWire(
      'com.example.test.late',
      [],
      { at: '1970-01-01T00:00:00.000Z' },
      {},
    );
    expect(fromWire.message).toContain('1970-01-01T00:00:00.000Z');
  });

  it('keeps a message text of the payload and cuts long payloads', () => {
    class Said extends ContractError<{ message: string }> {
      constructor(payload: { message: string }) {
        super('com.example.test.said', payload, undefined, 'kwargs');
      }
    }
    expect(new Said({ message: 'out of stock' }).message).toBe('com.example.test.said: out of stock');
    class Long extends ContractError<string[]> {
      constructor(payload: string[]) {
        super('com.example.test.long', payload, undefined, 'args');
      }
    }
    const message = new Long(Array.from({ length: 100 }, () => 'abcdef')).message;
    expect(message.length).toBeLessThan(240);
    expect(message.endsWith('…')).toBe(true);
  });

  it("takes its name from the generated errorName, so a minifier's renaming does not show", () => {
    // What a minifier leaves of a generated class: a one-letter class with its errorName.
    class e extends ContractError<{ at: Date }> {
      static readonly uri = 'com.example.test.renamed';
      static override readonly errorName = 'RenamedError';
      constructor(payload: { at: Date }) {
        super(e.uri, payload, PayloadSchema, 'kwargs');
      }
    }
    registerContractError(e, PayloadSchema, 'kwargs');
    expect(new e({ at: new Date(0) }).name).toBe('RenamedError');
    const fromWire = errorRegistry.fromWire(e.uri, [], { at: '1970-01-01T00:00:00.000Z' }, {});
    expect(fromWire).toBeInstanceOf(e);
    expect(fromWire.name).toBe('RenamedError');
    // A user's subclass of a generated class is named after itself, not after its parent.
    class Subclassed extends e {}
    expect(new Subclassed({ at: new Date(0) }).name).toBe('Subclassed');
    // A class without errorName (hand-written) keeps the class name.
    expect(new LateError({ at: new Date(0) }).name).toBe('LateError');
  });

  it('falls back to a plain WampError when the wire payload is invalid', () => {
    const error = errorRegistry.fromWire('com.example.test.late', [], { at: 'yesterday' }, {});
    expect(error).not.toBeInstanceOf(LateError);
    expect(error.cause).toBeInstanceOf(z.core.$ZodError);
  });
});
