/**
 * Runs the browser example by hand in one process: builds the page, starts the embedded router
 * and the weather service, serves the page and prints its address. Ctrl-C stops everything.
 *
 * `node --conditions=wamp-contracts-source --import tsx examples/browser/serve.ts [--port 8000] [--router-port 8080]`
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { connect } from 'wamp-contracts';
import { serve } from 'wamp-contracts/router';
import { WeatherImpl } from '../weather/service.js';
import { buildBrowserExample } from './build.js';
import { serveStatic } from './static-server.js';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { port: { type: 'string', default: '8000' }, 'router-port': { type: 'string', default: '8080' } },
  strict: true,
});

const built = await buildBrowserExample(join(fileURLToPath(new URL('.', import.meta.url)), 'dist'));
const router = await serve({ transports: [{ type: 'websocket', port: Number(values['router-port']) }] });
const session = await connect({ url: router.url, realm: 'realm1' });
const service = new WeatherImpl();
await service.register(session);
const page = await serveStatic(built.outdir, Number(values.port));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    // Leave before closing the router, so the service says GOODBYE like any well-behaved peer.
    Promise.allSettled([session.leave(), page.close()])
      .then(() => router.close())
      .then(
        () => {
          process.exitCode = 0;
        },
        (error: unknown) => {
          console.error(`browser example: shutdown failed: ${String(error)}`);
          process.exitCode = 1;
        },
      );
  });
}
// Announced only once Ctrl-C is handled: a supervisor (or a test) may signal as soon as it reads this.
console.log(`router:  ${router.url} (realm realm1), weather service registered`);
console.log(`page:    ${page.url}?url=${encodeURIComponent(router.url)}`);
console.log('Ctrl-C to stop');
