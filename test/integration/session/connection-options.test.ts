/**
 * Connection details: wss:// with a custom CA and a client certificate, ws+unix:// sockets.
 * A TLS (or Unix-socket) front end forwards raw bytes to the embedded router's WebSocket port.
 */
import { readFileSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../../runtime/session/connect.js';
import { isConnectionError } from '../../../runtime/transport/connection-error.js';
import { startTestRouter, type TestRouter } from '../../../runtime/testing/start-test-router.js';

const pem = (name: string): string => readFileSync(new URL(`tls/${name}`, import.meta.url), 'utf8');

let testRouter: TestRouter;
const servers: net.Server[] = [];
const sockets = new Set<net.Socket>();

function forward(client: net.Socket, port: number): void {
  const upstream = net.connect(port, '127.0.0.1');
  sockets.add(client).add(upstream);
  client.pipe(upstream).pipe(client);
  client.on('error', () => upstream.destroy());
  upstream.on('error', () => client.destroy());
  client.on('close', () => upstream.destroy());
}

beforeAll(async () => {
  testRouter = await startTestRouter();
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  await testRouter.close();
});

describe('wss:// with a custom CA and a client certificate', () => {
  let port = 0;

  beforeAll(async () => {
    const server = tls.createServer(
      {
        key: pem('server.key'),
        cert: pem('server.pem'),
        ca: pem('ca.pem'),
        requestCert: true,
        rejectUnauthorized: true,
      },
      (client) => forward(client, testRouter.port),
    );
    server.on('tlsClientError', () => undefined);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
  });

  it('joins when the CA and the client certificate are given', async () => {
    const session = await connect({
      realm: 'realm1',
      url: `wss://127.0.0.1:${port}/ws`,
      tls: { ca: pem('ca.pem'), cert: pem('client.pem'), key: pem('client.key') },
    });
    expect(session.isJoined).toBe(true);
    await session.leave();
  });

  it('fails with connect_failed when the server certificate is not trusted', async () => {
    const error = await connect({ realm: 'realm1', url: `wss://127.0.0.1:${port}/ws` }).catch(
      (e: unknown) => e,
    );
    expect(isConnectionError(error) && error.code).toBe('connect_failed');
  });

  it('fails with connect_failed without a client certificate', async () => {
    const error = await connect({
      realm: 'realm1',
      url: `wss://127.0.0.1:${port}/ws`,
      tls: { ca: pem('ca.pem') },
    }).catch((e: unknown) => e);
    expect(isConnectionError(error) && error.code).toBe('connect_failed');
  });
});

describe('ws+unix://', () => {
  it('joins over a Unix domain socket', async () => {
    const path = join(tmpdir(), `wamp-contracts-session-${process.pid}-${Date.now()}.sock`);
    const server = net.createServer((client) => forward(client, testRouter.port));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(path, resolve));
    const session = await connect({ realm: 'realm1', url: `ws+unix://${path}:/ws` });
    await session.register('com.test.unix.ping', () => 'pong');
    expect((await session.call('com.test.unix.ping')).args).toEqual(['pong']);
    await session.leave();
  });
});

describe('URL schemes', () => {
  it('refuses an unknown scheme with connect_failed', async () => {
    const error = await connect({ realm: 'realm1', url: 'http://127.0.0.1:1/ws' }).catch((e: unknown) => e);
    expect(isConnectionError(error) && error.code).toBe('connect_failed');
  });
});
