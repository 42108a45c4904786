/**
 * Runs the weather service against a router until Ctrl-C:
 * `node --conditions=wamp-contracts-source --import tsx examples/weather/run-service.ts [--url ws://...] [--realm realm1]`.
 */
import { connect } from 'wamp-contracts';
import { parseEndpoint } from './endpoint.js';
import { WeatherImpl } from './service.js';

const { url, realm } = parseEndpoint(process.argv.slice(2));
const session = await connect({ url, realm });
session.on('error', (error, where) => {
  console.error(`weather service: ${where}: ${error instanceof Error ? error.message : String(error)}`);
});
const service = new WeatherImpl();
await service.register(session);

const stop = async (): Promise<void> => {
  // Unregister first so that no new call arrives, then say GOODBYE.
  await service.unregister();
  await session.leave();
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stop().then(
      () => {
        process.exitCode = 0;
      },
      (error: unknown) => {
        console.error(`weather service: shutdown failed: ${String(error)}`);
        process.exitCode = 1;
      },
    );
  });
}
// Announced only once Ctrl-C is handled: a supervisor (or a test) may signal as soon as it reads this.
console.log(`weather service registered on ${url} (realm ${realm}); Ctrl-C to stop`);
