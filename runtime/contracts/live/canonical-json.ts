/**
 * The canonical JSON of a contract model and its fingerprint. "Canonical" (docs/live-contracts.md):
 * object keys sorted by UTF-16 code units, no whitespace, `undefined` properties left out, arrays in
 * their order, strings and numbers as `JSON.stringify` writes them, and every `location` and `docs`
 * property removed, so moving a declaration or editing its comment keeps the fingerprint.
 */
import { subtle, utf8 } from '../../auth/webcrypto.js';
import type { ContractModel } from '../../contract-model/contract-model.js';

/** Properties that describe the source, not the contract; the canonical form leaves them out. */
const SOURCE_ONLY = new Set(['location', 'docs']);

/** The canonical JSON text of `value` (see the module comment). Throws on values JSON cannot hold. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonical JSON has no form for a non-finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined && !SOURCE_ONLY.has(k))
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
  }
  throw new TypeError(`canonical JSON has no form for a ${typeof value}`);
}

/**
 * The fingerprint of a contract model: `sha256:` and the lowercase hex SHA-256 (WebCrypto, so it
 * runs in browsers too) of the UTF-8 bytes of its canonical JSON.
 *
 * @example
 * const fp = await contractFingerprint(model); // 'sha256:3f1c…'
 */
export async function contractFingerprint(model: ContractModel): Promise<string> {
  const digest = new Uint8Array(await subtle().digest('SHA-256', utf8(canonicalJson(model))));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return `sha256:${hex}`;
}
