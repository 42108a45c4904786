/**
 * Streaming call input typed from the schema (`Stream<Chunk>` parameters, runtime/contracts/stream-input.ts)
 * over real WebSocket connections to the embedded router, in each serializer: chunks validated and
 * encoded on the caller, validated and decoded on the callee, a two-way stream with progressive
 * results, and every way a stream ends early (break, abort, a throwing iterable, a throwing callee).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MessageType } from '../../../runtime/protocol/index.js';
import { ErrorUri } from '../../../runtime/protocol/uris.js';
import { isWampError, type WampError } from '../../../runtime/protocol/wamp-error.js';
import type { SerializerName } from '../../../runtime/serializers/types.js';
import type { Session } from '../../../runtime/session/session.js';
import type { InvocationContext } from '../../../runtime/session/types.js';
import { startTestRouter, type TestRouter } from '../../../runtime/testing/index.js';
import {
  type FileChunk,
  FilesCallee,
  FilesClient,
  TooLargeError,
  type Uploaded,
} from '../../golden/default/out/streams.js';
import { sleep, until } from '../../helpers/timing.js';

/** The callee under test: records what its methods read and how their calls ended. */
class FilesImpl extends FilesCallee {
  /** Chunks the last upload read, in order. */
  received: FileChunk[] = [];
  /** Errors a method's read of its stream threw. */
  readErrors: unknown[] = [];
  /** Procedures whose invocation signal fired (CANCEL reached the callee as INTERRUPT). */
  aborted: string[] = [];
  /** Bytes above which `upload` throws TooLarge. */
  limit = Number.POSITIVE_INFINITY;

  private watch(name: string, context: InvocationContext): void {
    context.signal.addEventListener('abort', () => this.aborted.push(name), { once: true });
  }

  async upload(
    name: string,
    chunks: AsyncIterable<FileChunk>,
    context: InvocationContext,
  ): Promise<Uploaded> {
    this.watch('upload', context);
    this.received = [];
    let bytes = 0;
    try {
      for await (const chunk of chunks) {
        this.received.push(chunk);
        bytes += chunk.data.length;
        if (bytes > this.limit) throw new TooLargeError({ limit: this.limit });
      }
    } catch (error) {
      this.readErrors.push(error);
      throw error;
    }
    const first = this.received[0]?.sentAt;
    return { name, bytes, chunks: this.received.length, ...(first && { firstSentAt: first }) };
  }

  async *runningSum(
    start: number,
    values: AsyncIterable<number>,
    context: InvocationContext,
  ): AsyncGenerator<number, number, undefined> {
    this.watch('runningSum', context);
    let total = start;
    try {
      for await (const value of values) {
        total += value;
        yield total;
      }
    } catch (error) {
      this.readErrors.push(error);
      throw error;
    }
    return total;
  }

  async join(lines: AsyncIterable<string>): Promise<string> {
    const out: string[] = [];
    try {
      for await (const line of lines) out.push(line);
    } catch (error) {
      // Swallowed on purpose: an invalid chunk must fail the call anyway.
      this.readErrors.push(error);
    }
    return out.join('|');
  }
}

/** A source that records whether it was closed (its finally block ran). */
function tracked<T>(items: (i: number) => T | undefined, delayMs = 0) {
  const state = { closed: false, produced: 0 };
  async function* source(): AsyncGenerator<T, void, undefined> {
    try {
      for (let i = 0; ; i++) {
        const item = items(i);
        if (item === undefined) return;
        state.produced++;
        yield item;
        if (delayMs > 0) await sleep(delayMs);
      }
    } finally {
      state.closed = true;
    }
  }
  return { state, source: source() };
}

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

let router: TestRouter;
beforeAll(async () => {
  router = await startTestRouter();
});
afterAll(async () => {
  await router.close();
});

