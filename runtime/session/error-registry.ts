/**
 * Maps error URIs to error classes and back (what asphalt-wamp calls `map_exception`).
 *
 * Callers get an instance of the registered class when an ERROR with its URI arrives; a callee
 * that throws an instance of a registered class answers with its URI and payload.
 */
import type { Args, Dict, Kwargs } from '../protocol/messages.js';
import { createWampError } from '../protocol/predefined-errors.js';
import { isWampError, WampError } from '../protocol/wamp-error.js';

/** The URI and payload of an ERROR message. */
export interface WireError {
  readonly uri: string;
  readonly args: Args;
  readonly kwargs: Kwargs;
}

/** A constructor of an error class (its own constructor arguments do not matter here). */
// biome-ignore lint/suspicious/noExplicitAny: constructor parameter lists of user classes vary
export type ErrorClass<E extends Error = Error> = abstract new (...args: any[]) => E;

/** How to convert one error class from and to the wire. Both default for `WampError` subclasses. */
export interface ErrorMapping<E extends Error> {
  /** Builds the error from an inbound ERROR. Default: a `WampError` with the class's prototype. */
  fromWire?: (wire: WireError, details: Dict) => E;
  /** Builds the ERROR payload from a thrown error. Default: the `WampError`'s args and kwargs. */
  toWire?: (error: E) => { args?: Args; kwargs?: Kwargs };
}

interface Entry {
  readonly uri: string;
  readonly cls: ErrorClass;
  readonly fromWire: (wire: WireError, details: Dict) => Error;
  readonly toWire: ((error: Error) => { args?: Args; kwargs?: Kwargs }) | undefined;
}

/** A two-way map between error URIs and error classes. */
export interface ErrorRegistry {
  /** Registers `cls` for `uri`; a later registration for the same URI or class replaces it. */
  register<E extends Error>(uri: string, cls: ErrorClass<E>, mapping?: ErrorMapping<E>): void;
  /** Removes the mapping for `uri`. */
  unregister(uri: string): void;
  /**
   * The error a caller sees for an inbound ERROR: the registered class, else the predefined class
   * of the URI (`NoSuchProcedureError`, ...), else a plain `WampError`.
   */
  fromWire(uri: string, args: Args, kwargs: Kwargs, details: Dict): Error;
  /** The ERROR a callee sends for a thrown value, or `undefined` when nothing maps it. */
  toWire(error: unknown): WireError | undefined;
}

/** Creates an empty registry; most code uses the shared {@link errorRegistry}. */
export function createErrorRegistry(): ErrorRegistry {
  const byUri = new Map<string, Entry>();
  const byClass = new Map<ErrorClass, Entry>();

  return {
    register(uri, cls, mapping) {
      const previous = byUri.get(uri);
      if (previous) byClass.delete(previous.cls);
      const entry: Entry = {
        uri,
        cls,
        fromWire: (mapping?.fromWire as Entry['fromWire'] | undefined) ?? defaultFromWire(cls),
        toWire: mapping?.toWire as Entry['toWire'],
      };
      byUri.set(uri, entry);
      byClass.set(cls, entry);
    },
    unregister(uri) {
      const entry = byUri.get(uri);
      if (!entry) return;
      byUri.delete(uri);
      byClass.delete(entry.cls);
    },
    fromWire(uri, args, kwargs, details) {
      const entry = byUri.get(uri);
      if (entry) return entry.fromWire({ uri, args, kwargs }, details);
      return createWampError(uri, args, kwargs, details);
    },
    toWire(error) {
      if (typeof error !== 'object' || error === null) return undefined;
      // Walk the prototype chain so subclasses of a registered class map too.
      for (
        let proto: unknown = Object.getPrototypeOf(error);
        proto !== null && proto !== Object.prototype;
      ) {
        const ctor = (proto as { constructor?: unknown }).constructor as ErrorClass | undefined;
        const entry = ctor ? byClass.get(ctor) : undefined;
        if (entry) {
          if (entry.toWire) {
            const wire = entry.toWire(error as Error);
            return { uri: entry.uri, args: wire.args ?? [], kwargs: wire.kwargs ?? {} };
          }
          break;
        }
        proto = Object.getPrototypeOf(proto);
      }
      if (isWampError(error)) return { uri: error.uri, args: error.args, kwargs: error.kwargs };
      return undefined;
    },
  };
}

function defaultFromWire(cls: ErrorClass): (wire: WireError, details: Dict) => Error {
  return (wire, details) => {
    if (!(cls.prototype instanceof WampError) && cls !== WampError) {
      return createWampError(wire.uri, wire.args, wire.kwargs, details);
    }
    // Runs WampError's constructor with the subclass's prototype, so `instanceof cls` holds
    // without calling a constructor whose parameters we do not know.
    const error = Reflect.construct(WampError, [wire.uri, wire.args, wire.kwargs, details], cls) as WampError;
    error.name = cls.name;
    return error;
  };
}

/** The registry sessions use unless given their own; generated typed errors register here. */
export const errorRegistry: ErrorRegistry = createErrorRegistry();
