/**
 * A connect timeout while the transport is still opening (a server that accepts TCP and then says
 * nothing) must close the socket: the URL transports hand the session's abort signal on.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, isConnectionError } from '../../../runtime/index.js';
import { until } from '../../helpers/timing.js';

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A TCP server that accepts and never answers; resolves with its port and the accepted sockets. */
async function silentServer(): Promise<{ port: number; sockets: Socket[]; closed: Set<Socket> }> {
  const sockets: Socket[] = [];
  const closed = new Set<Socket>();
  server = createServer((socket) => {
    sockets.push(socket);
    socket.resume(); // read and drop whatever the client sends, so its end is seen
    socket.on('close', () => closed.add(socket));
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { port: address.port, sockets, closed };
}

describe.each(['ws', 'rs'])('connect timeout over %s://', (scheme) => {
  it('closes the half-open socket', async () => {
    const { port, sockets, closed } = await silentServer();
    const url = scheme === 'ws' ? `ws://127.0.0.1:${port}/ws` : `rs://127.0.0.1:${port}`;
    const error = await connect({ url, realm: 'realm1', connectTimeout: 500 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isConnectionError(error) && error.code).toBe('connect_timeout');
    // The server may see the connection after the client gave up on a loaded machine: wait for it.
    await until(() => sockets.length === 1);
    await until(() => closed.has(sockets[0] as Socket));
  });
});
