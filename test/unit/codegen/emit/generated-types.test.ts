import { describe, expectTypeOf, it } from 'vitest';
import type { ProgressiveResult } from '../../../../runtime/contracts/progressive-result.js';
import type { CallOptions, InvocationContext, Subscription } from '../../../../runtime/session/types.js';
import type { Reading, Summary, WeatherCallee, WeatherClient } from '../../../golden/default/out/services.js';
import type { FileChunk, FilesCallee, FilesClient, Uploaded } from '../../../golden/default/out/streams.js';
import type { WeatherAlert, WeatherEventsClient } from '../../../golden/default/out/topics.js';

type Rpc = WeatherClient['rpc'];

describe('types of the generated code', () => {
  it('types a procedure as its parameters, then optional call options, resolving to the result', () => {
    expectTypeOf<Rpc['getForecast']>().toEqualTypeOf<
      (city: string, days?: number, options?: CallOptions) => Promise<Reading>
    >();
  });

  it('types a Progress procedure as a ProgressiveResult of chunk and result', () => {
    expectTypeOf<ReturnType<Rpc['watchStation']>>().toEqualTypeOf<ProgressiveResult<Reading, Summary>>();
  });

  it('gives callee methods optional parameters as T | undefined, then the invocation context', () => {
    expectTypeOf<Parameters<WeatherCallee['getForecast']>>().toEqualTypeOf<
      [city: string, days: number | undefined, context: InvocationContext]
    >();
  });

  it('types callee Progress methods as async generators of chunk and result', () => {
    expectTypeOf<ReturnType<WeatherCallee['watchStation']>>().toEqualTypeOf<
      AsyncGenerator<Reading, Summary, undefined>
    >();
  });

  it('types a Stream parameter on the caller as any iterable of the chunk, before the call options', () => {
    expectTypeOf<FilesClient['rpc']['upload']>().toEqualTypeOf<
      (
        name: string,
        chunks: AsyncIterable<FileChunk> | Iterable<FileChunk>,
        options?: CallOptions,
      ) => Promise<Uploaded>
    >();
  });

  it('types a Stream parameter on the callee as an async iterable of the chunk, before the context', () => {
    expectTypeOf<Parameters<FilesCallee['upload']>>().toEqualTypeOf<
      [name: string, chunks: AsyncIterable<FileChunk>, context: InvocationContext]
    >();
  });

  it('types a Stream with Progress as a two-way stream on both sides', () => {
    expectTypeOf<FilesClient['rpc']['runningSum']>().toEqualTypeOf<
      (
        start: number,
        values: AsyncIterable<number> | Iterable<number>,
        options?: CallOptions,
      ) => ProgressiveResult<number, number>
    >();
    expectTypeOf<FilesCallee['runningSum']>().toEqualTypeOf<
      (
        start: number,
        values: AsyncIterable<number>,
        context: InvocationContext,
      ) => AsyncGenerator<number, number, undefined>
    >();
  });

  it('types topic subscriptions with the payload type', () => {
    type Subscribe = WeatherEventsClient['subscribe']['alert'];
    expectTypeOf<Parameters<Parameters<Subscribe>[0]>[0]>().toEqualTypeOf<WeatherAlert>();
    expectTypeOf<ReturnType<Subscribe>>().toEqualTypeOf<Promise<Subscription>>();
  });
});
