import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loadRouterConfig } from '../../../runtime/router/config/load-router-config.js';
import type { RunningRouter } from '../../../runtime/router/serve.js';
import { serve } from '../../../runtime/router/serve.js';

let dir: string;
let router: RunningRouter;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wamp-wss-'));
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1'].concat([
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ]),
    { stdio: 'ignore' },
  );
  const file = join(dir, 'router.json');
  writeFileSync(
    file,
    JSON.stringify({
      transports: [{ type: 'websocket', port: 0, tls: { cert: 'cert.pem', key: 'key.pem' } }],
    }),
  );
  const loaded = await loadRouterConfig(file);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  router = await serve(loaded.config);
});

afterAll(async () => {
  await router?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('wss transport', () => {
  it('listens with TLS and reports a wss:// URL', () => {
    expect(router.url).toMatch(/^wss:\/\/127\.0\.0\.1:\d+\/ws$/);
  });

  it('completes a WAMP opening handshake over TLS with the configured certificate', async () => {
    const ws = new WebSocket(router.url, ['wamp.2.json'], { ca: readFileSync(join(dir, 'cert.pem')) });
    const welcome = await new Promise<unknown[]>((resolve, reject) => {
      ws.once('error', reject);
      ws.once('open', () => ws.send(JSON.stringify([1, 'realm1', { roles: { caller: {} } }])));
      ws.once('message', (data: Buffer) => resolve(JSON.parse(data.toString()) as unknown[]));
    });
    ws.terminate();
    expect(welcome[0]).toBe(2);
  });
});
