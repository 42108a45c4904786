/**
 * Runs the interceptor tour against an embedded router in this process and prints it:
 * `node --conditions=wamp-contracts-source --import tsx examples/interceptors/run.ts`. Exits 0 when done, 1 on failure.
 */
import { connect } from 'wamp-contracts';
import { serve } from 'wamp-contracts/router';
import { runInterceptorsTour } from './tour.js';

// Port 0: the OS picks a free port, so this never collides with a running router.
const router = await serve({
  transports: [{ type: 'websocket', host: '127.0.0.1', port: 0 }],
  realms: ['realm1'],
});
try {
  const service = await connect({ url: router.url, realm: 'realm1' });
  const client = await connect({ url: router.url, realm: 'realm1' });
  const { lines } = await runInterceptorsTour(service, client);
  for (const line of lines) process.stdout.write(`${line}\n`);
  await Promise.all([client.leave(), service.leave()]);
} catch (error) {
  process.stderr.write(
    `interceptors example failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
} finally {
  await router.close();
}
