import { describe, expect, it } from 'vitest';
import { ErrorUri } from '../../../runtime/protocol/uris.js';
import { WampError } from '../../../runtime/protocol/wamp-error.js';
import { createErrorRegistry } from '../../../runtime/session/error-registry.js';

class UnknownCity extends WampError {
  constructor(readonly city: string) {
    super('com.example.unknown_city', [], { city });
  }
}

class PlainError extends Error {
  constructor(readonly code: number) {
    super(`plain ${code}`);
  }
}

describe('error registry', () => {
  it('builds an instance of the registered WampError subclass from the wire', () => {
    const registry = createErrorRegistry();
    registry.register('com.example.unknown_city', UnknownCity);
    const error = registry.fromWire('com.example.unknown_city', [], { city: 'X' }, {});
    expect(error).toBeInstanceOf(UnknownCity);
    expect((error as UnknownCity).kwargs).toEqual({ city: 'X' });
    expect(error.name).toBe('UnknownCity');
  });

  it('uses a custom fromWire when given', () => {
    const registry = createErrorRegistry();
    registry.register('com.example.unknown_city', UnknownCity, {
      fromWire: (wire) => new UnknownCity(String(wire.kwargs.city)),
    });
    expect((registry.fromWire('com.example.unknown_city', [], { city: 'Y' }, {}) as UnknownCity).city).toBe(
      'Y',
    );
  });

  it('falls back to a plain WampError for unknown URIs', () => {
    const error = createErrorRegistry().fromWire(ErrorUri.NO_SUCH_PROCEDURE, ['x'], {}, {});
    expect(error).toBeInstanceOf(WampError);
    expect((error as WampError).uri).toBe(ErrorUri.NO_SUCH_PROCEDURE);
  });

  it('maps a thrown registered non-WampError class to its URI with toWire', () => {
    const registry = createErrorRegistry();
    registry.register('com.example.plain', PlainError, { toWire: (e) => ({ args: [e.code] }) });
    expect(registry.toWire(new PlainError(3))).toEqual({ uri: 'com.example.plain', args: [3], kwargs: {} });
  });

  it('maps subclasses of a registered class too', () => {
    class Sub extends PlainError {}
    const registry = createErrorRegistry();
    registry.register('com.example.plain', PlainError, { toWire: (e) => ({ kwargs: { code: e.code } }) });
    expect(registry.toWire(new Sub(4))?.uri).toBe('com.example.plain');
  });

  it('uses the URI and payload of any WampError', () => {
    const wire = createErrorRegistry().toWire(new WampError('com.example.x', [1], { a: 2 }));
    expect(wire).toEqual({ uri: 'com.example.x', args: [1], kwargs: { a: 2 } });
  });

  it('returns undefined for errors nothing maps', () => {
    expect(createErrorRegistry().toWire(new Error('x'))).toBeUndefined();
  });

  it('forgets a mapping on unregister', () => {
    const registry = createErrorRegistry();
    registry.register('com.example.unknown_city', UnknownCity);
    registry.unregister('com.example.unknown_city');
    expect(registry.fromWire('com.example.unknown_city', [], {}, {})).not.toBeInstanceOf(UnknownCity);
  });
});
