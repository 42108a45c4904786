/**
 * Brute-force throttling of failed logins, per authid and per remote address, in bounded memory:
 * at most `maxTrackedKeys` keys (the oldest is forgotten first), each forgotten once its window
 * has passed.
 */

/** Settings of {@link createLoginThrottle} (the `auth.throttle` config section). */
export interface ThrottleSettings {
  /** Failures per authid within the window before it is refused (0: off). */
  readonly maxFailuresPerAuthid: number;
  /** Failures per remote address within the window before it is refused (0: off). */
  readonly maxFailuresPerAddress: number;
  /** How long failures count, from the first failure of a key, in ms. */
  readonly windowMs: number;
  /** Most keys tracked at once. */
  readonly maxTrackedKeys: number;
}

/** Counts failed logins and says when a key is refused. */
export interface LoginThrottle {
  /** Milliseconds until this authid or address may try again, or 0 when it may now. */
  blockedFor(authid: string | undefined, address: string | undefined): number;
  /** Records one failed login. */
  failed(authid: string | undefined, address: string | undefined): void;
  /** A successful login clears its authid's failures (the address keeps its count). */
  succeeded(authid: string): void;
  /** Keys tracked now (for tests and stats). */
  readonly size: number;
}

interface Entry {
  failures: number;
  /** When the window of this key ends. */
  until: number;
}

/** A throttle; `now` is injectable for tests. */
export function createLoginThrottle(settings: ThrottleSettings, now: () => number = Date.now): LoginThrottle {
  // Insertion order is age order: a key is re-inserted when its window restarts.
  const entries = new Map<string, Entry>();

  function live(key: string, t: number): Entry | undefined {
    const e = entries.get(key);
    if (e !== undefined && e.until <= t) {
      entries.delete(key);
      return undefined;
    }
    return e;
  }

  function wait(key: string | undefined, limit: number, t: number): number {
    if (key === undefined || limit <= 0) return 0;
    const e = live(key, t);
    return e !== undefined && e.failures >= limit ? e.until - t : 0;
  }

  function count(key: string | undefined, limit: number, t: number): void {
    if (key === undefined || limit <= 0) return;
    const e = live(key, t);
    if (e !== undefined) {
      e.failures++;
      return;
    }
    // Drop expired entries from the old end, then the oldest while over the cap.
    for (const [k, old] of entries) {
      if (old.until > t && entries.size < settings.maxTrackedKeys) break;
      entries.delete(k);
    }
    entries.set(key, { failures: 1, until: t + settings.windowMs });
  }

  return {
    blockedFor(authid, address) {
      const t = now();
      return Math.max(
        wait(authid === undefined ? undefined : `id:${authid}`, settings.maxFailuresPerAuthid, t),
        wait(address === undefined ? undefined : `ip:${address}`, settings.maxFailuresPerAddress, t),
      );
    },
    failed(authid, address) {
      const t = now();
      count(authid === undefined ? undefined : `id:${authid}`, settings.maxFailuresPerAuthid, t);
      count(address === undefined ? undefined : `ip:${address}`, settings.maxFailuresPerAddress, t);
    },
    succeeded(authid) {
      entries.delete(`id:${authid}`);
    },
    get size() {
      return entries.size;
    },
  };
}

/** The address part of a transport `peer` (`127.0.0.1:5000`, `[::1]:5000`), or undefined. */
export function remoteAddress(transport: Readonly<Record<string, unknown>>): string | undefined {
  const peer = transport.peer;
  if (typeof peer !== 'string' || peer.length === 0 || peer === 'unknown') return undefined;
  if (peer.startsWith('[')) {
    const end = peer.indexOf(']');
    return end > 0 ? peer.slice(1, end) : peer;
  }
  const colon = peer.lastIndexOf(':');
  return colon > 0 ? peer.slice(0, colon) : peer;
}
