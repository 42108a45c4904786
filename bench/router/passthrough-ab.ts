/**
 * Router CPU per 64 KiB and 1 KiB call for another build (`BASE_SERVE`, the absolute path of its
 * `runtime/router/serve.ts`), this tree and the raw relay, interleaved per round in one process:
 *
 *   BASE_SERVE=$PWD/tmp/side-by-side-base/runtime/router/serve.ts ROUNDS=3 N=600 \
 *     node --conditions=wamp-contracts-source --import tsx bench/router/passthrough-ab.ts
 *
 * (`bash bench/side-by-side.sh <ref> ...` leaves that worktree at tmp/side-by-side-base.)
 */
import { KIB, KIB64, measureCalls } from './index.js';

const base = process.env.BASE_SERVE;
if (base === undefined) throw new Error('set BASE_SERVE to the serve.ts of the build to compare with');
const n = Number(process.env.N ?? 600);
const rounds = Number(process.env.ROUNDS ?? 3);
console.log('| round | side | 64 KiB µs/call | 1 KiB µs/call |\n|---|---|---|---|');
for (let round = 1; round <= rounds; round++) {
  for (const side of ['base', 'this', 'relay'] as const) {
    if (side === 'base') process.env.BENCH_OURS_SERVE = base;
    else delete process.env.BENCH_OURS_SERVE;
    const kind = side === 'relay' ? 'relay' : 'ours';
    const r64 = await measureCalls(kind, KIB64, n, 10);
    const r1 = await measureCalls(kind, KIB, n * 5, 100);
    console.log(`| ${round} | ${side} | ${r64.cpuPerCall.toFixed(1)} | ${r1.cpuPerCall.toFixed(1)} |`);
  }
}
