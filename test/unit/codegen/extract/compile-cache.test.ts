import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const script = fileURLToPath(new URL('../../../fixtures/compile-cache/extract-once.ts', import.meta.url));
const generateScript = fileURLToPath(
  new URL('../../../fixtures/compile-cache/generate-once.ts', import.meta.url),
);

interface Run {
  loaded: 'hit' | 'miss' | 'rejected' | 'off';
  written: boolean;
  file: string | null;
  procedures: string[];
  errors: number;
}

// Each run is a fresh Node process: the cache only matters across processes.
function run(cacheDir: string, env: Record<string, string> = {}, file = script): Run {
  const output = execFileSync(process.execPath, ['--import', 'tsx', file], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, WAMP_CONTRACTS_CACHE_DIR: cacheDir, ...env },
  });
  return JSON.parse(output) as Run;
}

describe('compiler code cache', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'wc-compile-cache-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the cache after the first extraction, and the next process loads from it', () => {
    const first = run(dir);
    expect(first).toMatchObject({ loaded: 'miss', written: true, procedures: ['com.a.ping'], errors: 0 });
    expect(first.file !== null && existsSync(first.file)).toBe(true);
    const second = run(dir);
    expect(second).toMatchObject({ loaded: 'hit', written: false, procedures: ['com.a.ping'] });
    expect(second.file).toBe(first.file);
  });

  it('is written by a full generate() in a form the next process accepts (the batch JIT flag is restored first)', () => {
    const first = run(dir, {}, generateScript);
    expect(first).toMatchObject({ loaded: 'miss', written: true, procedures: 20, files: 5, errors: 0 });
    // V8 keys cached data by the process's flags: data written under the batch budget would be refused.
    expect(run(dir, {}, generateScript)).toMatchObject({ loaded: 'hit', written: false, procedures: 20 });
    expect(run(dir)).toMatchObject({ loaded: 'hit', written: false, procedures: ['com.a.ping'] });
  });

  it('replaces a corrupt cache file and still extracts', () => {
    const { file } = run(dir);
    writeFileSync(file ?? '', 'not a V8 code cache');
    const broken = run(dir);
    expect(broken).toMatchObject({ loaded: 'rejected', written: true, procedures: ['com.a.ping'] });
    expect(run(dir).loaded).toBe('hit');
  });

  it('removes caches of other compiler or Node versions when it writes', () => {
    const stale = path.join(dir, 'typescript-0000000000000000.v8cache');
    writeFileSync(stale, 'old');
    const { file } = run(dir);
    expect(readdirSync(dir)).toEqual([path.basename(file ?? '')]);
  });

  it('is off with WAMP_CONTRACTS_COMPILE_CACHE=0 and extraction still works', () => {
    const off = run(dir, { WAMP_CONTRACTS_COMPILE_CACHE: '0' });
    expect(off).toMatchObject({ loaded: 'off', written: false, file: null, procedures: ['com.a.ping'] });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps working when the cache folder cannot be written', () => {
    const blocked = path.join(dir, 'a-file');
    writeFileSync(blocked, '');
    // A cache folder below a regular file cannot be created.
    const result = run(path.join(blocked, 'cache'));
    expect(result).toMatchObject({ loaded: 'miss', written: false, procedures: ['com.a.ping'] });
  });
});
