/**
 * In-process cost of the JSON work the router does per routed 1 KiB call (each message is decoded
 * once and re-encoded once): `node --conditions=source --import tsx bench/router/payload-cost.ts`.
 * It shows how much of the router's per-call CPU is serializer work rather than transport work.
 */
import { decodeMessage } from '../../runtime/protocol/decode.js';
import { decodeJson, encodeJson } from '../../runtime/serializers/json.js';
import { KIB, SMALL } from './index.js';

const ROUNDS = 200_000;

function measure(name: string, fn: () => unknown): void {
  for (let i = 0; i < ROUNDS / 10; i++) fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < ROUNDS; i++) fn();
  const micros = Number(process.hrtime.bigint() - start) / ROUNDS / 1000;
  console.log(`| ${name} | ${micros.toFixed(2)} |`);
}

for (const [label, payload] of [
  ['1 KiB', KIB],
  ['small', SMALL],
] as const) {
  const frame = Buffer.from(JSON.stringify([48, 123456, {}, 'bench.echo', [payload]]));
  const parsed: unknown = JSON.parse(frame.toString('utf8'));
  const invocation = [68, 99, 12345678, {}, [payload]];
  const text = encodeJson(invocation);
  console.log(`\n| per ${label} message | µs |\n|---|---|`);
  measure('`buf.toString()` + `decodeJson` (used)', () => decodeJson(frame.toString('utf8')));
  measure('`buf.toString()` + bare `JSON.parse`', () => JSON.parse(frame.toString('utf8')));
  measure('`decodeMessage` (CALL)', () => decodeMessage(parsed));
  measure('`encodeJson` (used)', () => encodeJson(invocation));
  measure('bare `JSON.stringify`', () => JSON.stringify(invocation));
  measure('`Buffer.from(string)`', () => Buffer.from(text, 'utf8'));
}
