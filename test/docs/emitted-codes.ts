/**
 * Collects every stable code and URI the project emits, from the constants and catalogs in the
 * code (and, for codes declared only as string-literal union types, from their source text), keyed
 * by the `docs/error-codes.md` section that must list them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigErrorCode } from '../../codegen/cli/config.js';
import { InitErrorCode } from '../../codegen/cli/init/init-project.js';
import { ExportErrorCode } from '../../codegen/cli/commands/export.js';
import { DiffErrorCode } from '../../codegen/diff/diff-error.js';
import { LiveExitCode } from '../../codegen/cli/live/live-command.js';
import { RunErrorCode, RunExitCode } from '../../runtime/cli/run/run-exit-code.js';
import { EmitErrorCode } from '../../codegen/emit/emit-error.js';
import { diagnosticCodes } from '../../codegen/model/diagnostic-codes.js';
import { JsonSchemaErrorCode } from '../../runtime/contract-model/index.js';
import { ContractErrorUri } from '../../runtime/contracts/validation-error.js';
import { CloseUri, ErrorUri } from '../../runtime/protocol/uris.js';
import { TransportEventCode } from '../../runtime/router/transports/transport-log.js';
import { RawSocketHandshakeErrors } from '../../runtime/serializers/rawsocket-handshake.js';

/** zod's issue codes; the router config reports structural problems as `config.<zod code>`. */
export const ZOD_ISSUE_CODES: ReadonlySet<string> = new Set([
  'invalid_type',
  'too_big',
  'too_small',
  'invalid_format',
  'not_multiple_of',
  'unrecognized_keys',
  'invalid_union',
  'invalid_key',
  'invalid_element',
  'invalid_value',
]);

/** The string literals of `export type <name> = | 'a' | 'b';` in a source file. */
export function unionLiterals(root: string, file: string, name: string): string[] {
  const source = readFileSync(join(root, file), 'utf8');
  const lines = source.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`export type ${name} =`));
  if (start === -1) throw new Error(`${file} declares no type ${name}`);
  const literals: string[] = [];
  // One member per line (`| 'code' // comment`); the union ends at the first other line.
  for (const line of lines.slice(start + 1)) {
    const member = /^\s*\|\s*'([^']+)'/.exec(line);
    if (!member?.[1]) break;
    literals.push(member[1]);
  }
  return literals;
}

/** Every `.ts` file under `dir` (relative to `root`), tests excluded. */
function sourceFiles(root: string, dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
      out.push(join(entry.parentPath, entry.name));
  }
  return out;
}

/** Every match of `pattern`'s first group in the sources under `dirs`. */
function grepSources(root: string, dirs: readonly string[], pattern: RegExp): string[] {
  const found = new Set<string>();
  for (const dir of dirs)
    for (const file of sourceFiles(root, dir))
      for (const m of readFileSync(file, 'utf8').matchAll(pattern)) found.add(m[1] ?? '');
  return [...found];
}

