/**
 * What the meta procedures share: their signature (an internal procedure that also gets its realm)
 * and argument checks (bad input is `wamp.error.invalid_argument`).
 */
import { isId } from '../../protocol/ids.js';
import type { Args } from '../../protocol/messages.js';
import { ErrorUri } from '../../protocol/uris.js';
import { WampError } from '../../protocol/wamp-error.js';
import type { InternalCall, InternalResult } from '../routing/internal-procedure.js';
import type { Realm } from './realm.js';

/** An internal procedure call, with the realm it runs in. */
export interface MetaCall extends InternalCall {
  readonly realm: Realm;
}

/** A meta procedure; `installMetaApi` binds it to one realm as an internal procedure. */
export type MetaProcedure = (
  call: MetaCall,
) => InternalResult | undefined | Promise<InternalResult | undefined>;

/** Throws `wamp.error.invalid_argument` with a readable text. */
export function invalidArgument(text: string): never {
  throw new WampError(ErrorUri.INVALID_ARGUMENT, [text]);
}

/** `args[i]` as an ID, or throws. */
export function idArg(args: Args, i: number, what: string): number {
  const v = args[i];
  if (!isId(v)) invalidArgument(`${what} must be an ID`);
  return v;
}

/** `args[i]` as a string, or throws. */
export function stringArg(args: Args, i: number, what: string): string {
  const v = args[i];
  if (typeof v !== 'string') invalidArgument(`${what} must be a string`);
  return v;
}

/** Optional `args[i]` as a list of strings (the `filter_authroles` of count/list). */
export function optionalStringList(args: Args, i: number, what: string): string[] | undefined {
  const v = args[i];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) {
    invalidArgument(`${what} must be a list of strings`);
  }
  return v as string[];
}
