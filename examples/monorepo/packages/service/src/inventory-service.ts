/** The inventory service: implements the `InventoryCallee` generated in `@example/contracts`. */
import {
  InventoryCallee,
  InventoryEventsClient,
  OutOfStockError,
  type Reservation,
  type StockLevel,
  UnknownSkuError,
} from '@example/contracts';
import type { InvocationContext } from 'wamp-contracts/runtime/contracts';
import type { ServiceContext } from 'wamp-contracts/service';

/** Units in stock at start-up, by article. */
const INITIAL_STOCK: Readonly<Record<string, number>> = { apple: 12, pear: 3 };

/** Under this many units left, a reservation publishes `lowStock`. */
const REORDER_THRESHOLD = 2;

/**
 * An in-memory inventory. Unknown articles throw `UnknownSkuError`, reservations beyond the stock
 * throw `OutOfStockError`, and stock falling under the threshold is published as `lowStock`.
 */
export class InventoryImpl extends InventoryCallee {
  readonly #stock = new Map(Object.entries(INITIAL_STOCK));
  #reservations = 0;

  #events: InventoryEventsClient | undefined;

  /**
   * `wamp-contracts run` passes its ServiceContext; `src/main.ts` passes `{ session }` itself. The
   * events go out on that session, which `run` connects only after constructing the class.
   */
  constructor(private readonly host: Pick<ServiceContext, 'session'>) {
    super();
  }

  get #publish(): InventoryEventsClient['publish'] {
    this.#events ??= new InventoryEventsClient(this.host.session);
    return this.#events.publish;
  }

  /** The stock level of `sku`. */
  stock(sku: string, _context: InvocationContext): StockLevel {
    return { sku, available: this.#available(sku) };
  }

  /** Takes `quantity` units of `sku` out of the stock; announces low stock before answering. */
  async reserve(req: { sku: string; quantity: number }, _context: InvocationContext): Promise<Reservation> {
    const available = this.#available(req.sku);
    if (req.quantity > available) throw new OutOfStockError({ sku: req.sku, available });
    const remaining = available - req.quantity;
    this.#stock.set(req.sku, remaining);
    if (remaining < REORDER_THRESHOLD) {
      await this.#publish.lowStock({ sku: req.sku, available: remaining }, { acknowledge: true });
    }
    this.#reservations++;
    return { reservationId: `r-${this.#reservations}`, sku: req.sku, quantity: req.quantity, remaining };
  }

  #available(sku: string): number {
    const available = this.#stock.get(sku);
    if (available === undefined) throw new UnknownSkuError({ sku });
    return available;
  }
}