describe.each<SerializerName>(['json', 'msgpack', 'cbor'])('streaming input over %s', (serializer) => {
  let calleeSession: Session;
  let callerSession: Session;
  let impl: FilesImpl;
  let files: FilesClient;
  /** CALL messages the caller sent, as [options, args]. */
  const calls: unknown[][] = [];

  beforeAll(async () => {
    calleeSession = await router.connect({ serializer });
    callerSession = await router.connect({
      serializer,
      onMessage: (direction, message) => {
        if (direction === 'out' && message[0] === MessageType.CALL) calls.push([message[2], message[4]]);
      },
    });
    impl = new FilesImpl();
    await impl.register(calleeSession);
    files = new FilesClient(callerSession);
  });
  afterEach(() => {
    calls.length = 0;
    impl.readErrors = [];
    impl.aborted = [];
    impl.limit = Number.POSITIVE_INFINITY;
  });
  afterAll(async () => {
    await callerSession.leave();
    await calleeSession.leave();
  });

  it('delivers each chunk decoded (binary, Date, absent optional field) and answers with the result', async () => {
    const sentAt = new Date('2026-01-02T03:04:05.000Z');
    const chunks: FileChunk[] = [
      { seq: 0, data: bytes(1, 2, 3), sentAt },
      { seq: 1, data: bytes(4) },
    ];
    await expect(files.rpc.upload('a.bin', chunks)).resolves.toEqual({
      name: 'a.bin',
      bytes: 4,
      chunks: 2,
      firstSentAt: sentAt,
    });
    expect(impl.received).toEqual(chunks);
    expect(impl.received[0]?.sentAt).toBeInstanceOf(Date);
    expect(impl.received[1]?.data).toBeInstanceOf(Uint8Array);
  });

  it('sends the parameters in a first progressive CALL, one chunk per CALL, and closes with an empty CALL', async () => {
    const sentAt = new Date('2026-01-02T03:04:05.000Z');
    await files.rpc.upload('w.bin', [{ seq: 0, data: bytes(9), sentAt }]);
    expect(calls).toEqual([
      [{ progress: true }, ['w.bin']],
      [{ progress: true }, [{ seq: 0, data: bytes(9), sentAt: '2026-01-02T03:04:05.000Z' }]],
      [{}, undefined],
    ]);
  });

  it('reads an empty iterable as an empty stream', async () => {
    await expect(files.rpc.upload('empty.bin', [])).resolves.toEqual({
      name: 'empty.bin',
      bytes: 0,
      chunks: 0,
    });
    expect(impl.received).toEqual([]);
  });

  it('sends each chunk as soon as it is produced: a two-way stream can wait for each answer', async () => {
    const totals: number[] = [];
    let answered: (() => void) | undefined;
    // The input yields its next value only after the callee answered the previous one.
    async function* waitForEachTotal(): AsyncGenerator<number, void, undefined> {
      for (const value of [1, 2, 3]) {
        const seen = new Promise<void>((resolve) => {
          answered = resolve;
        });
        yield value;
        await seen;
      }
    }
    const call = files.rpc.runningSum(100, waitForEachTotal());
    for await (const total of call) {
      totals.push(total);
      answered?.();
    }
    expect(totals).toEqual([101, 103, 106]);
    await expect(call.result).resolves.toBe(106);
  });

  it('refuses an invalid chunk on the caller with invalid_argument and cancels the call at the callee', async () => {
    const { state, source } = tracked<FileChunk>((i) =>
      i === 0 ? { seq: 0, data: bytes(1) } : { seq: -1, data: bytes(2) },
    );
    const error = (await files.rpc.upload('bad.bin', source).catch((e: unknown) => e)) as WampError;
    expect(isWampError(error)).toBe(true);
    expect(error.uri).toBe(ErrorUri.INVALID_ARGUMENT);
    expect(error.message).toContain('input chunk 1 of com.example.files.upload');
    expect(state.closed).toBe(true);
    // The callee had started: CANCEL reached it, and its read of the stream ended with the cancellation.
    await until(() => impl.aborted.includes('upload'));
    await until(() => impl.readErrors.length === 1);
    expect(calls.map((c) => (c[0] as { progress?: boolean }).progress)).toEqual([true, true]);
  });

  it('fails the call with invalid_argument when a peer sends an invalid chunk, even if the code catches it', async () => {
    const error = (await callerSession
      .call('com.example.files.join', [], undefined, {
        input: [{ args: ['a'] }, { args: [42] }, { args: ['c'] }],
      })
      .catch((e: unknown) => e)) as WampError;
    expect(error.uri).toBe(ErrorUri.INVALID_ARGUMENT);
    expect(error.args[0]).toMatch(/^input chunk 1 of com\.example\.files\.join: .*string/);
    expect(impl.readErrors).toHaveLength(1);
  });

  it('applies constraint tags of the stream parameter to each chunk', async () => {
    const error = (await files.rpc.join(['short', 'x'.repeat(81)]).catch((e: unknown) => e)) as WampError;
    expect(error.uri).toBe(ErrorUri.INVALID_ARGUMENT);
    expect(error.message).toContain('input chunk 1 of com.example.files.join');
  });

  it('reads the payload of a closing CALL from another peer as the last chunk, and a plain CALL as no chunks', async () => {
    // The session's default input end sends the last item in the final CALL, as other peers may.
    const joined = await callerSession.call('com.example.files.join', [], undefined, {
      input: [{ args: ['a'] }, { args: ['b'] }],
    });
    expect(joined.args).toEqual(['a|b']);
    const plain = await callerSession.call('com.example.files.join', []);
    expect(plain.args).toEqual(['']);
  });

  it('cancels the call when the caller leaves the progressive results early', async () => {
    const { state, source } = tracked<number>((i) => i + 1, 2);
    const call = files.rpc.runningSum(0, source);
    for await (const total of call) {
      expect(total).toBe(1);
      break;
    }
    await expect(call.result).rejects.toMatchObject({ uri: ErrorUri.CANCELED });
    await until(() => impl.aborted.includes('runningSum'));
    await until(() => state.closed);
    await until(() => impl.readErrors.length === 1);
  });

  it("cancels the call through the call's abort signal, closing the caller's iterable", async () => {
    const { state, source } = tracked<FileChunk>((i) => ({ seq: i, data: bytes(i % 256) }), 2);
    const controller = new AbortController();
    const upload = files.rpc.upload('abort.bin', source, { signal: controller.signal });
    await until(() => impl.received.length >= 2);
    controller.abort();
    await expect(upload).rejects.toMatchObject({ uri: ErrorUri.CANCELED });
    await until(() => impl.aborted.includes('upload'));
    await until(() => state.closed);
  });

  it('cancels the call when the iterable throws, with the failure as the cause', async () => {
    async function* failing(): AsyncGenerator<FileChunk, void, undefined> {
      yield { seq: 0, data: bytes(1) };
      await until(() => impl.received.length === 1);
      throw new Error('disk read failed');
    }
    const error = (await files.rpc.upload('fail.bin', failing()).catch((e: unknown) => e)) as WampError;
    expect(error.uri).toBe(ErrorUri.CANCELED);
    expect(error.message).toContain('disk read failed');
    expect((error.cause as Error).message).toBe('disk read failed');
    await until(() => impl.aborted.includes('upload'));
  });

  it("rejects with the callee's typed error when it throws mid-stream, and stops reading the iterable", async () => {
    impl.limit = 3;
    const { state, source } = tracked<FileChunk>((i) => ({ seq: i, data: bytes(1, 2) }), 1);
    await expect(files.rpc.upload('big.bin', source)).rejects.toBeInstanceOf(TooLargeError);
    await until(() => state.closed);
    expect(impl.received).toHaveLength(2);
  });

  it('refuses a stream argument that is not iterable with invalid_argument, before anything is sent', async () => {
    const error = (await files.rpc
      .upload('x.bin', 42 as unknown as FileChunk[])
      .catch((e: unknown) => e)) as WampError;
    expect(error.uri).toBe(ErrorUri.INVALID_ARGUMENT);
    expect(calls).toEqual([]);
  });
});
