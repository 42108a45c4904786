/**
 * The contracts callees serve at `<prefix>._contract` (docs/live-contracts.md), as router
 * reflection reads them: fetched through the realm's internal peer when a reflection procedure
 * runs, kept per registration id (a new registration is fetched afresh), with limits so that a slow,
 * huge or malformed answer only leaves that service out of reflection.
 */
import type { Realm } from './realm.js';

/** The last URI component of a contract-serving procedure. */
export const CONTRACT_SUFFIX = '._contract';
/** How long the router waits for one contract (ms). */
export const CONTRACT_FETCH_TIMEOUT_MS = 5_000;
/** The largest contract answer the router keeps, in characters of its JSON text. */
export const CONTRACT_MAX_CHARS = 1_048_576;
/** At most this many contract procedures are read per realm; further ones are left out. */
export const CONTRACT_MAX_SERVICES = 256;

/** One procedure or topic a served contract declares. */
export interface ServedEntry {
  readonly uri: string;
  readonly name: string;
  /** The procedure or topic model, as the callee served it. */
  readonly model: Record<string, unknown>;
}

/** What reflection keeps of one served contract. */
export interface ServedContract {
  readonly service: string;
  readonly prefix: string;
  readonly fingerprint: string;
  /** The procedure that serves it. */
  readonly contractUri: string;
  readonly procedures: readonly ServedEntry[];
  readonly topics: readonly ServedEntry[];
}

const caches = new WeakMap<Realm, Map<number, Promise<ServedContract | undefined>>>();

/** Every contract served in `realm` now (fetching the ones not read yet), in URI order. */
export async function servedContracts(realm: Realm): Promise<ServedContract[]> {
  let cache = caches.get(realm);
  if (cache === undefined) {
    cache = new Map();
    caches.set(realm, cache);
  }
  const live = new Set<number>();
  for (const reg of realm.dealer.byId.values()) {
    if (reg.match !== 'exact' || !reg.uri.endsWith(CONTRACT_SUFFIX)) continue;
    if (live.size >= CONTRACT_MAX_SERVICES) break;
    live.add(reg.id);
    if (!cache.has(reg.id)) cache.set(reg.id, fetchContract(realm, reg.uri));
  }
  for (const id of cache.keys()) if (!live.has(id)) cache.delete(id);
  const all = await Promise.all(Array.from(live, (id) => cache.get(id)!));
  return all
    .filter((c): c is ServedContract => c !== undefined)
    .sort((a, b) => (a.contractUri < b.contractUri ? -1 : 1));
}

/** Calls one contract procedure; undefined (left out of reflection) when it fails or answers badly. */
async function fetchContract(realm: Realm, uri: string): Promise<ServedContract | undefined> {
  try {
    const result = await realm.internal.call(realm.dealer, uri, ['model'], undefined, {
      timeout: CONTRACT_FETCH_TIMEOUT_MS,
    });
    const answer = result.args[0];
    if (JSON.stringify(answer ?? null).length > CONTRACT_MAX_CHARS) return undefined;
    return readServed(answer, uri);
  } catch {
    // A failing callee is left out of reflection; callers can still call it to see its error.
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** The procedures and topics of a live contract answer, or undefined when it is not one. */
export function readServed(answer: unknown, contractUri: string): ServedContract | undefined {
  if (!isObject(answer) || answer.protocol !== 'wamp-contracts.live/1') return undefined;
  const { service, prefix, fingerprint, model } = answer;
  if (typeof service !== 'string' || typeof prefix !== 'string' || typeof fingerprint !== 'string')
    return undefined;
  if (!isObject(model) || !Array.isArray(model.files)) return undefined;
  const procedures: ServedEntry[] = [];
  const topics: ServedEntry[] = [];
  for (const file of model.files) {
    if (!isObject(file)) return undefined;
    for (const s of list(file.services)) for (const p of list(s.procedures)) entry(p, procedures);
    for (const t of list(file.topics)) for (const topic of list(t.topics)) entry(topic, topics);
  }
  return { service, prefix, fingerprint, contractUri, procedures, topics };
}

function list(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function entry(value: Record<string, unknown>, out: ServedEntry[]): void {
  if (typeof value.uri === 'string' && typeof value.name === 'string')
    out.push({ uri: value.uri, name: value.name, model: value });
}
