import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ErrorUri } from '../../../runtime/protocol/uris.js';
import { createAuthResponder } from '../../../runtime/session/auth-responder.js';

const vectorsDir = new URL('../../vectors/auth/', import.meta.url);
const cryptosign = JSON.parse(readFileSync(new URL('cryptosign_vectors.json', vectorsDir), 'utf8')) as {
  vectors: Array<{ channel_id: string | null; private_key: string; challenge: string; signature: string }>;
};
const cra = JSON.parse(readFileSync(new URL('auth_vectors.json', vectorsDir), 'utf8')) as {
  wampcra: {
    vectors: Array<{ kind: string; secret?: string; key?: string; challenge?: string; expected: string }>;
  };
};

describe('HELLO auth details', () => {
  it('announces nothing for anonymous-by-default', async () => {
    expect((await createAuthResponder(undefined)).hello).toEqual({});
  });

  it('announces the method, authid and authrole', async () => {
    const responder = await createAuthResponder({
      method: 'ticket',
      authid: 'joe',
      ticket: 's',
      authrole: 'user',
    });
    expect(responder.hello).toEqual({ authmethods: ['ticket'], authid: 'joe', authrole: 'user' });
  });

  it('sends the cryptosign public key in authextra', async () => {
    const seed = cryptosign.vectors[0]?.private_key as string;
    const responder = await createAuthResponder({ method: 'cryptosign', privateKey: seed, authid: 'k' });
    expect((responder.hello.authextra as { pubkey: string }).pubkey).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('CHALLENGE answers', () => {
  it('answers a ticket challenge with the ticket', async () => {
    const responder = await createAuthResponder({ method: 'ticket', authid: 'joe', ticket: 'secret!' });
    expect(await responder.answer('ticket', {})).toEqual({ signature: 'secret!' });
  });

  it('signs a plain wampcra challenge with the secret (vector)', async () => {
    const v = cra.wampcra.vectors.find((x) => x.kind === 'compute_wcs');
    const responder = await createAuthResponder({
      method: 'wampcra',
      authid: 'joe',
      secret: v?.key as string,
    });
    expect((await responder.answer('wampcra', { challenge: v?.challenge })).signature).toBe(v?.expected);
  });

  it('derives the key first when the challenge carries a salt (vector)', async () => {
    const derive = cra.wampcra.vectors.find((x) => x.kind === 'derive_key') as { secret: string };
    const salted = cra.wampcra.vectors.find((x) => x.kind === 'compute_wcs_salted');
    const responder = await createAuthResponder({ method: 'wampcra', authid: 'joe', secret: derive.secret });
    const answer = await responder.answer('wampcra', {
      challenge: salted?.challenge,
      salt: 'salt123',
      iterations: 1000,
      keylen: 32,
    });
    expect(answer.signature).toBe(salted?.expected);
  });

  it.each(cryptosign.vectors.filter((v) => v.channel_id === null))(
    'signs a cryptosign challenge as in the spec vectors ($challenge)',
    async (v) => {
      const responder = await createAuthResponder({ method: 'cryptosign', privateKey: v.private_key });
      expect((await responder.answer('cryptosign', { challenge: v.challenge })).signature).toBe(v.signature);
    },
  );

  it('refuses a cryptosign challenge that asks for channel binding', async () => {
    const v = cryptosign.vectors[0] as { private_key: string; challenge: string };
    const responder = await createAuthResponder({ method: 'cryptosign', privateKey: v.private_key });
    await expect(
      responder.answer('cryptosign', { challenge: v.challenge, channel_binding: 'tls-unique' }),
    ).rejects.toMatchObject({ uri: ErrorUri.AUTHENTICATION_FAILED });
  });

  it('lets onChallenge answer instead of the built-in computation', async () => {
    const responder = await createAuthResponder({
      method: 'custom',
      authmethods: ['x-otp'],
      onChallenge: (method, extra) => ({ signature: `${method}:${String(extra.n)}`, extra: { a: 1 } }),
    });
    expect(responder.hello).toEqual({ authmethods: ['x-otp'] });
    expect(await responder.answer('x-otp', { n: 5 })).toEqual({ signature: 'x-otp:5', extra: { a: 1 } });
  });

  it('refuses a challenge for a method it was not configured for', async () => {
    const responder = await createAuthResponder({ method: 'ticket', authid: 'joe', ticket: 't' });
    await expect(responder.answer('wampcra', {})).rejects.toMatchObject({
      uri: ErrorUri.NO_MATCHING_AUTH_METHOD,
    });
  });
});
