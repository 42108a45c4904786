/** A tiny static file server on 127.0.0.1 for the browser example's built page. */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

/** Content types of the files a build writes. */
const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Options of {@link serveStatic}. */
export interface ServeStaticOptions {
  /** Extra headers sent with every successful response (e.g. a `Content-Security-Policy`); none by default. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** A running {@link serveStatic} server. */
export interface StaticServer {
  /** `http://127.0.0.1:<port>/`. */
  readonly url: string;
  close(): Promise<void>;
}

/** Serves the files of `dir` (GET only, `/` is `index.html`) on 127.0.0.1:`port` (0: any free port). */
export async function serveStatic(
  dir: string,
  port = 0,
  options: ServeStaticOptions = {},
): Promise<StaticServer> {
  const root = normalize(dir + sep);
  const extra = options.headers ?? {};
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const file = normalize(join(root, path === '/' ? 'index.html' : decodeURIComponent(path)));
    // Refuse anything outside `dir` (`..` segments) and anything but GET.
    if (req.method !== 'GET' || !file.startsWith(root)) {
      res.writeHead(req.method === 'GET' ? 403 : 405).end();
      return;
    }
    readFile(file).then(
      (body) => {
        res
          .writeHead(200, { ...extra, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
          .end(body);
      },
      () => res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${path}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Keep-alive sockets of the browser would otherwise hold `close()` open.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
