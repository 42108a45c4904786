/**
 * Client feature announcements (HELLO.Details.roles) folded into one bit set per session, and the
 * router's own announcement for WELCOME (checklist D.0; exact spellings matter).
 */
import type { Dict, RoleDetails } from '../../protocol/messages.js';
import { Feature } from '../core/features.js';

function has(role: RoleDetails | undefined, name: string): boolean {
  const features = role?.features;
  return features !== undefined && features[name] === true;
}

const PASSTHRU = 'payload_passthru_mode';

/** Reads HELLO.Details.roles (already shape-checked by the decoder) into {@link Feature} bits. */
export function parseFeatures(roles: Dict): number {
  const caller = roles.caller as RoleDetails | undefined;
  const callee = roles.callee as RoleDetails | undefined;
  let bits = 0;
  if (caller !== undefined) bits |= Feature.CALLER;
  if (callee !== undefined) bits |= Feature.CALLEE;
  if (roles.publisher !== undefined) bits |= Feature.PUBLISHER;
  if (roles.subscriber !== undefined) bits |= Feature.SUBSCRIBER;
  if (has(callee, 'progressive_call_results')) bits |= Feature.CALLEE_PROGRESSIVE_RESULTS;
  if (has(callee, 'call_canceling')) bits |= Feature.CALLEE_CANCELING;
  if (has(callee, 'call_timeout')) bits |= Feature.CALLEE_TIMEOUT;
  if (has(callee, 'progressive_call_invocations')) bits |= Feature.CALLEE_PROGRESSIVE_INVOCATIONS;
  if (has(caller, 'progressive_call_invocations')) bits |= Feature.CALLER_PROGRESSIVE_INVOCATIONS;
  if (has(caller, 'call_canceling')) bits |= Feature.CALLER_CANCELING;
  if (has(caller, PASSTHRU)) bits |= Feature.CALLER_PASSTHRU;
  if (has(callee, PASSTHRU)) bits |= Feature.CALLEE_PASSTHRU;
  if (has(roles.publisher as RoleDetails | undefined, PASSTHRU)) bits |= Feature.PUBLISHER_PASSTHRU;
  if (has(roles.subscriber as RoleDetails | undefined, PASSTHRU)) bits |= Feature.SUBSCRIBER_PASSTHRU;
  return bits;
}

/** Broker features this router implements, as announced in WELCOME. */
export const BROKER_FEATURES: Readonly<Record<string, boolean>> = Object.freeze({
  publisher_identification: true,
  publisher_exclusion: true,
  subscriber_blackwhite_listing: true,
  pattern_based_subscription: true,
  event_retention: true,
  session_meta_api: true,
  subscription_meta_api: true,
  payload_passthru_mode: true,
});

/** Dealer features this router implements, as announced in WELCOME. */
export const DEALER_FEATURES: Readonly<Record<string, boolean>> = Object.freeze({
  progressive_call_results: true,
  progressive_call_invocations: true,
  call_timeout: true,
  call_canceling: true,
  caller_identification: true,
  pattern_based_registration: true,
  shared_registration: true,
  session_meta_api: true,
  registration_meta_api: true,
  testament_meta_api: true,
  payload_passthru_mode: true,
});

/** A fresh `WELCOME.Details.roles` value (fresh so a transport may not alias shared state). */
export function welcomeRoles(): { broker: RoleDetails; dealer: RoleDetails } {
  return { broker: { features: { ...BROKER_FEATURES } }, dealer: { features: { ...DEALER_FEATURES } } };
}
