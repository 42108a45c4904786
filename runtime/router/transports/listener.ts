import type { Server as NetServer } from 'node:net';

/** A started listener. */
export interface Listener {
  /** The URL clients connect to, with the real port, e.g. `ws://127.0.0.1:8080/ws`. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Stops accepting, drops every remaining connection, and resolves once the port is free. */
  close(): Promise<void>;
}

/**
 * Starts `server` on host and port and wraps it as a {@link Listener}.
 *
 * `dropConnections` is called on close to end whatever the server's own `close()` would wait for;
 * `reportError` receives server errors after startup (a startup error rejects instead).
 */
export function listenOn(
  server: NetServer,
  host: string,
  port: number,
  urlOf: (port: number) => string,
  dropConnections: () => void,
  reportError: (error: Error) => void,
): Promise<Listener> {
  return new Promise((resolve, reject) => {
    const onStartError = (error: Error): void => reject(error);
    server.once('error', onStartError);
    server.listen(port, host, () => {
      server.off('error', onStartError);
      // After startup a server error (e.g. EMFILE on accept) is reported, never a crash.
      server.on('error', reportError);
      const address = server.address();
      const realPort = typeof address === 'object' && address !== null ? address.port : port;
      let closing: Promise<void> | undefined;
      resolve({
        url: urlOf(realPort),
        host,
        port: realPort,
        close() {
          closing ??= new Promise<void>((done) => {
            server.close(() => done());
            dropConnections();
          });
          return closing;
        },
      });
    });
  });
}
