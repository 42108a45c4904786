/**
 * The seam between the router core (session state machine) and authentication/authorization.
 * The core calls an {@link Authenticator} on HELLO and an {@link Authorizer} on every
 * call/register/publish/subscribe; `runtime/router/auth/` implements them from the config.
 */
import type { Dict, HelloDetails, Id } from '../../protocol/messages.js';

/** What the router knows when a HELLO arrives. */
export interface HelloInfo {
  readonly realm: string;
  readonly details: HelloDetails;
  /** Transport details, e.g. `{type: 'websocket', protocol: 'wamp.2.json', peer: '127.0.0.1:5000'}`. */
  readonly transport: Dict;
  /** The session id the router will assign on WELCOME (needed by wampcra challenges). */
  readonly sessionId: Id;
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

/** Decides whether a joined session may perform an action on a URI. */
export interface Authorizer {
  authorize(principal: Principal, realm: string, action: Action, uri: string): boolean | Promise<boolean>;
}
