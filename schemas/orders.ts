/**
 * A realistic shop contract: branded ids, money, a generic page, discriminated unions, Date, errors with
 * payloads, a keyword-argument procedure, a progressive export and order events.
 */
import type { Progress, Service, Topics, WampError } from 'wamp-contracts/schema';

/** An order id, issued by the order service only. */
export type OrderId = string & { __brand: 'OrderId' };

/** A customer id. */
export type CustomerId = string & { __brand: 'CustomerId' };

/** An amount in minor units (cents). */
export interface Money {
  /** @int */
  amount: number;
  currency: 'EUR' | 'USD' | 'GBP';
}

/** One line of an order. */
export interface OrderLine {
  /** @minLength 1 @maxLength 64 */
  sku: string;
  /** @int @minimum 1 @maximum 999 */
  quantity: number;
  unitPrice: Money;
}

/** How an order is paid. */
export type PaymentMethod =
  | { kind: 'card'; last4: string; brand: 'visa' | 'mastercard' | 'amex' }
  | { kind: 'transfer'; iban: string }
  | { kind: 'voucher'; code: string; remaining?: Money };

/** Where an order is in its life. */
export type OrderStatus = 'pending' | 'paid' | 'shipped' | 'delivered' | 'cancelled';

/** An order. */
export interface Order {
  id: OrderId;
  customerId: CustomerId;
  /** @minLength 1 */
  lines: OrderLine[];
  total: Money;
  status: OrderStatus;
  payment: PaymentMethod;
  createdAt: Date;
  /** Free text for the courier. @maxLength 500 */
  note?: string;
  /**
   * The legacy numeric id.
   * @deprecated use `id`
   */
  legacyId?: number;
}

/** A page of results and the cursor of the next one. */
export interface Page<T> {
  items: T[];
  /** Absent on the last page. */
  nextCursor?: string;
}

/** A line of the CSV export, streamed as it is produced. */
export type CsvChunk = { line: string; index: number };

/** No order has this id. */
export type OrderNotFound = WampError<'com.example.shop.order_not_found', { id: OrderId }>;

/** The payment provider declined the payment. */
export type PaymentDeclined = WampError<
  'com.example.shop.payment_declined',
  { reason: string; retryable: boolean }
>;

/** Some items are out of stock. */
export type OutOfStock = WampError<'com.example.shop.out_of_stock', { skus: string[] }>;

/** The order can no longer change. */
export type OrderLocked = WampError<'com.example.shop.order_locked'>;

/** Places, reads and cancels orders. */
export interface Orders extends Service<'com.example.shop.orders'> {
  /**
   * Places an order and charges it.
   * @kwargs
   * @throws PaymentDeclined
   * @throws OutOfStock
   */
  place(order: { customerId: CustomerId; lines: OrderLine[]; payment: PaymentMethod; note?: string }): Order;
  /** @throws OrderNotFound */
  get(id: OrderId): Order;
  /**
   * Lists a customer's orders, newest first.
   * @param limit page size, 20 by default
   */
  list(
    customerId: CustomerId,
    cursor?: string,
    /** @int @minimum 1 @maximum 100 */ limit?: number,
  ): Page<Order>;
  /**
   * Cancels an order that has not shipped.
   * @throws OrderNotFound
   * @throws OrderLocked
   */
  cancel(id: OrderId, reason?: string): Order;
  /** Exports a customer's orders as CSV lines, then returns the line count. */
  exportCsv(customerId: CustomerId, since?: Date): Progress<CsvChunk, number>;
}

/** Order events. */
export interface OrderEvents extends Topics<'com.example.shop.orders'> {
  /** An order was placed. */
  created: Order;
  /**
   * An order changed status.
   * @kwargs
   */
  statusChanged: { id: OrderId; from: OrderStatus; to: OrderStatus; at: Date };
}
