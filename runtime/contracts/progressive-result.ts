/**
 * What a generated client returns for a `Progress<Chunk, Result>` procedure: iterate it for the
 * progressive chunks, await `result` for the final value. Iterating is optional.
 *
 * @example
 * const call = weather.rpc.watchStation('s1');
 * for await (const reading of call) show(reading);
 * const summary = await call.result;
 */
export interface ProgressiveResult<Chunk, Result> extends AsyncIterable<Chunk> {
  readonly result: Promise<Result>;
}
