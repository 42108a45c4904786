/**
 * The router itself: realms, the global session-id space, attached connections, the internal
 * caller/publisher, and shutdown. Built by `createRouter`.
 */
import { randomId } from '../protocol/ids.js';
import type { Args, Kwargs, PublishMessageOptions } from '../protocol/messages.js';
import { clampTimerMs } from '../protocol/timer-limit.js';
import { isLooseUri } from '../protocol/uri.js';
import { CloseUri } from '../protocol/uris.js';
import { InvalidUriError, NoSuchRealmError } from '../protocol/predefined-errors.js';
import type { PeerHandle, PeerLink } from '../transport/peer-link.js';
import { createAnonymousAuthenticator } from './auth/anonymous-authenticator.js';
import { createDefaultAuthorizer } from './auth/default-authorizer.js';
import { DEFAULT_QUOTAS, type RouterQuotas } from './core/quotas.js';
import { createRouterStats, type RouterStats } from './core/router-stats.js';
import { installMetaApi } from './realm/meta-api.js';
import { Realm, type RealmHost } from './realm/realm.js';
import type { InternalCallOptions, InternalCallResult, Router } from './router.js';
import type { RouterOptions } from './router-options.js';
import type { Authenticator, Authorizer } from './session/auth-types.js';
import { RouterSession } from './session/router-session.js';
import type { RouterMessageHook, SessionHost } from './session/session-host.js';
import { SessionState } from './session/session-lifecycle.js';

const DEFAULT_AGENT = 'wamp-contracts-router';

/** The {@link Router} implementation; sessions and realms reach their shared state through it. */
export class RouterCore implements Router, SessionHost, RealmHost {
  readonly stats: RouterStats = createRouterStats();
  readonly authenticator: Authenticator;
  readonly authorizer: Authorizer;
  readonly strictRequestIds: boolean;
  readonly quotas: RouterQuotas;
  readonly goodbyeTimeoutMs: number;
  readonly agent: string;
  readonly onMessage: RouterMessageHook | undefined;
  /** Set by `close()`: new HELLOs are refused from then on. */
  closing = false;
  private readonly realms = new Map<string, Realm>();
  private readonly autoCreateRealms: boolean;
  /** Every session id in use (from HELLO on), router-wide: ids are global scope (B.6). */
  private readonly sessionIds = new Map<number, object>();
  /** Every attached connection, in any state. */
  private readonly connections = new Set<RouterSession>();
  /** Router-scope ids for registrations and subscriptions. */
  private routerIdSeq = 0;
  private closed: Promise<void> | undefined = undefined;

  constructor(options: RouterOptions = {}) {
    this.authenticator = options.authenticator ?? createAnonymousAuthenticator();
    this.authorizer = options.authorizer ?? createDefaultAuthorizer();
    this.strictRequestIds = options.strictRequestIds ?? true;
    this.quotas = { ...DEFAULT_QUOTAS, ...options.quotas };
    this.goodbyeTimeoutMs = clampTimerMs(options.goodbyeTimeoutMs ?? 2000);
    this.agent = options.agent ?? DEFAULT_AGENT;
    this.onMessage = options.onMessage;
    this.autoCreateRealms = options.autoCreateRealms ?? false;
    for (const name of options.realms ?? ['realm1']) this.addRealm(name);
  }

  /** Starts a session state machine for a new connection. */
  attach(link: PeerLink): PeerHandle {
    const session = new RouterSession(link, this);
    this.connections.add(session);
    if (this.closing) session.shutdownHandshake();
    return session;
  }

  /** Forgets a connection whose link closed. */
  detach(session: RouterSession): void {
    this.connections.delete(session);
  }

  /** Names of the realms that exist now. */
  realmNames(): string[] {
    return Array.from(this.realms.keys());
  }

  /** Creates a realm (no-op when it exists). */
  addRealm(name: string): void {
    if (!isLooseUri(name)) throw new InvalidUriError([`invalid realm name "${name}"`]);
    if (!this.realms.has(name)) this.realms.set(name, this.newRealm(name));
  }

  /** The realm a HELLO asks for, created on demand when `autoCreateRealms` is set. */
  realmFor(name: string): Realm | undefined {
    let realm = this.realms.get(name);
    if (realm === undefined && this.autoCreateRealms) {
      realm = this.newRealm(name);
      this.realms.set(name, realm);
    }
    return realm;
  }

  /** A realm with the meta API installed. */
  private newRealm(name: string): Realm {
    return installMetaApi(new Realm(name, this));
  }

  /** True while `realm` is still one of this router's realms. */
  hasRealmObject(realm: Realm): boolean {
    return this.realms.get(realm.name) === realm;
  }

  /** Established sessions across all realms. */
  sessionCount(): number {
    let n = 0;
    for (const realm of this.realms.values()) n += realm.sessions.size;
    return n;
  }

  /** A fresh random session id, unique router-wide. */
  reserveSessionId(owner: object): number {
    let id = randomId();
    while (this.sessionIds.has(id)) id = randomId();
    this.sessionIds.set(id, owner);
    return id;
  }

  /** Frees a session id (only if `owner` still holds it). */
  releaseSessionId(id: number, owner: object): void {
    if (this.sessionIds.get(id) === owner) this.sessionIds.delete(id);
  }

  /** The next registration/subscription id (router scope, sequential). */
  nextRouterId(): number {
    return ++this.routerIdSeq;
  }

  /** Calls as the router itself (see {@link Router.call}). */
  call(
    realm: string,
    procedure: string,
    args?: Args,
    kwargs?: Kwargs,
    options?: InternalCallOptions,
  ): Promise<InternalCallResult> {
    const r = this.realms.get(realm);
    if (r === undefined) {
      return Promise.reject(new NoSuchRealmError([`no realm named "${realm}"`]));
    }
    if (!isLooseUri(procedure)) {
      return Promise.reject(new InvalidUriError([`invalid procedure "${procedure}"`]));
    }
    return r.internal.call(r.dealer, procedure, args, kwargs, options);
  }

  /** Publishes as the router itself (see {@link Router.publish}). */
  publish(
    realm: string,
    topic: string,
    args?: Args,
    kwargs?: Kwargs,
    options?: PublishMessageOptions,
  ): number {
    const r = this.realms.get(realm);
    if (r === undefined) throw new NoSuchRealmError([`no realm named "${realm}"`]);
    if (!isLooseUri(topic)) throw new InvalidUriError([`invalid topic "${topic}"`]);
    return r.publishAsRouter(topic, args, kwargs, options ?? {});
  }

  /** GOODBYE to every session, wait for the replies (bounded), close every link. */
  close(): Promise<void> {
    this.closed ??= this.shutdown();
    return this.closed;
  }

  private async shutdown(): Promise<void> {
    this.closing = true;
    const waiting: RouterSession[] = [];
    for (const session of Array.from(this.connections)) {
      // Everyone is leaving: on_leave events and testaments would only reach sessions on their way out.
      if (session.goodbye(CloseUri.SYSTEM_SHUTDOWN, 'the router is shutting down', false)) {
        waiting.push(session);
      } else session.shutdownHandshake();
    }
    for (const realm of this.realms.values()) realm.internal.failAll();
    // Polling keeps sessions free of shutdown callbacks; this runs once per process lifetime.
    const deadline = Date.now() + this.goodbyeTimeoutMs;
    while (waiting.some((s) => s.state === SessionState.SHUTTING_DOWN) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    for (const s of waiting) s.finishShutdown('the router is shutting down');
  }
}
