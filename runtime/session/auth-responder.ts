/**
 * Turns the `auth` option into HELLO details and CHALLENGE answers.
 *
 * Computations come from `runtime/auth` (WebCrypto, so they also run in browsers). An
 * `onChallenge` function, when given, answers instead of the built-in computation. The WAMP-CRA and
 * cryptosign computations are loaded with `import()` when a session uses that method, so a browser
 * page that joins anonymously or with a ticket does not carry them.
 */
import type { WampCraChallengeExtra } from '../auth/wampcra.js';
import type { Dict } from '../protocol/messages.js';
import { ErrorUri } from '../protocol/uris.js';
import { AuthenticationError } from '../protocol/predefined-errors.js';
import type { AuthOptions, ChallengeAnswer } from './connect-options.js';

/** HELLO auth details plus a function answering CHALLENGE. */
export interface AuthResponder {
  /** Merged into HELLO.Details: `authmethods`, `authid`, `authrole`, `authextra`. */
  readonly hello: Dict;
  /** Computes AUTHENTICATE for a CHALLENGE; rejects when the method cannot be answered. */
  answer(method: string, extra: Dict): Promise<{ signature: string; extra?: Dict }>;
}

/** Builds the {@link AuthResponder} for `auth` (anonymous when absent). */
export async function createAuthResponder(auth: AuthOptions | undefined): Promise<AuthResponder> {
  if (auth === undefined) return { hello: {}, answer: refuse };
  const hello: Dict = { authmethods: auth.method === 'custom' ? auth.authmethods : [auth.method] };
  if (auth.authid !== undefined) hello.authid = auth.authid;
  if (auth.authrole !== undefined) hello.authrole = auth.authrole;
  const authextra: Dict = { ...auth.authextra };
  if (auth.method === 'cryptosign' && !('pubkey' in authextra)) {
    const { cryptosignPublicKeyHex } = await import('./cryptosign-answer.js');
    authextra.pubkey = await cryptosignPublicKeyHex((auth as { privateKey: string }).privateKey);
  }
  for (const _ in authextra) {
    hello.authextra = authextra;
    break;
  }
  const custom = auth.onChallenge;
  return {
    hello,
    async answer(method, extra) {
      if (custom !== undefined) return normalize(await custom(method, extra));
      if (method !== auth.method) return refuse(method);
      switch (auth.method) {
        case 'ticket':
          return { signature: (auth as { ticket: string }).ticket };
        case 'wampcra': {
          const { respondToWampCraChallenge } = await import('../auth/wampcra.js');
          return {
            signature: await respondToWampCraChallenge(
              (auth as { secret: string }).secret,
              extra as WampCraChallengeExtra,
            ),
          };
        }
        case 'cryptosign': {
          const { cryptosignAnswer } = await import('./cryptosign-answer.js');
          return { signature: await cryptosignAnswer((auth as { privateKey: string }).privateKey, extra) };
        }
        default:
          return refuse(method);
      }
    },
  };
}

function normalize(answer: ChallengeAnswer): { signature: string; extra?: Dict } {
  return typeof answer === 'string' ? { signature: answer } : answer;
}

function refuse(method: string): Promise<never> {
  return Promise.reject(
    new AuthenticationError(ErrorUri.NO_MATCHING_AUTH_METHOD, [
      `no answer configured for a ${method} challenge`,
    ]),
  );
}