/** The exit codes a CLI command module returns (`return N`, `resolve(N)`). */
export function exitCodesIn(root: string, file: string): number[] {
  const source = readFileSync(join(root, file), 'utf8');
  const codes = new Set<number>();
  for (const m of source.matchAll(/(?:\breturn\b|\bresolve\()([^;\n]*)/g))
    for (const n of (m[1] ?? '').matchAll(/\b(\d+)\b/g)) codes.add(Number(n[1]));
  return [...codes].sort();
}

/** The codes each section of docs/error-codes.md must list (first table column), by heading. */
export function expectedCodesBySection(root: string): Map<string, Set<string>> {
  const uris = (prefix: string) =>
    grepSources(root, ['runtime', 'codegen'], new RegExp(`'(${prefix.replace('.', '\\.')}[a-z_.]+)'`, 'g'));
  const ownConfigCodes = [
    ...grepSources(root, ['runtime/router'], /'(config\.[a-z_]+)'/g),
    ...grepSources(root, ['runtime/router/config'], /params: \{ code: '([a-z_]+)' \}/g).map(
      (c) => `config.${c}`,
    ),
  ];
  const cliCodes = [
    ...Object.values(RunErrorCode),
    ...Object.values(InitErrorCode),
    ...Object.values(ExportErrorCode),
    ...Object.values(DiffErrorCode),
    ...grepSources(root, ['runtime/cli/commands'], /\b(router\.[a-z]+_[a-z_]+)\b/g),
    ...grepSources(root, ['codegen/cli/live', 'codegen/cli/commands'], /'(live\.[a-z_]+)'/g),
    ...grepSources(root, ['runtime/cli'], /'(cli\.[a-z_]+)'/g),
  ];
  const sections: [string, Iterable<string>][] = [
    [
      'WAMP error URIs',
      [
        ...Object.values(ErrorUri),
        ...Object.values(ContractErrorUri),
        ...uris('wamp.error.'),
        ...uris('wamp_contracts.'),
      ],
    ],
    ['WAMP close URIs', [...Object.values(CloseUri), ...uris('wamp.close.')]],
    ['Protocol violation codes', unionLiterals(root, 'runtime/protocol/violation.ts', 'ViolationCode')],
    [
      'Serializer and RawSocket framing codes',
      [
        ...unionLiterals(root, 'runtime/serializers/serialize-error.ts', 'SerializeErrorCode'),
        ...unionLiterals(root, 'runtime/serializers/rawsocket-error.ts', 'RawSocketFramingErrorCode'),
      ],
    ],
    ['RawSocket handshake refusal codes', Object.values(RawSocketHandshakeErrors).map(String)],
    ['Auth computation codes', unionLiterals(root, 'runtime/auth/auth-error.ts', 'AuthComputationErrorCode')],
    [
      'Connection error codes',
      unionLiterals(root, 'runtime/transport/connection-error.ts', 'ConnectionErrorCode'),
    ],
    [
      'Generator diagnostics',
      [
        ...Object.values(diagnosticCodes).map((d) => d.code),
        ...Object.values(EmitErrorCode),
        ...Object.values(ConfigErrorCode),
      ],
    ],
    ['Router configuration codes', ownConfigCodes],
    ['Router transport diagnostics', Object.values(TransportEventCode)],
    ['JSON Schema export codes', Object.values(JsonSchemaErrorCode)],
    ['CLI error codes', cliCodes],
    ['Live contract codes', grepSources(root, ['runtime/contracts/live'], /'(live\.[a-z_]+)'/g)],
  ];
  return new Map(sections.map(([heading, codes]) => [heading, new Set(codes)]));
}

/** The exit codes each CLI command can end with, read from its module. */
export function expectedExitCodes(root: string): Map<string, Set<string>> {
  const fromFile = (file: string) => new Set(exitCodesIn(root, file).map(String));
  return new Map([
    ['wamp-contracts', fromFile('runtime/cli/main.ts')],
    ['gen', fromFile('codegen/cli/commands/gen.ts')],
    ['router', fromFile('runtime/cli/commands/router.ts')],
    ['run', new Set(Object.values(RunExitCode).map(String))],
    ['init', fromFile('codegen/cli/commands/init.ts')],
    ['export', fromFile('codegen/cli/commands/export.ts')],
    ['diff', fromFile('codegen/cli/commands/diff.ts')],
    ...['inspect', 'call', 'subscribe', 'publish'].map(
      (command) => [command, new Set(Object.values(LiveExitCode).map(String))] as const,
    ),
  ]);
}

/** The tables of a Markdown file by `## ` heading: each row's backticked cells, column by column. */
export function tablesBySection(markdown: string): Map<string, string[][]> {
  const out = new Map<string, string[][]>();
  let heading = '';
  for (const line of markdown.split('\n')) {
    if (line.startsWith('## ')) {
      heading = line.slice(3).trim();
      out.set(heading, []);
    } else if (line.startsWith('|') && !/^\|\s*-/.test(line)) {
      const cells = line
        .split('|')
        .slice(1, -1)
        .map((cell) => /^\s*`([^`]+)`\s*$/.exec(cell)?.[1] ?? '');
      out.get(heading)?.push(cells);
    }
  }
  return out;
}
