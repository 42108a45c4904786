import * as z from 'zod/mini';
import './zod-messages.js';
import type { Args, Kwargs } from '../protocol/messages.js';
import { isPredefinedClassInstance } from '../protocol/predefined-errors.js';
import { INSTANCE_BRAND, isWampError, WampError } from '../protocol/wamp-error.js';
import type { ContractSchema } from './contract-types.js';
import { errorRegistry } from '../session/error-registry.js';

const BRAND = Symbol.for('wamp-contracts.ContractError');

/** How an error payload travels: as `ArgumentsKw` (objects), as `Arguments[0]`, or not at all. */
export type PayloadPlacement = 'kwargs' | 'args' | 'none';

/**
 * Base class of the typed error classes generated from `WampError<'uri', Payload>` contracts.
 * A callee throws one to answer with its URI; a caller catches it by class.
 *
 * @example
 * try { await weather.rpc.getForecast('Atlantis'); }
 * catch (e) { if (e instanceof UnknownCityError) console.log(e.payload.city); }
 */
export abstract class ContractError<P = undefined> extends WampError {
  // `instanceof ContractError` also holds for one from another copy of the package (the brand below).
  static override readonly [INSTANCE_BRAND]: symbol = BRAND;
  /**
   * The class's name as written in the schema, which generated classes declare because a minifier
   * may rename the class itself; `name` of an instance is this, else the constructor's own name.
   */
  static readonly errorName: string | undefined = undefined;
  /** The typed payload, as user code sees it (Dates decoded). */
  readonly payload: P;

  constructor(
    uri: string,
    payload: P,
    schema: ContractSchema | undefined,
    placement: PayloadPlacement,
    options?: ErrorOptions,
  ) {
    const wire = schema === undefined ? payload : encodeOrRaw(schema, payload);
    super(
      uri,
      placement === 'args' ? [wire] : [],
      placement === 'kwargs' ? (wire as Kwargs) : {},
      {},
      options,
    );
    // Only the class's own errorName: a user's subclass of a generated class keeps its own name.
    this.name = Object.hasOwn(new.target, 'errorName')
      ? ((new.target as unknown as typeof ContractError).errorName ?? new.target.name)
      : new.target.name;
    this.payload = payload;
    // Without a text in the payload the message would be the bare URI: show the payload instead.
    if (this.message === uri && placement !== 'none') this.message = `${uri}: ${payloadText(wire)}`;
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/** The payload as compact JSON, cut at 200 characters, for an error message. */
function payloadText(wire: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(wire) ?? String(wire);
  } catch {
    text = String(wire);
  }
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

/** True when `value` is a {@link ContractError}, also across two copies of this package. */
export function isContractError(value: unknown): value is ContractError<unknown> {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

// A callee that throws an error with an invalid payload still answers with the error's URI.
function encodeOrRaw(schema: ContractSchema, payload: unknown): unknown {
  const result = z.safeEncode(schema as z.core.$ZodType, payload as never);
  return result.success ? result.data : payload;
}

/** A generated error class: constructed from its typed payload. */
export type ContractErrorClass<P> = (new (payload: P) => ContractError<P>) & { readonly uri: string };

/**
 * Registers a generated error class in the shared error registry, so that an inbound ERROR with its
 * URI becomes an instance of it (payload validated and decoded). A payload that fails validation
 * yields a plain `WampError` whose `cause` holds the zod error, so nothing is typed wrongly.
 */
export function registerContractError<P>(
  cls: ContractErrorClass<P>,
  schema: ContractSchema | undefined,
  placement: PayloadPlacement,
): void {
  errorRegistry.register(cls.uri, cls, {
    fromWire: (wire, details) => {
      const raw = placement === 'kwargs' ? wire.kwargs : placement === 'args' ? wire.args[0] : undefined;
      if (schema === undefined) return new cls(undefined as P);
      const parsed = z.safeParse(schema as z.core.$ZodType, raw);
      if (parsed.success) return new cls(parsed.data as P);
      return new WampError(wire.uri, wire.args, wire.kwargs, details, { cause: parsed.error });
    },
  });
}

/**
 * Converts an error from a session that did not map it to a contract's class (a session with its
 * own registry, or one from another copy of this package) into the class registered for its URI.
 * Any other error is returned as it is.
 */
export function toRegisteredError(error: unknown): unknown {
  // Already a contract's class (the session mapped it), or not a WampError of any copy: nothing to do.
  if (!isWampError(error) || isContractError(error)) return error;
  const args: Args = error.args;
  const mapped = errorRegistry.fromWire(error.uri, args, error.kwargs, error.details);
  // Nothing registered for the URI: the session's own error stands (a plain or predefined class,
  // e.g. `CanceledError`), with its cause and stack. Mapping happens once, here or in the session.
  if (!isWampError(mapped) || isBuiltinError(mapped)) return error;
  if (mapped.cause === undefined) {
    Object.defineProperty(mapped, 'cause', { value: error, writable: true, configurable: true });
  }
  return mapped;
}

// A plain WampError or a predefined class (what the registry gives for an unregistered URI).
function isBuiltinError(error: WampError): boolean {
  return Object.getPrototypeOf(error) === WampError.prototype || isPredefinedClassInstance(error);
}
