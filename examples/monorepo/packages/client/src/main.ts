/**
 * A one-shot inventory client: reads stock, reserves, receives the low-stock event and catches both
 * typed errors by class, then leaves. `npm start [-- --url ws://127.0.0.1:8080/ws --realm realm1]`.
 */
import { parseArgs } from 'node:util';
import {
  InventoryClient,
  InventoryEventsClient,
  type LowStock,
  OutOfStockError,
  UnknownSkuError,
} from '@example/contracts';
import { connect } from 'wamp-contracts';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'ws://127.0.0.1:8080/ws' },
    realm: { type: 'string', default: 'realm1' },
  },
  strict: true,
});

const session = await connect({ url: values.url, realm: values.realm });
try {
  const inventory = new InventoryClient(session);
  const events = new InventoryEventsClient(session);
  // Subscribe before reserving: the service publishes lowStock while it answers the reservation.
  let received: (event: LowStock) => void = () => undefined;
  const lowStock = new Promise<LowStock>((resolve) => {
    received = resolve;
  });
  await events.subscribe.lowStock((event) => received(event));

  // Arguments and results are validated against the contract on both sides.
  const apple = await inventory.rpc.stock('apple');
  console.log(`stock: ${apple.sku} ${apple.available}`);

  const reservation = await inventory.rpc.reserve({ sku: 'pear', quantity: 2 });
  console.log(`reserved: ${reservation.quantity} ${reservation.sku} as ${reservation.reservationId}`);
  const event = await within(5_000, lowStock, 'no lowStock event');
  console.log(`event lowStock: ${event.sku} ${event.available} left`);

  // Typed errors arrive as instances of the generated classes, with a validated payload.
  try {
    await inventory.rpc.reserve({ sku: 'pear', quantity: 5 });
  } catch (error) {
    if (!(error instanceof OutOfStockError)) throw error;
    console.log(`OutOfStockError: ${error.payload.sku}, ${error.payload.available} available`);
  }
  try {
    await inventory.rpc.stock('kiwi');
  } catch (error) {
    if (!(error instanceof UnknownSkuError)) throw error;
    console.log(`UnknownSkuError: ${error.payload.sku}`);
  }
} catch (error) {
  console.error(`inventory client failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  // GOODBYE, so the process exits on its own once the socket closes.
  await session.leave();
}

/** `promise`, or a rejection naming `what` after `ms` milliseconds. */
function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
