/**
 * Checks JSON blocks: every one parses; ```` ```json router-config ```` blocks pass
 * `parseRouterConfig`; ```` ```json gen-config ```` blocks pass the `gen` configuration loader.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../codegen/cli/config.js';
import { formatConfigIssues, parseRouterConfig } from '../../runtime/router/config/index.js';
import { type DocBlock, blockLocation } from './markdown-blocks.js';

/** Info-string languages read as JSON (`jsonc` allows whole-line `//` comments). */
export const JSON_LANGS: ReadonlySet<string> = new Set(['json', 'jsonc']);

/** Parses a JSON block, dropping whole-line `//` comments in `jsonc`. */
export function parseJsonBlock(block: DocBlock): unknown {
  const text =
    block.lang === 'jsonc'
      ? block.code
          .split('\n')
          .map((line) => (line.trimStart().startsWith('//') ? '' : line))
          .join('\n')
      : block.code;
  return JSON.parse(text);
}

/** Validates one JSON block; returns failure messages. */
export function checkJsonBlock(block: DocBlock): string[] {
  let value: unknown;
  try {
    value = parseJsonBlock(block);
  } catch (error) {
    return [`${blockLocation(block)}: invalid JSON: ${(error as Error).message}`];
  }
  if (block.tags.includes('router-config')) {
    const result = parseRouterConfig(value);
    if (!result.ok) return [`${blockLocation(block)}: router config: ${formatConfigIssues(result.issues)}`];
  }
  if (block.tags.includes('gen-config')) {
    // The loader reads a file, so the block is written to a temporary directory and loaded from there.
    const dir = mkdtempSync(join(tmpdir(), 'doc-gen-config-'));
    try {
      writeFileSync(join(dir, 'wamp-contracts.config.json'), JSON.stringify(value));
      loadConfig(dir, undefined, {});
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      return [`${blockLocation(block)}: gen config: ${error.message}`];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return [];
}
