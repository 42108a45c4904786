/**
 * Type-checks the TypeScript blocks of the docs in one TypeScript program. Each block becomes a
 * module under `tmp/doc-blocks/<pid>/<doc>/` (inside the repository, so `wamp-contracts/...`
 * self-imports and node_modules resolve; `/tmp/` is git-ignored). Schema blocks are run through
 * the generator first, so the doc's own service and client blocks compile against real output.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import ts from 'typescript';
import { generate } from '../../codegen/generate.js';
import { type DocBlock, blockLocation } from './markdown-blocks.js';

/**
 * The scratch directory, relative to the repository root; one per process, so parallel runs in
 * one checkout do not overwrite each other's blocks.
 */
export const SCRATCH_DIR = `tmp/doc-blocks/${process.pid}`;

/** Info-string languages read as TypeScript. */
export const TS_LANGS: ReadonlySet<string> = new Set(['ts', 'typescript']);

/** A block as written to the scratch directory. */
interface PlacedBlock {
  readonly block: DocBlock;
  /** Absolute path of the module. */
  readonly path: string;
  /** Lines of hidden prelude written before the block's code. */
  readonly preludeLines: number;
}

/** What a TypeScript block is, from the HTML comment above it. */
export type TsBlockKind =
  | { readonly kind: 'module'; readonly prelude: string }
  | { readonly kind: 'excerpt'; readonly of: string };

/** Reads the marker comment: `<!-- ts-prelude ... -->`, `<!-- excerpt-of: path -->`, or none. */
export function tsBlockKind(block: DocBlock): TsBlockKind {
  const comment = block.comment ?? '';
  const excerpt = /^excerpt-of:\s*(\S+)/.exec(comment);
  if (excerpt?.[1] !== undefined) return { kind: 'excerpt', of: excerpt[1] };
  const prelude = /^ts-prelude:?\s*([\s\S]*)$/.exec(comment);
  return { kind: 'module', prelude: prelude?.[1]?.trim() ?? '' };
}

/**
 * Checks an excerpt of a real file: every line of the block, except lines containing `...`, must
 * appear in `of` (trimmed, in the same order). Returns failure messages.
 */
export function checkExcerpt(root: string, block: DocBlock, of: string): string[] {
  let target: string[];
  try {
    target = readFileSync(join(root, of), 'utf8')
      .split(/\r?\n/)
      .map((line) => line.trim());
  } catch {
    return [`${blockLocation(block)}: excerpt-of names ${of}, which does not exist`];
  }
  const failures: string[] = [];
  let from = 0;
  block.code.split('\n').forEach((line, index) => {
    const wanted = line.trim();
    if (wanted === '' || wanted.includes('...') || wanted.includes('…')) return;
    const found = target.indexOf(wanted, from);
    if (found === -1)
      failures.push(`${blockLocation(block, index)}: not found in ${of} (in order): ${wanted}`);
    else from = found + 1;
  });
  return failures;
}

// A first line like `// src/service.ts` says where the block lives in the reader's project.
function declaredPath(code: string): string | undefined {
  const first = /^\/\/\s*([\w@./-]+\.(?:ts|mts|tsx))\s*$/m.exec(code.split('\n', 1)[0] ?? '');
  const path = first?.[1];
  return path === undefined || path.startsWith('/') || path.includes('..') ? undefined : path;
}

function slug(file: string): string {
  return file.replace(/\.md$/, '').replace(/[^\w]+/g, '-');
}

/** Writes the module blocks to the scratch directory, one project directory per doc file. */
function placeBlocks(root: string, blocks: readonly DocBlock[]): PlacedBlock[] {
  const used = new Set<string>();
  return blocks.map((block) => {
    const kind = tsBlockKind(block);
    const prelude = kind.kind === 'module' ? kind.prelude : '';
    const project = posix.join(SCRATCH_DIR, slug(block.file));
    const wanted = declaredPath(block.code);
    let path = posix.join(project, wanted ?? `src/block-L${block.fenceLine}.ts`);
    // Two blocks claiming the same file: keep the directory, so relative imports still resolve.
    if (used.has(path)) path = posix.join(posix.dirname(path), `block-L${block.fenceLine}.ts`);
    used.add(path);
    const preludeLines = prelude === '' ? 0 : prelude.split('\n').length;
    const text = `${prelude === '' ? '' : `${prelude}\n`}${block.code}\nexport {};\n`;
    const absolute = join(root, path);
    mkdirSync(dirname(absolute), { recursive: true });
    writeFileSync(absolute, text);
    return { block, path: absolute, preludeLines };
  });
}

