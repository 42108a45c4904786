/**
 * A scripted stand-in for a router: a TransportFactory whose transport records what the session
 * sends and lets a test deliver any message, valid or not. Deliveries are asynchronous, as on a
 * socket. HELLO is answered with WELCOME automatically unless `autoWelcome` is false.
 */
import { getSerializer } from '../../runtime/serializers/registry.js';
import type { CloseInfo, Transport, TransportFactory } from '../../runtime/transport/types.js';

/** Dealer and broker features announced by default: everything the tests exercise. */
export const FULL_ROUTER_ROLES = {
  dealer: {
    features: {
      call_canceling: true,
      progressive_call_results: true,
      progressive_call_invocations: true,
      caller_identification: true,
    },
  },
  broker: { features: { publisher_exclusion: true, publisher_identification: true } },
};

export interface ScriptedRouter {
  readonly factory: TransportFactory;
  /** Every message the session sent, in order. */
  readonly sent: unknown[][];
  /** Messages sent after HELLO, i.e. `sent` without the handshake. */
  readonly traffic: () => unknown[][];
  /** Delivers `message` to the session (asynchronously). */
  deliver(message: unknown[]): void;
  /** Drops the link as if the network failed. */
  drop(): void;
  /** True once the session closed the transport. */
  readonly closedByClient: () => boolean;
  /** Resolves when the session sent a message matching `predicate` (already sent ones count). */
  waitFor(predicate: (m: unknown[]) => boolean): Promise<unknown[]>;
}

export interface ScriptedRouterOptions {
  readonly autoWelcome?: boolean;
  readonly roles?: Record<string, unknown>;
  readonly sessionId?: number;
}

export function createScriptedRouter(options: ScriptedRouterOptions = {}): ScriptedRouter {
  const sent: unknown[][] = [];
  const waiters: Array<{ predicate: (m: unknown[]) => boolean; resolve: (m: unknown[]) => void }> = [];
  let current: ScriptedTransport | undefined;
  let closed = false;

  class ScriptedTransport implements Transport {
    readonly serializer = getSerializer('json');
    onMessage: (value: unknown) => void = () => undefined;
    onClose: (info: CloseInfo) => void = () => undefined;
    open = true;

    send(message: unknown[]): void {
      if (!this.open) throw new Error('closed');
      // A JSON round trip: what a real transport would put on the wire.
      const copy = JSON.parse(JSON.stringify(message)) as unknown[];
      sent.push(copy);
      for (const w of waiters.slice()) {
        if (w.predicate(copy)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(copy);
        }
      }
      if (copy[0] === 1 && options.autoWelcome !== false) {
        this.push([
          2,
          options.sessionId ?? 4242,
          { roles: options.roles ?? FULL_ROUTER_ROLES, authid: 'a1', authrole: 'anonymous' },
        ]);
      }
    }

    push(message: unknown[]): void {
      queueMicrotask(() => {
        if (this.open) this.onMessage(message);
      });
    }

    close(code = 1000, reason = ''): void {
      if (!this.open) return;
      this.open = false;
      closed = true;
      queueMicrotask(() => this.onClose({ code, reason, wasClean: true }));
    }
  }

  return {
    factory: async () => {
      current = new ScriptedTransport();
      return current;
    },
    sent,
    traffic: () => sent.filter((m) => m[0] !== 1),
    deliver: (message) => current?.push(message),
    drop() {
      const t = current;
      if (!t?.open) return;
      t.open = false;
      queueMicrotask(() => t.onClose({ code: 1006, reason: 'dropped', wasClean: false }));
    },
    closedByClient: () => closed,
    waitFor(predicate) {
      const found = sent.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve) => waiters.push({ predicate, resolve }));
    },
  };
}

/** Lets queued microtasks and one macrotask run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
