/**
 * Authentication against the embedded router's authenticator: ticket, wampcra (plain and
 * salted), cryptosign, anonymous refusal, and the onChallenge escape hatch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
