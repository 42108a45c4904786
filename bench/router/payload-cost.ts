/**
 * In-process cost of the JSON work the router does per routed 1 KiB call (each message is decoded
 * once and re-encoded once): `node --conditions=wamp-contracts-source --import tsx bench/router/payload-cost.ts`.
 * It shows how much of the router's per-call CPU is serializer work rather than transport work.
 */
import { decodeMessage } from '../../runtime/protocol/decode.js';
import { invocationMessage } from '../../runtime/protocol/encode.js';
import { decodeInbound } from '../../runtime/router/transports/frame-decoder.js';
import { encodeFrame } from '../../runtime/router/transports/frame-encoder.js';
import { jsonSerializer } from '../../runtime/serializers/json.js';
import { decodeJson, encodeJson } from '../../runtime/serializers/json.js';
import { KIB, KIB64, SMALL } from './index.js';

let ROUNDS = 200_000;

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

// One CALL -> INVOCATION hop as the WebSocket link does it: payload passthrough against a full
// decode and re-encode of the same frame.
for (const [label, payload, rounds] of [
  ['1 KiB', KIB, 100_000],
  ['64 KiB', KIB64, 3_000],
] as const) {
  ROUNDS = rounds;
  const frame = Buffer.from(JSON.stringify([48, 123456, {}, 'bench.echo', [payload]]));
  console.log(`\n| one ${label} hop | µs |\n|---|---|`);
  measure('passthrough: `decodeInbound` + `encodeFrame` (used)', () => {
    const m = decodeInbound(jsonSerializer, frame, frame.toString('utf8')) as unknown[];
    return encodeFrame(jsonSerializer, invocationMessage(5, 6, {}, m[4] as unknown[]));
  });
  measure('decode + re-encode (before)', () => {
    const m = jsonSerializer.deserialize(frame.toString('utf8')) as unknown[];
    return Buffer.from(jsonSerializer.serialize(invocationMessage(5, 6, {}, m[4] as unknown[])) as string);
  });
}
