/**
 * Checks shell blocks: every `npm run <script>` names a script of the nearest package.json, and
 * every `wamp-contracts <command>` names a CLI command with flags its `--help` lists.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { promisify } from 'node:util';
import { type DocBlock, blockLocation } from './markdown-blocks.js';

/** Info-string languages read as shell commands. */
export const SHELL_LANGS: ReadonlySet<string> = new Set(['sh', 'bash', 'shell', 'console']);

/** One CLI invocation found in a shell block. */
export interface CliUse {
  readonly location: string;
  readonly command: string;
  readonly flags: readonly string[];
}

/** One `npm run` found in a shell block. */
export interface NpmRunUse {
  readonly location: string;
  readonly script: string;
  /** The package.json (relative to the root) whose scripts it must name. */
  readonly packageJson: string;
}

/** Splits a command line into words, honouring single and double quotes. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (const match of line.matchAll(pattern)) words.push(match[1] ?? match[2] ?? match[3] ?? '');
  return words;
}

// Statements of a block: continuation lines joined, prompts and comments removed, split at ; && || |.
function statements(code: string): { index: number; text: string }[] {
  const out: { index: number; text: string }[] = [];
  const lines = code.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let text = lines[i] ?? '';
    while (text.endsWith('\\') && i + 1 < lines.length) text = `${text.slice(0, -1)} ${lines[++i] ?? ''}`;
    text = text.replace(/^\s*\$\s+/, '').replace(/(^|\s)#.*$/, '');
    for (const part of text.split(/&&|\|\||;|\|/))
      if (part.trim() !== '') out.push({ index: start, text: part.trim() });
  }
  return out;
}

// The package.json that `npm run` in a doc refers to: the doc's own package, else the root's.
function nearestPackageJson(root: string, docFile: string): string {
  let dir = posix.dirname(docFile);
  while (dir !== '.' && dir !== '') {
    if (existsSync(join(root, dir, 'package.json'))) return posix.join(dir, 'package.json');
    dir = posix.dirname(dir);
  }
  return 'package.json';
}

/** Finds the npm scripts and CLI commands that shell blocks use. */
export function findShellUses(
  root: string,
  blocks: readonly DocBlock[],
): { npm: NpmRunUse[]; cli: CliUse[] } {
  const npm: NpmRunUse[] = [];
  const cli: CliUse[] = [];
  for (const block of blocks) {
    for (const { index, text } of statements(block.code)) {
      const words = shellWords(text);
      const location = blockLocation(block, index);
      if (words[0] === 'npm' && (words[1] === 'run' || words[1] === 'run-script')) {
        const script = words.slice(2).find((w) => !w.startsWith('-'));
        if (script !== undefined)
          npm.push({ location, script, packageJson: nearestPackageJson(root, block.file) });
        continue;
      }
      // `wamp-contracts gen`, `npx wamp-contracts gen`, `node ... runtime/cli/dev-entry.ts gen`, `node ... bin/wamp-contracts.js gen`.
      const at = words.findIndex(
        (w, i) =>
          (w === 'wamp-contracts' && (i === 0 || words[i - 1] === 'npx')) ||
          (words[0] === 'node' && /(?:dev-entry\.ts|wamp-contracts\.js)$/.test(w)),
      );
      if (at === -1) continue;
      const rest = words.slice(at + 1);
      const command = rest[0];
      if (command === undefined || command.startsWith('-')) continue;
      const flags = rest
        .slice(1)
        .filter((w) => /^--?[a-zA-Z]/.test(w))
        .map((w) => w.split('=')[0] ?? w);
      cli.push({ location, command, flags });
    }
  }
  return { npm, cli };
}

/** The commands of `runtime/cli/main.ts`'s table, read from its source. */
export function cliCommands(root: string): string[] {
  const source = readFileSync(join(root, 'runtime/cli/main.ts'), 'utf8');
  const table = source.slice(
    source.indexOf('const commands'),
    source.indexOf('\n};', source.indexOf('const commands')),
  );
  return [...table.matchAll(/^ {2}([a-z][\w-]*): \{/gm)].map((m) => m[1] ?? '');
}

/** Runs `<command> --help` through the dev entry and returns the flags it mentions. */
export async function helpFlags(root: string, command: string): Promise<Set<string>> {
  const { stdout, stderr } = await promisify(execFile)(
    process.execPath,
    ['--conditions=wamp-contracts-source', '--import', 'tsx', 'runtime/cli/dev-entry.ts', command, '--help'],
    { cwd: root },
  );
  const text = `${stdout}\n${stderr}`;
  const flags = new Set([...text.matchAll(/(?:^|[\s[(|,])(--?[a-zA-Z][\w-]*)/g)].map((m) => m[1] ?? ''));
  if (!flags.has('--help')) throw new Error(`wamp-contracts ${command} --help printed no usage: ${text}`);
  return flags;
}

/** Checks every use against package.json scripts and the CLI; returns failure messages. */
export async function checkShellBlocks(root: string, blocks: readonly DocBlock[]): Promise<string[]> {
  const { npm, cli } = findShellUses(root, blocks);
  const failures: string[] = [];
  for (const use of npm) {
    const pkg = JSON.parse(readFileSync(join(root, use.packageJson), 'utf8')) as {
      scripts?: Record<string, string>;
    };
    if (pkg.scripts?.[use.script] === undefined)
      failures.push(`${use.location}: npm run ${use.script}: no such script in ${use.packageJson}`);
  }
  const commands = new Set(cliCommands(root));
  const used = [...new Set(cli.map((u) => u.command))].filter((c) => commands.has(c));
  const help = new Map(await Promise.all(used.map(async (c) => [c, await helpFlags(root, c)] as const)));
  for (const use of cli) {
    const flags = help.get(use.command);
    if (flags === undefined) {
      failures.push(
        `${use.location}: wamp-contracts ${use.command}: no such command (have ${[...commands].join(', ')})`,
      );
      continue;
    }
    for (const flag of use.flags)
      if (!flags.has(flag))
        failures.push(
          `${use.location}: wamp-contracts ${use.command} ${flag}: not in its --help (${[...flags].join(' ')})`,
        );
  }
  return failures;
}
