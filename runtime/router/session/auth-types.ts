/**
 * The seam between the router core (session state machine) and authentication/authorization.
 * The core calls an {@link Authenticator} on HELLO and an {@link Authorizer} on every
 * call/register/publish/subscribe; `runtime/router/auth/` implements them from the config.
 */
import type { Dict, HelloDetails, Id, MatchPolicy } from '../../protocol/messages.js';

export type { MatchPolicy };

/** What the router knows when a HELLO arrives. */
export interface HelloInfo {
  readonly realm: string;
  readonly details: HelloDetails;
  /** Transport details, e.g. `{type: 'websocket', protocol: 'wamp.2.json', peer: '127.0.0.1:5000'}`. */
  readonly transport: Dict;
  /** The session id the router will assign on WELCOME (needed by wampcra challenges). */
  readonly sessionId: Id;
  /**
   * Aborted when the handshake ends without WELCOME (the client left, sent ABORT or the router
   * closed): work done on the HELLO's behalf (e.g. a dynamic authenticator call) should stop.
   */
  readonly signal?: AbortSignal;
}

/** The identity a session gets on WELCOME. */
export interface Principal {
  readonly authid: string;
  readonly authrole: string;
  readonly authmethod: string;
  readonly authprovider: string;
  readonly authextra?: Dict;
}

/** One step of the opening handshake, decided by the authenticator. */
export type AuthStep =
  | { readonly kind: 'welcome'; readonly principal: Principal }
  | {
      readonly kind: 'challenge';
      readonly method: string;
      readonly extra: Dict;
      /** Called with AUTHENTICATE's signature and extra; may return another challenge (multi-round). */
      readonly verify: (signature: string, extra: Dict) => Promise<AuthStep>;
    }
  | { readonly kind: 'abort'; readonly reason: string; readonly message: string };

/** Decides how a HELLO is answered. */
export interface Authenticator {
  hello(info: HelloInfo): Promise<AuthStep>;
}

/** The actions authorization rules can allow. */
export type Action = 'call' | 'register' | 'publish' | 'subscribe';

/** What the router says about a request besides its action and URI. */
export interface AuthorizeRequest {
  /**
   * `exact` for every CALL and PUBLISH, the `match` option of SUBSCRIBE and REGISTER.
   * It says how `uri` is to be read. For `prefix` and `wildcard` the URI is a pattern and the request
   * covers every URI it matches: an authorizer must allow it only when it would allow every one
   * of them (an exact grant never admits a pattern).
   */
  readonly match: MatchPolicy;
}

/**
 * Decides whether a joined session may perform an action on a URI. `request` (always passed by
 * the router; absent means exact) carries the match policy; an authorizer written before it existed receives it as an
 * extra argument it ignores, and must then be checked for pattern requests (see docs/router.md).
 */
export interface Authorizer {
  authorize(
    principal: Principal,
    realm: string,
    action: Action,
    uri: string,
    request?: AuthorizeRequest,
  ): boolean | Promise<boolean>;
}

/** The request details of every CALL and PUBLISH, and of exact SUBSCRIBE/REGISTER (shared, never mutated). */
export const EXACT_REQUEST: AuthorizeRequest = Object.freeze({ match: 'exact' });
/** The request details of a prefix SUBSCRIBE/REGISTER. */
export const PREFIX_REQUEST: AuthorizeRequest = Object.freeze({ match: 'prefix' });
/** The request details of a wildcard SUBSCRIBE/REGISTER. */
export const WILDCARD_REQUEST: AuthorizeRequest = Object.freeze({ match: 'wildcard' });
