/**
 * The opening handshake of one session (checklist B.1 #1, #7-#13, B.3): HELLO, then as many
 * CHALLENGE/AUTHENTICATE rounds as the authenticator wants, then WELCOME or ABORT.
 */
import { challengeMessage, welcomeMessage } from '../../protocol/encode.js';
import { errorText } from '../../protocol/error-text.js';
import type {
  AuthenticateMessage,
  Dict,
  HelloMessage,
  WampMessage,
  WelcomeDetails,
} from '../../protocol/messages.js';
import { CloseUri, ErrorUri } from '../../protocol/uris.js';
import type { PeerLink } from '../../transport/peer-link.js';
import type { Realm } from '../realm/realm.js';
import type { AuthStep, Principal } from './auth-types.js';
import { parseFeatures, welcomeRoles } from './session-features.js';
import type { SessionHost } from './session-host.js';

/** Handshake phases of a session (the numeric values are the session's states). */
export const HandshakeState = {
  AWAIT_HELLO: 0,
  /** HELLO received; the authenticator (or a verify step) is deciding. */
  AUTHENTICATING: 1,
  /** CHALLENGE sent; waiting for AUTHENTICATE. */
  CHALLENGING: 2,
  ESTABLISHED: 3,
} as const;

/** What the handshake reads and changes on its session. */
export interface HandshakeHost {
  state: number;
  id: number;
  features: number;
  realm: Realm | undefined;
  helloDetails: Dict | undefined;
  verify: ((signature: string, extra: Dict) => Promise<AuthStep>) | undefined;
  /** Aborted when the handshake ends without WELCOME (see `HelloInfo.signal`). */
  handshakeAbort: AbortController | undefined;
  readonly link: PeerLink;
  readonly router: SessionHost;
  /** ABORT with `reason`, then close the link. */
  abort(reason: string, text: string): void;
  /** ABORT `wamp.error.protocol_violation`. */
  violate(text: string): void;
  /** Sends whatever the state. */
  sendRaw(message: WampMessage): void;
  /** Becomes established with `principal` after WELCOME was sent. */
  joined(principal: Principal): void;
}

/** HELLO: pick the realm, reserve the session id, ask the authenticator. */
export function onHello(host: HandshakeHost, m: HelloMessage): void {
  const router = host.router;
  if (router.closing) {
    host.abort(CloseUri.SYSTEM_SHUTDOWN, 'the router is shutting down');
    return;
  }
  const realm = router.realmFor(m[1]);
  if (realm === undefined) {
    host.abort(ErrorUri.NO_SUCH_REALM, `no realm named "${m[1]}"`);
    return;
  }
  const details = m[2];
  host.realm = realm;
  host.helloDetails = details;
  host.features = parseFeatures(details.roles as Dict);
  host.id = router.reserveSessionId(host);
  host.state = HandshakeState.AUTHENTICATING;
  const controller = new AbortController();
  host.handshakeAbort = controller;
  runAuthStep(host, () =>
    router.authenticator.hello({
      realm: realm.name,
      details,
      transport: host.link.transportDetails,
      sessionId: host.id,
      signal: controller.signal,
    }),
  );
}

/** AUTHENTICATE: hand the signature to the pending challenge's verify step. */
export function onAuthenticate(host: HandshakeHost, m: AuthenticateMessage): void {
  const verify = host.verify;
  host.verify = undefined;
  host.state = HandshakeState.AUTHENTICATING;
  if (verify === undefined) {
    host.violate('AUTHENTICATE without a pending CHALLENGE');
    return;
  }
  runAuthStep(host, () => verify(m[1], m[2]));
}

/** Runs one authentication step; a synchronous throw and a rejection both fail the login. */
function runAuthStep(host: HandshakeHost, start: () => Promise<AuthStep>): void {
  let step: Promise<AuthStep>;
  try {
    step = start();
  } catch (err) {
    authFailed(host, err);
    return;
  }
  step.then(
    (s) => onAuthStep(host, s),
    (err: unknown) => authFailed(host, err),
  );
}

/** The authenticator threw or rejected: a technical failure, not a denial. */
function authFailed(host: HandshakeHost, err: unknown): void {
  if (host.state !== HandshakeState.AUTHENTICATING) return;
  const text = errorText(err);
  host.abort(ErrorUri.AUTHENTICATION_FAILED, `authentication failed: ${text}`);
}

/** Acts on the authenticator's decision (ignored if the link went away meanwhile). */
function onAuthStep(host: HandshakeHost, step: AuthStep): void {
  if (host.state !== HandshakeState.AUTHENTICATING) return;
  if (step.kind === 'welcome') welcome(host, step.principal);
  else if (step.kind === 'challenge') {
    host.verify = step.verify;
    host.state = HandshakeState.CHALLENGING;
    host.sendRaw(challengeMessage(step.method, step.extra));
  } else host.abort(step.reason, step.message);
}

/** WELCOME with roles, features and auth details, then realm membership. */
function welcome(host: HandshakeHost, principal: Principal): void {
  const realm = host.realm as Realm;
  const router = host.router;
  // The router may have closed, or the realm gone, while the authenticator was deciding.
  if (router.closing || !router.hasRealmObject(realm)) {
    host.abort(CloseUri.SYSTEM_SHUTDOWN, 'the router is shutting down');
    return;
  }
  const details: WelcomeDetails = {
    realm: realm.name,
    authid: principal.authid,
    authrole: principal.authrole,
    authmethod: principal.authmethod,
    authprovider: principal.authprovider,
    roles: welcomeRoles(),
    agent: router.agent,
  };
  if (principal.authextra !== undefined) details.authextra = principal.authextra;
  host.handshakeAbort = undefined;
  host.state = HandshakeState.ESTABLISHED;
  host.sendRaw(welcomeMessage(host.id, details));
  // The link may have died on this very write (its queue overflowed, the socket failed) and the
  // session closed meanwhile: joining the realm now would leave a session nobody can remove.
  if (host.state !== HandshakeState.ESTABLISHED) return;
  host.joined(principal);
}
