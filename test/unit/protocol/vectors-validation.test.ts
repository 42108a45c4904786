/**
 * Runs the wamp-proto test-suite vectors (test/vectors/wamp-proto, see its README) through the
 * decoder: every ValidationSample, and the first JSON variant of every SerializationSample.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ViolationCode } from '../../../runtime/protocol/index.js';
import { decodeMessage } from '../../../runtime/protocol/index.js';

interface Sample {
  description: string;
  wmsg?: unknown;
  expected_error?: { type: string; contains: string };
  serializers?: Record<string, Array<{ bytes?: string }>>;
}

const root = join(dirname(fileURLToPath(import.meta.url)), '../../vectors/wamp-proto/singlemessage');

function vectorFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? vectorFiles(path) : name.endsWith('.json') ? [path] : [];
    });
}

/** `file :: description` for every sample, in file order. */
const samples: Array<[string, Sample]> = vectorFiles(root).flatMap((path) => {
  const vector = JSON.parse(readFileSync(path, 'utf8')) as { samples: Sample[] };
  return vector.samples.map((s): [string, Sample] => [`${basename(path)} :: ${s.description}`, s]);
});
const validation = samples.filter(([, s]) => s.wmsg !== undefined);
const serialization = samples.filter(([, s]) => s.serializers !== undefined);

const VENDOR_KEY =
  'vendor/extension key, not in checklist A.4: unknown keys are ignored (A.1), never rejected';
const BARE_PAYLOAD =
  'autobahn "transparent payload" layout: a bare value in the Arguments|list slot; RFC payload passthru uses a list';

/** Samples where we deliberately differ from the vector (or agree for another reason): our outcome and why. */
const deviations = new Map<string, { outcome: 'ok' | ViolationCode; reason: string }>([
  [
    'event.json :: EVENT.Details.transaction_hash with invalid type int',
    { outcome: 'ok', reason: VENDOR_KEY },
  ],
  [
    'event.json :: EVENT.Details.x_acknowledged_delivery with invalid type string',
    { outcome: 'ok', reason: VENDOR_KEY },
  ],
  ['event.json :: EVENT.Details.forward_for with invalid type string', { outcome: 'ok', reason: VENDOR_KEY }],
  [
    'event.json :: EVENT.Details.enc_algo cryptobox (valid with payload)',
    { outcome: 'bad_list', reason: BARE_PAYLOAD },
  ],
  [
    'event.json :: EVENT.Details.enc_algo with invalid value',
    { outcome: 'bad_list', reason: `rejected as the vector says, but for the layout: ${BARE_PAYLOAD}` },
  ],
  [
    'event.json :: EVENT.Details.enc_serializer cbor (valid with payload)',
    { outcome: 'bad_list', reason: BARE_PAYLOAD },
  ],
  [
    'publish.json :: PUBLISH.Options.transaction_hash with invalid type int',
    { outcome: 'ok', reason: VENDOR_KEY },
  ],
  [
    'publish.json :: PUBLISH.Options.forward_for with invalid type string',
    { outcome: 'ok', reason: VENDOR_KEY },
  ],
  [
    'publish.json :: PUBLISH.Options.enc_algo cryptobox (valid with payload)',
    { outcome: 'bad_list', reason: BARE_PAYLOAD },
  ],
  [
    'publish.json :: PUBLISH.Options.enc_algo with invalid value',
    { outcome: 'bad_list', reason: `rejected as the vector says, but for the layout: ${BARE_PAYLOAD}` },
  ],
  [
    'publish.json :: PUBLISH.Options.enc_serializer cbor (valid with payload)',
    { outcome: 'bad_list', reason: BARE_PAYLOAD },
  ],
  [
    'subscribe.json :: SUBSCRIBE.Options.forward_for with invalid type string',
    { outcome: 'ok', reason: VENDOR_KEY },
  ],
  // Serialization samples (first JSON variant).
  [
    'event.json :: EVENT with transparent payload (encrypted E2E)',
    { outcome: 'bad_list', reason: BARE_PAYLOAD },
  ],
  [
    'event.json :: EVENT with both forward_for and E2EE (advanced R-Link + encryption)',
    { outcome: 'bad_list', reason: BARE_PAYLOAD },
  ],
  [
    'publish.json :: PUBLISH with transparent payload (encrypted E2E)',
    { outcome: 'bad_list', reason: BARE_PAYLOAD },
  ],
  [
    'publish.json :: PUBLISH with both forward_for and E2EE (advanced R-Link + encryption)',
    { outcome: 'bad_list', reason: BARE_PAYLOAD },
  ],
]);

function outcomeOf(value: unknown): 'ok' | ViolationCode {
  const r = decodeMessage(value);
  return r.ok ? 'ok' : r.violation.code;
}

describe('wamp-proto validation samples', () => {
  it('are all present (PUBLISH 35, EVENT 21, SUBSCRIBE 11)', () => {
    expect(validation.length).toBe(67);
  });

  it.each(validation.filter(([key]) => !deviations.has(key)))('%s', (_key, sample) => {
    const r = decodeMessage(sample.wmsg);
    if (sample.expected_error === undefined) {
      expect(r.ok ? 'ok' : r.violation.message).toBe('ok');
    } else {
      expect(r.ok).toBe(false);
      // Our violation text names the offending key, as the vector's `contains` asks.
      expect(!r.ok && r.violation.message).toContain(sample.expected_error.contains);
    }
  });

  it.each(validation.filter(([key]) => deviations.has(key)))('deviation: %s', (key, sample) => {
    expect(outcomeOf(sample.wmsg)).toBe(deviations.get(key)?.outcome);
  });
});

describe('wamp-proto serialization samples (first JSON variant)', () => {
  it('are all present (35 samples)', () => {
    expect(serialization.length).toBe(35);
  });

  it.each(serialization.filter(([key]) => !deviations.has(key)))('%s is accepted', (_key, sample) => {
    const text = sample.serializers?.json?.[0]?.bytes;
    expect(typeof text).toBe('string');
    // "\u0000"+base64 strings stay strings here; the serializer maps them to bytes.
    const r = decodeMessage(JSON.parse(text as string));
    expect(r.ok ? 'ok' : r.violation.message).toBe('ok');
  });

  it.each(serialization.filter(([key]) => deviations.has(key)))('deviation: %s', (key, sample) => {
    const text = sample.serializers?.json?.[0]?.bytes as string;
    expect(outcomeOf(JSON.parse(text))).toBe(deviations.get(key)?.outcome);
  });
});

describe('the deviation list', () => {
  it('names only samples that exist', () => {
    const keys = new Set(samples.map(([key]) => key));
    expect([...deviations.keys()].filter((key) => !keys.has(key))).toEqual([]);
  });

  it('gives a reason for every entry', () => {
    for (const { reason } of deviations.values()) expect(reason.length).toBeGreaterThan(10);
  });
});
