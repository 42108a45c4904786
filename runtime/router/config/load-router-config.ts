import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { ConfigResult } from './parse-router-config.js';
import { parseRouterConfig } from './parse-router-config.js';
import type { RouterConfig } from './router-config-schema.js';
import { errorText } from '../../protocol/error-text.js';

/**
 * Reads, parses and validates a `router.json`; TLS file paths come back absolute (resolved
 * against the config file's folder). Never throws: a missing file is `config.read_failed`,
 * bad JSON is `config.json_syntax`.
 */
export async function loadRouterConfig(file: string): Promise<ConfigResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const message = errorText(error);
    return { ok: false, issues: [{ code: 'config.read_failed', path: '', message }] };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = errorText(error);
    return { ok: false, issues: [{ code: 'config.json_syntax', path: '', message: `${file}: ${message}` }] };
  }
  const result = parseRouterConfig(value);
  return result.ok ? { ok: true, config: resolveTlsPaths(result.config, dirname(resolve(file))) } : result;
}

/** Makes every `tls.cert`/`tls.key` path absolute against `base`. */
export function resolveTlsPaths(config: RouterConfig, base: string): RouterConfig {
  const transports = config.transports.map((t) =>
    t.type === 'websocket' && t.tls !== undefined
      ? { ...t, tls: { cert: resolve(base, t.tls.cert), key: resolve(base, t.tls.key) } }
      : t,
  );
  return { ...config, transports };
}