// Schema blocks (`// schemas/x.ts` importing wamp-contracts/schema) are generated into
// `schemas/generated/` of their doc's project, as `npm run gen` would in the reader's project.
function generateSchemas(root: string, placed: readonly PlacedBlock[]): string[] {
  const failures: string[] = [];
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string })
    .version;
  const byProject = new Map<string, PlacedBlock[]>();
  for (const p of placed) {
    const relativePath = posix.relative(join(root, SCRATCH_DIR), p.path);
    const [project, ...rest] = relativePath.split('/');
    if (project === undefined || rest[0] !== 'schemas' || rest.length !== 2) continue;
    if (!p.block.code.includes(`from 'wamp-contracts/schema'`)) continue;
    byProject.set(project, [...(byProject.get(project) ?? []), p]);
  }
  for (const [project, schemas] of byProject) {
    const projectRoot = join(root, SCRATCH_DIR, project);
    const result = generate({
      root: projectRoot,
      files: schemas.map((s) => s.path),
      schemaRoot: 'schemas',
      tsconfig: join(root, 'tsconfig.json'),
      generatorVersion: version,
    });
    for (const d of result.diagnostics) {
      if (d.severity !== 'error') continue;
      const owner =
        schemas.find((s) => d.location !== undefined && s.path.endsWith(d.location.file)) ?? schemas[0];
      const line =
        d.location === undefined || owner === undefined ? 0 : d.location.line - 1 - owner.preludeLines;
      failures.push(`${owner ? blockLocation(owner.block, line) : project}: gen ${d.code}: ${d.message}`);
    }
    const outDir = join(projectRoot, 'schemas', 'generated');
    for (const file of result.files) {
      const out = join(outDir, file.path);
      // Never write outside the scratch project, whatever path the generator returns.
      if (!out.startsWith(`${outDir}/`)) throw new Error(`generated path escapes ${outDir}: ${file.path}`);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, file.text);
    }
  }
  return failures;
}

// A doc without schema blocks of its own uses the repository's schemas: `../schemas/generated/weather.js`
// from `src/x.ts` then means the checked-in generated weather module.
function linkRepositorySchemas(root: string, placed: readonly PlacedBlock[]): void {
  const projects = new Set(
    placed.map((p) => posix.relative(join(root, SCRATCH_DIR), p.path).split('/')[0] ?? ''),
  );
  for (const project of projects) {
    const link = join(root, SCRATCH_DIR, project, 'schemas');
    if (!existsSync(link)) symlinkSync(join(root, 'schemas'), link, 'dir');
  }
}

function compilerOptions(root: string): ts.CompilerOptions {
  const configPath = join(root, 'tsconfig.json');
  const read = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, root, { noEmit: true }, configPath);
  return { ...parsed.options, noEmit: true, incremental: false, sourceMap: false, declaration: false };
}

/**
 * Type-checks the given TypeScript blocks; returns one message per diagnostic, at its doc line.
 * The scratch directory is removed afterwards unless `DOC_BLOCKS_KEEP` is set (to inspect it).
 */
export function typecheckBlocks(root: string, blocks: readonly DocBlock[]): string[] {
  const scratch = join(root, SCRATCH_DIR);
  rmSync(scratch, { recursive: true, force: true });
  try {
    return checkModules(root, blocks);
  } finally {
    if (process.env.DOC_BLOCKS_KEEP === undefined) rmSync(scratch, { recursive: true, force: true });
  }
}

function checkModules(root: string, blocks: readonly DocBlock[]): string[] {
  const failures: string[] = [];
  const modules: DocBlock[] = [];
  for (const block of blocks) {
    const kind = tsBlockKind(block);
    if (kind.kind === 'excerpt') failures.push(...checkExcerpt(root, block, kind.of));
    else modules.push(block);
  }
  const placed = placeBlocks(root, modules);
  failures.push(...generateSchemas(root, placed));
  linkRepositorySchemas(root, placed);
  const program = ts.createProgram({ rootNames: placed.map((p) => p.path), options: compilerOptions(root) });
  for (const p of placed) {
    const source = program.getSourceFile(p.path);
    if (source === undefined) continue;
    const diagnostics = [
      ...program.getSyntacticDiagnostics(source),
      ...program.getSemanticDiagnostics(source),
    ];
    for (const d of diagnostics) {
      const text = ts.flattenDiagnosticMessageText(d.messageText, '\n').split('\n')[0];
      const line = d.start === undefined ? 0 : source.getLineAndCharacterOfPosition(d.start).line;
      const where =
        line < p.preludeLines
          ? `${blockLocation(p.block)} (ts-prelude line ${line + 1})`
          : blockLocation(p.block, line - p.preludeLines);
      failures.push(`${where}: TS${d.code}: ${text}`);
    }
  }
  return failures;
}
