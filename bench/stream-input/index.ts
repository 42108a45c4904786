/**
 * Streaming input benchmark: chunks per second of one `Stream<Chunk>` upload through the embedded
 * router (in this process, over WebSocket on 127.0.0.1, JSON), for the untyped session (`input`
 * with `inputEnd: 'empty'`) and for a generated-style client and callee with and without caller
 * validation. The ratio to the untyped session is the cost of validating and encoding each chunk
 * on both sides (the callee always validates).
 *
 * Run: `npm run bench -- stream-input` (or `--quick`).
 */
import type { BenchOptions } from '../run.js';
import {
  binary,
  type ClientOptions,
  ContractCallee,
  ContractClient,
  type ServiceContract,
  type SessionApi,
  z,
} from '../../runtime/contracts/index.js';
import type { Session } from '../../runtime/session/session.js';
import type { CallInputChunk } from '../../runtime/session/types.js';
import { startTestRouter } from '../../runtime/testing/index.js';

interface Chunk {
  seq: number;
  data: Uint8Array;
}

// As `gen` writes it for `upload(name: string, chunks: Stream<Chunk>): number`.
const UploadContract = {
  name: 'Bench',
  prefix: 'bench.stream',
  procedures: [
    {
      name: 'upload',
      uri: 'bench.stream.upload',
      params: 1,
      kwargs: false,
      args: z.tuple([z.string()]),
      result: z.number(),
      input: z.object({ seq: z.int().min(0), data: binary() }),
      codec: true,
    },
  ],
} as const satisfies ServiceContract;

interface Rpc {
  upload(name: string, chunks: AsyncIterable<Chunk> | Iterable<Chunk>): Promise<number>;
}

class Client extends ContractClient<Rpc> {
  constructor(session: SessionApi, options: ClientOptions = {}) {
    super(session, UploadContract, options);
  }
}

class Callee extends ContractCallee {
  constructor() {
    super(UploadContract);
  }
  async upload(_name: string, chunks: AsyncIterable<Chunk>): Promise<number> {
    let bytes = 0;
    for await (const chunk of chunks) bytes += chunk.data.length;
    return bytes;
  }
}

const DATA = new Uint8Array(256).fill(7);

function* chunks(count: number): Generator<Chunk> {
  for (let seq = 0; seq < count; seq++) yield { seq, data: DATA };
}

function* rawChunks(count: number): Generator<CallInputChunk> {
  for (let seq = 0; seq < count; seq++) yield { args: [{ seq, data: DATA }] };
}

type Variant = 'session (untyped)' | 'typed, validated' | 'typed, validateArgs: false';
const VARIANTS: readonly Variant[] = ['session (untyped)', 'typed, validated', 'typed, validateArgs: false'];

async function upload(variant: Variant, caller: Session, count: number): Promise<void> {
  if (variant === 'session (untyped)') {
    // A plain callee counting the raw chunks, registered under its own URI.
    await caller.call('bench.stream.raw', ['f'], undefined, { input: rawChunks(count), inputEnd: 'empty' });
    return;
  }
  const client = new Client(caller, { validateArgs: variant === 'typed, validated' });
  const bytes = await client.rpc.upload('f', chunks(count));
  if (bytes !== count * DATA.length) throw new Error(`upload lost data: ${bytes}`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Runs the suite and prints a Markdown table. */
export async function run(options: BenchOptions): Promise<void> {
  const count = options.quick ? 2_000 : 20_000;
  const rounds = options.quick ? 3 : 7;
  const router = await startTestRouter();
  const callee = await router.connect();
  const caller = await router.connect();
  try {
    await new Callee().register(callee);
    await callee.register('bench.stream.raw', async (_args, _kwargs, context) => {
      let n = 0;
      for await (const chunk of context.input ?? []) if (chunk.args.length > 0) n++;
      return n;
    });
    // Warm-up, then interleaved rounds so drift on a shared machine hits every variant alike.
    for (const variant of VARIANTS) await upload(variant, caller, count / 4);
    const rates = new Map<Variant, number[]>(VARIANTS.map((v) => [v, []]));
    for (let r = 0; r < rounds; r++) {
      for (const variant of VARIANTS) {
        const started = performance.now();
        await upload(variant, caller, count);
        rates.get(variant)?.push(count / ((performance.now() - started) / 1000));
      }
    }
    const base = median(rates.get('session (untyped)') ?? []);
    const lines = [
      `#### Streaming input (${count} chunks of ${DATA.length} B per upload, median of ${rounds} interleaved rounds)`,
      '',
      '| variant | chunks/s | vs untyped session |',
      '| ------- | -------: | -----------------: |',
    ];
    for (const variant of VARIANTS) {
      const rate = median(rates.get(variant) ?? []);
      lines.push(`| ${variant} | ${Math.round(rate).toLocaleString('en')} | ${(rate / base).toFixed(2)}x |`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await caller.leave();
    await callee.leave();
    await router.close();
  }
}
