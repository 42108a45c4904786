/**
 * The inventory contract shared by the service and the client packages: stock levels, reservations
 * with typed errors, and a low-stock event.
 */
import type { Service, Topics, WampError } from 'wamp-contracts/schema';

/** How many units of one article are in stock. */
export interface StockLevel {
  /** @minLength 1 @maxLength 32 */
  sku: string;
  /** @int @minimum 0 */
  available: number;
}

/** A confirmed reservation. */
export interface Reservation {
  /** @minLength 1 */
  reservationId: string;
  sku: string;
  /** @int @minimum 1 */
  quantity: number;
  /** @int @minimum 0 */
  remaining: number;
}

/** Stock fell under the reorder threshold. */
export interface LowStock {
  sku: string;
  /** @int @minimum 0 */
  available: number;
}

/** The article is not in the catalogue. */
export type UnknownSku = WampError<'com.example.inventory.unknown_sku', { sku: string }>;

/** Fewer units are available than were asked for. */
export type OutOfStock = WampError<'com.example.inventory.out_of_stock', { sku: string; available: number }>;

/** Stock levels and reservations. */
export interface Inventory extends Service<'com.example.inventory'> {
  /**
   * The current stock level of one article.
   * @throws UnknownSku
   */
  stock(sku: string): StockLevel;
  /**
   * Reserves units of an article.
   * @kwargs
   * @throws UnknownSku
   * @throws OutOfStock
   */
  reserve(req: {
    sku: string;
    /** @int @minimum 1 @maximum 100 */
    quantity: number;
  }): Reservation;
}

/** Inventory events. */
export interface InventoryEvents extends Topics<'com.example.inventory'> {
  /** Stock of an article fell under its reorder threshold (topic com.example.inventory.low_stock). */
  lowStock: LowStock;
}
