/**
 * Payload Passthru Mode (checklist D.21): the `ppt_*` keys a sender puts on CALL, PUBLISH, YIELD
 * or ERROR travel, untouched, into the INVOCATION, EVENT, RESULT or ERROR details. The payload
 * itself is never read: it is forwarded like any other (see docs/router.md).
 */
import type { Dict } from '../../protocol/messages.js';

/** True when `o` (Options or Details) puts its message in payload passthru mode. */
export function isPassthru(o: Dict): boolean {
  return o.ppt_scheme !== undefined;
}

/** Copies the `ppt_*` keys of `from` (a passthru message's Options) into `to` (the Details sent on). */
export function copyPassthru(from: Dict, to: Dict): void {
  to.ppt_scheme = from.ppt_scheme;
  if (from.ppt_serializer !== undefined) to.ppt_serializer = from.ppt_serializer;
  if (from.ppt_cipher !== undefined) to.ppt_cipher = from.ppt_cipher;
  if (from.ppt_keyid !== undefined) to.ppt_keyid = from.ppt_keyid;
}

/** The `ppt_*` keys of `from` alone, or undefined when it is not in passthru mode. */
export function passthruDetails(from: Dict): Dict | undefined {
  if (from.ppt_scheme === undefined) return undefined;
  const details: Dict = {};
  copyPassthru(from, details);
  return details;
}
