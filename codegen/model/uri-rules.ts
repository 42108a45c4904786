/**
 * WAMP URI rules for contract URIs (exact match): the loose rule is required, the strict rule
 * (`[0-9a-z_]` components) is what peers in other languages expect and is only a warning.
 */

const LOOSE = /^([^\s.#]+\.)*([^\s.#]+)$/;
const STRICT = /^([0-9a-z_]+\.)*([0-9a-z_]+)$/;

/** True when `uri` satisfies the loose WAMP URI rule: no whitespace, no `#`, no empty component. */
export function isLooseContractUri(uri: string): boolean {
  return LOOSE.test(uri);
}

/** True when `uri` satisfies the strict WAMP URI rule: components of `[0-9a-z_]` only. */
export function isStrictContractUri(uri: string): boolean {
  return STRICT.test(uri);
}

/** True for URIs in the `wamp.` namespace, which the protocol reserves for itself. */
export function isReservedUri(uri: string): boolean {
  return uri === 'wamp' || uri.startsWith('wamp.');
}

/** How member names become the last URI component when no `@uri` is given. */
export type UriNaming = 'as-is' | 'snake_case';

/** Applies the naming rule to a member name: `getForecast` -> `get_forecast` under `snake_case`. */
export function applyUriNaming(name: string, naming: UriNaming): string {
  if (naming === 'as-is') return name;
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/-/g, '_')
    .toLowerCase();
}
