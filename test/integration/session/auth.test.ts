/**
 * Authentication against the embedded router's authenticator: ticket, wampcra (plain and
 * salted), cryptosign, anonymous refusal, and the onChallenge escape hatch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationError, NoSuchRealmError } from '../../../runtime/protocol/predefined-errors.js';
import { ErrorUri } from '../../../runtime/protocol/uris.js';
import { isWampError } from '../../../runtime/protocol/wamp-error.js';
import { createAuthenticator } from '../../../runtime/router/auth/create-authenticator.js';
import { cryptosignPublicKeyHex } from '../../../runtime/session/cryptosign-answer.js';
import type { JoinInfo } from '../../../runtime/session/connect-options.js';
import { startTestRouter, type TestRouter } from '../../../runtime/testing/start-test-router.js';

const SEED = '4d57d97a68f555696620a6d849c0ce582568518d729eb753dc7c732de2804510';
let testRouter: TestRouter;

beforeAll(async () => {
  const authenticator = createAuthenticator({
    realms: ['realm1'],
    auth: {
      anonymous: { allow: false, role: 'anonymous' },
      users: {
        joe: { role: 'user', ticket: 'joes-ticket' },
        cra: { role: 'user', wampcra: { secret: 'L3L1YUE8Txlw' } },
        salty: {
          role: 'user',
          wampcra: { secret: 'L3L1YUE8Txlw', salt: 'salt123', iterations: 100, keylen: 32 },
        },
        keyholder: { role: 'signer', cryptosign: { pubkeys: [await cryptosignPublicKeyHex(SEED)] } },
      },
    },
  });
  testRouter = await startTestRouter({ authenticator });
});

afterAll(() => testRouter.close());

async function joinAs(auth: Parameters<TestRouter['connect']>[0]): Promise<JoinInfo> {
  const session = await testRouter.connect(auth);
  const info = session.joinInfo as JoinInfo;
  await session.leave();
  return info;
}

describe('authentication', () => {
  it('joins with a ticket', async () => {
    const info = await joinAs({ auth: { method: 'ticket', authid: 'joe', ticket: 'joes-ticket' } });
    expect([info.authid, info.authrole, info.authmethod]).toEqual(['joe', 'user', 'ticket']);
  });

  it('is refused with a wrong ticket', async () => {
    const error = await testRouter
      .connect({ auth: { method: 'ticket', authid: 'joe', ticket: 'wrong' } })
      .catch((e: unknown) => e);
    expect(isWampError(error) && error.uri).toBe(ErrorUri.AUTHENTICATION_DENIED);
  });

  it('joins with plain wampcra', async () => {
    const info = await joinAs({ auth: { method: 'wampcra', authid: 'cra', secret: 'L3L1YUE8Txlw' } });
    expect(info.authmethod).toBe('wampcra');
  });

  it('joins with salted wampcra', async () => {
    const info = await joinAs({ auth: { method: 'wampcra', authid: 'salty', secret: 'L3L1YUE8Txlw' } });
    expect([info.authid, info.authmethod]).toEqual(['salty', 'wampcra']);
  });

  it('joins with cryptosign', async () => {
    const info = await joinAs({ auth: { method: 'cryptosign', authid: 'keyholder', privateKey: SEED } });
    expect([info.authrole, info.authmethod]).toEqual(['signer', 'cryptosign']);
  });

  it('is refused when anonymous access is off', async () => {
    const error = await testRouter.connect().catch((e: unknown) => e);
    expect(isWampError(error)).toBe(true);
    expect((error as { uri: string }).uri).toMatch(/^wamp\.error\./);
  });

  it('answers through onChallenge when given, and reports the challenge', async () => {
    const methods: string[] = [];
    const info = await joinAs({
      auth: { method: 'ticket', authid: 'joe', ticket: 'unused', onChallenge: () => 'joes-ticket' },
      onChallenge: (method) => void methods.push(method),
    });
    expect(info.authid).toBe('joe');
    expect(methods).toEqual(['ticket']);
  });
});

// Regression: the join error used to be only the ABORT's URI; the router's reason
// (ABORT Details.message) was dropped, so "wrong wampcra signature" never reached the user.
describe("a refused join keeps the router's reason", () => {
  async function refusal(options: Parameters<TestRouter['connect']>[0]): Promise<Error> {
    return testRouter.connect(options).then(
      () => {
        throw new Error('expected the join to be refused');
      },
      (error: Error) => error,
    );
  }

  it('wampcra with a wrong secret: AuthenticationError saying so', async () => {
    const error = await refusal({ auth: { method: 'wampcra', authid: 'cra', secret: 'not-the-secret' } });
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).uri).toBe(ErrorUri.AUTHENTICATION_DENIED);
    expect(error.message).toBe('wamp.error.authentication_denied: wrong wampcra signature for cra');
    expect((error as AuthenticationError).details.message).toBe('wrong wampcra signature for cra');
  });

  it('a wrong ticket: AuthenticationError saying so', async () => {
    const error = await refusal({ auth: { method: 'ticket', authid: 'joe', ticket: 'wrong' } });
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toBe('wamp.error.authentication_denied: wrong ticket for joe');
  });

  it('cryptosign with a key the router does not know: AuthenticationError saying so', async () => {
    const error = await refusal({
      auth: { method: 'cryptosign', authid: 'keyholder', privateKey: '11'.repeat(32) },
    });
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toMatch(/^wamp\.error\.authentication_denied: .*keyholder/);
  });

  it('an unknown realm: NoSuchRealmError naming it', async () => {
    const error = await refusal({
      realm: 'nowhere',
      auth: { method: 'ticket', authid: 'joe', ticket: 'joes-ticket' },
    });
    expect(error).toBeInstanceOf(NoSuchRealmError);
    expect(error.message).toBe('wamp.error.no_such_realm: no realm named "nowhere"');
  });
});
