/** Where the standalone weather scripts connect: `--url`/`--realm` flags, else the router defaults. */
import { parseArgs } from 'node:util';

/** A router URL and realm. */
export interface Endpoint {
  readonly url: string;
  readonly realm: string;
}

/** Reads `--url` and `--realm` from `argv` (default `ws://127.0.0.1:8080/ws`, realm `realm1`). */
export function parseEndpoint(argv: readonly string[]): Endpoint {
  const { values } = parseArgs({
    args: [...argv],
    options: { url: { type: 'string' }, realm: { type: 'string' } },
    strict: true,
  });
  return { url: values.url ?? 'ws://127.0.0.1:8080/ws', realm: values.realm ?? 'realm1' };
}
