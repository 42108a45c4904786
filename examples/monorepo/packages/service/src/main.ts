/**
 * Runs the inventory service until Ctrl-C: `npm start [-- --url ws://127.0.0.1:8080/ws --realm realm1]`.
 */
import { parseArgs } from 'node:util';
import { connect } from 'wamp-contracts';
import { InventoryImpl } from './inventory-service.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'ws://127.0.0.1:8080/ws' },
    realm: { type: 'string', default: 'realm1' },
  },
  strict: true,
});

const session = await connect({ url: values.url, realm: values.realm });
// A failing handler or a lost registration is reported here; the session keeps running.
session.on('error', (error, where) => {
  console.error(`inventory service: ${where}: ${error instanceof Error ? error.message : String(error)}`);
});
// The service publishes its events on the session it registers on.
const service = new InventoryImpl({ session });
await service.register(session);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    // Unregister first so that no new call arrives, then say GOODBYE.
    service
      .unregister()
      .then(() => session.leave())
      .then(
        () => {
          process.exitCode = 0;
        },
        (error: unknown) => {
          console.error(`inventory service: shutdown failed: ${String(error)}`);
          process.exitCode = 1;
        },
      );
  });
}
// Announced only once Ctrl-C is handled: a supervisor (or a test) may signal as soon as it reads this.
console.log(`inventory service registered on ${values.url} (realm ${values.realm}); Ctrl-C to stop`);
