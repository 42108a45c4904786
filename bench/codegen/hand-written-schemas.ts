/**
 * Hand-written zod schemas equivalent to the generated `ForecastSchema` (weather) and `Item<N>Schema`
 * (synthetic contract), written as a user would write them, for the validation benchmark. Optional
 * fields use `.exactOptional()` as the generated ones do, so both sides accept and reject the same inputs.
 */
import { z } from 'zod';

/** The hand-written schemas; built on call, because zod fixes its JIT choice when a schema is created. */
export interface HandWrittenSchemas {
  readonly forecast: z.ZodType;
  readonly item: z.ZodType;
}

/** Builds the hand-written schemas under the current `z.config()`. */
export function createHandWrittenSchemas(): HandWrittenSchemas {
  const forecast = z.object({
    city: z.string(),
    tempC: z.number().min(-90).max(60),
    sky: z.enum(['sun', 'cloud', 'rain']),
    issuedAt: z.iso.datetime({ offset: true }),
  });
  const money = z.object({ amount: z.int(), currency: z.enum(['EUR', 'USD', 'GBP']) });
  const audit = z.object({
    by: z.string(),
    at: z.iso.datetime({ offset: true }),
    reason: z.string().exactOptional(),
  });
  const address = z.object({
    street: z.string(),
    city: z.string(),
    zip: z.string().exactOptional(),
    country: z.enum(['FR', 'DE', 'GB', 'US']),
    lines: z.array(z.string()),
  });
  const item = z.object({
    id: z.string(),
    name: z.string().min(1).max(80),
    price: money,
    status: z.enum(['draft', 'active', 'archived']),
    address,
    labels: z.array(z.string()).exactOptional(),
    history: z.array(audit),
    related: z.array(z.string()),
  });
  return { forecast, item };
}

/** The small payload: one weather `Forecast`. */
export const SMALL_PAYLOAD = {
  city: 'Lyon',
  tempC: 21.5,
  sky: 'sun',
  issuedAt: '2026-11-21T12:00:00Z',
} as const;

/** A synthetic `Item` of about 1 KiB as JSON (nested objects, arrays, optionals, literal unions). */
export const KIB_PAYLOAD = {
  id: 'item-000042',
  name: 'Walnut writing desk with two drawers',
  price: { amount: 129900, currency: 'EUR' },
  status: 'active',
  address: {
    street: '12 rue de la République',
    city: 'Lyon',
    zip: '69002',
    country: 'FR',
    lines: ['Building B', 'Third floor, door on the left'],
  },
  labels: ['furniture', 'wood', 'office', 'sale', 'handmade', 'oak-finish', 'delivery'],
  history: [
    { by: 'alice', at: '2026-11-01T09:15:00Z', reason: 'created from the spring catalogue import' },
    { by: 'bob', at: '2026-11-03T14:02:11+01:00', reason: 'price corrected after supplier update' },
    { by: 'carol', at: '2026-11-10T08:00:00Z' },
    { by: 'frank', at: '2026-11-12T10:30:00Z', reason: 'description rewritten for the winter catalogue' },
    { by: 'dave', at: '2026-11-15T17:45:30Z', reason: 'photos replaced with the studio set from November' },
    { by: 'erin', at: '2026-11-20T11:11:11Z', reason: 'status set to active' },
  ],
  related: [
    'item-000041',
    'item-000040',
    'item-000017',
    'item-000123',
    'item-000256',
    'item-000512',
    'item-001024',
    'item-002048',
  ],
} as const;

/** Variants of {@link SMALL_PAYLOAD} every validator must reject. */
export const SMALL_REJECTED: readonly unknown[] = [
  { ...SMALL_PAYLOAD, tempC: 99 },
  { ...SMALL_PAYLOAD, sky: 'snow' },
];

// An explicit `undefined` on an exactly optional field is rejected (`exactOptionalPropertyTypes`).
const [firstAudit, ...otherAudits] = KIB_PAYLOAD.history;

/** Variants of {@link KIB_PAYLOAD} every validator must reject, including explicit `undefined` optionals. */
export const KIB_REJECTED: readonly unknown[] = [
  { ...KIB_PAYLOAD, price: { amount: 1.5, currency: 'EUR' } },
  { ...KIB_PAYLOAD, labels: undefined },
  { ...KIB_PAYLOAD, address: { ...KIB_PAYLOAD.address, zip: undefined } },
  { ...KIB_PAYLOAD, history: [{ ...firstAudit, reason: undefined }, ...otherAudits] },
];
