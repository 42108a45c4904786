/**
 * autobahn-js 22.x (CommonJS, no bundled types) as an independent test peer: a minimal typed view
 * of the API the interop tests use, loaded with `require`.
 */
import { createRequire } from 'node:module';

/** A when.js promise as autobahn-js returns it (progress is the third `then` argument). */
export interface AutobahnPromise<T> extends PromiseLike<T> {
  then<R = T, E = never>(
    ok?: ((v: T) => R | PromiseLike<R>) | null,
    err?: ((e: unknown) => E | PromiseLike<E>) | null,
    progress?: (p: unknown) => void,
  ): AutobahnPromise<R | E>;
  cancel?: (options?: { mode?: string }) => void;
}

/** What an autobahn-js callee handler receives as its third argument. */
export interface AutobahnInvocation {
  procedure: string;
  progress: ((args?: unknown[], kwargs?: Record<string, unknown>) => void) | null;
  caller?: number;
  caller_authid?: string;
  caller_authrole?: string;
}

/** What an autobahn-js event handler receives as its third argument. */
export interface AutobahnEvent {
  publication: number;
  topic: string;
  publisher?: number;
  publisher_authid?: string;
  retained?: boolean;
}

/** The subset of `autobahn.Session` used here. */
export interface AutobahnSession {
  readonly id: number;
  call(
    procedure: string,
    args?: unknown[],
    kwargs?: Record<string, unknown>,
    options?: Record<string, unknown>,
  ): AutobahnPromise<unknown>;
  register(
    procedure: string,
    endpoint: (args: unknown[], kwargs: Record<string, unknown>, details: AutobahnInvocation) => unknown,
    options?: Record<string, unknown>,
  ): AutobahnPromise<unknown>;
  subscribe(
    topic: string,
    handler: (args: unknown[], kwargs: Record<string, unknown>, details: AutobahnEvent) => void,
    options?: Record<string, unknown>,
  ): AutobahnPromise<unknown>;
  publish(
    topic: string,
    args?: unknown[],
    kwargs?: Record<string, unknown>,
    options?: Record<string, unknown>,
  ): AutobahnPromise<{ id: number } | undefined>;
}

interface AutobahnConnection {
  onopen: (session: AutobahnSession) => void;
  onclose: (reason: string, details: Record<string, unknown>) => boolean;
  open(): void;
  close(): void;
  readonly isOpen: boolean;
}

interface AutobahnModule {
  Connection: new (options: Record<string, unknown>) => AutobahnConnection;
  /** `new autobahn.Error(uri, args, kwargs)`: what a callee throws to answer with an error URI. */
  Error: new (
    uri: string,
    args?: unknown[],
    kwargs?: Record<string, unknown>,
  ) => object;
  serializer: Record<'JSONSerializer' | 'MsgpackSerializer' | 'CBORSerializer', new () => object>;
}

const require = createRequire(import.meta.url);
const autobahn = require('autobahn') as AutobahnModule;

/** autobahn-js warnings and handler errors (it would print them to the console); kept, not printed. */
export const autobahnWarnings: unknown[][] = [];
(require('autobahn/lib/log.js') as { warn: (...args: unknown[]) => void }).warn = (...args) => {
  autobahnWarnings.push(args);
};

/** autobahn-js's error class, for callees that answer with an error URI. */
export const AutobahnError = autobahn.Error;

/** An open autobahn-js session and how to end it. */
export interface AutobahnPeer {
  readonly session: AutobahnSession;
  /** Resolves when the connection is closed, with the WAMP reason (e.g. GOODBYE's) if there was one. */
  readonly closed: Promise<{ reason: string; wampReason: unknown }>;
  close(): void;
}

/** The serializer an autobahn-js peer offers (it then asks for the matching subprotocol). */
export type AutobahnSerializer = 'json' | 'msgpack' | 'cbor';

const SERIALIZER_CLASSES = {
  json: 'JSONSerializer',
  msgpack: 'MsgpackSerializer',
  cbor: 'CBORSerializer',
} as const;

/** Opens an autobahn-js session over WebSocket (JSON unless told otherwise, no retries). */
export function openAutobahn(
  url: string,
  realm = 'realm1',
  serializer: AutobahnSerializer = 'json',
): Promise<AutobahnPeer> {
  return new Promise((resolve, reject) => {
    const Serializer = autobahn.serializer[SERIALIZER_CLASSES[serializer]];
    const connection = new autobahn.Connection({
      url,
      realm,
      serializers: [new Serializer()],
      max_retries: 0,
      retry_if_unreachable: false,
      // Handler exceptions are expected in error tests: keep them, do not print them.
      on_user_error: (...args: unknown[]) => autobahnWarnings.push(args),
      on_internal_error: (...args: unknown[]) => autobahnWarnings.push(args),
    });
    let settleClosed: (r: { reason: string; wampReason: unknown }) => void = () => {};
    const closed = new Promise<{ reason: string; wampReason: unknown }>((r) => {
      settleClosed = r;
    });
    connection.onopen = (session) =>
      resolve({
        session,
        closed,
        close: () => {
          if (connection.isOpen) connection.close();
        },
      });
    connection.onclose = (reason, details) => {
      settleClosed({ reason, wampReason: details.reason });
      reject(new Error(`autobahn connection closed: ${reason}`));
      return true; // true: do not retry
    };
    connection.open();
  });
}
