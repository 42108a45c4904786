/**
 * The wire rule for absent values. WAMP payloads are lists, and JSON, MessagePack and CBOR peers
 * (autobahn-python, wampy, Crossbar) can only write a gap in a list as `null`:
 *
 * - Sending: a trailing absent (`undefined`) positional argument is left off; one in the middle,
 *   followed by a present one, is sent as `null`. A result of `undefined` is sent as no Arguments.
 * - Receiving: `null` where the schema accepts `undefined` but not `null` (an optional parameter of
 *   a non-nullable type, a result of type `T | undefined`) is read as `undefined`. Where the schema
 *   accepts `null` (`limit?: number | null`), `null` stays `null`.
 *
 * Only the rare path pays: payloads without `null` are not inspected beyond one scan.
 */
import * as z from 'zod/mini';
import './zod-messages.js';

/** Per schema: does a `null` there mean "absent"? Computed once per schema and cached. */
const nullMeansAbsent = new WeakMap<object, boolean>();

/** True when `schema` accepts `undefined` and refuses `null`. */
export function isNullAbsent(schema: z.core.$ZodType): boolean {
  let answer = nullMeansAbsent.get(schema);
  if (answer === undefined) {
    answer = z.safeParse(schema, undefined).success && !z.safeParse(schema, null).success;
    nullMeansAbsent.set(schema, answer);
  }
  return answer;
}

/** Replaces `undefined` gaps of an outgoing positional list by `null` (in place; trailing ones were trimmed). */
export function fillGaps(args: unknown[]): unknown[] {
  for (let i = 0; i < args.length; i++) if (args[i] === undefined) args[i] = null;
  return args;
}

/**
 * Reads `null` elements of an incoming positional list as `undefined` where the tuple element's
 * schema says `null` means absent. Returns the list itself when it holds no `null`, else a copy.
 */
export function readGaps(tuple: z.core.$ZodType, args: readonly unknown[]): readonly unknown[] {
  if (!args.includes(null)) return args;
  const items = (tuple._zod.def as { items?: readonly z.core.$ZodType[] }).items;
  if (items === undefined) return args;
  const out = args.slice();
  for (let i = 0; i < out.length && i < items.length; i++) {
    if (out[i] === null && isNullAbsent(items[i] as z.core.$ZodType)) out[i] = undefined;
  }
  return out;
}
