/**
 * Finds the documentation files and extracts their fenced code blocks, with the markers that
 * `docs/README.md` (Contributing) defines: the info string's extra words and an HTML comment
 * directly above the fence.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** One fenced code block of a Markdown file. */
export interface DocBlock {
  /** POSIX path of the Markdown file, relative to the repository root. */
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly fenceLine: number;
  /** First word of the info string, lower-cased (`ts`, `json`, `sh`...); empty when there is none. */
  readonly lang: string;
  /** The info string's other words, e.g. `['router-config']` for ```` ```json router-config ````. */
  readonly tags: readonly string[];
  /** The block's text with the fence's indentation removed. */
  readonly code: string;
  /** The HTML comment directly above the fence (blank lines allowed), without `<!--` and `-->`. */
  readonly comment?: string;
}

/** `file:line` of a line inside a block (0-based `index` into its code), for failure messages. */
export function blockLocation(block: DocBlock, index = 0): string {
  return `${block.file}:${block.fenceLine + 1 + index}`;
}

/** `README.md`, every `docs/**\/*.md` and every `examples/**\/README.md`, sorted. */
export function findDocFiles(root: string): string[] {
  const out = ['README.md'];
  const walk = (dir: string, accept: (name: string) => boolean): void => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path, accept);
      else if (accept(entry.name)) out.push(relative(root, join(root, path)).split(sep).join('/'));
    }
  };
  walk('docs', (name) => name.endsWith('.md'));
  walk('examples', (name) => name === 'README.md');
  return out.sort();
}

const FENCE = /^( {0,3}|\s*)(`{3,}|~{3,})\s*([^`]*)$/;

/** Extracts every fenced block of `text` (CommonMark fences, also indented inside list items). */
export function extractBlocks(file: string, text: string): DocBlock[] {
  const lines = text.split(/\r?\n/);
  const blocks: DocBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i] ?? '');
    if (!open) continue;
    const indent = open[1]?.length ?? 0;
    const fence = open[2] ?? '```';
    const [lang = '', ...tags] = (open[3] ?? '').trim().split(/\s+/).filter(Boolean);
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j] ?? '';
      const trimmed = line.trimStart();
      if (trimmed.startsWith(fence[0]!.repeat(fence.length)) && trimmed.replace(/[`~]+/, '').trim() === '')
        break;
      body.push(line.slice(Math.min(indent, line.length - trimmed.length)));
    }
    const comment = commentAbove(lines, i);
    blocks.push({
      file,
      fenceLine: i + 1,
      lang: lang.toLowerCase(),
      tags,
      code: body.join('\n'),
      ...(comment === undefined ? {} : { comment }),
    });
    i = j;
  }
  return blocks;
}

// The marker comment may span several lines and be separated from the fence by blank lines only.
function commentAbove(lines: readonly string[], fenceIndex: number): string | undefined {
  let end = fenceIndex - 1;
  while (end >= 0 && (lines[end] ?? '').trim() === '') end--;
  if (end < 0 || !(lines[end] ?? '').trim().endsWith('-->')) return undefined;
  let start = end;
  while (start >= 0 && !(lines[start] ?? '').includes('<!--')) start--;
  if (start < 0) return undefined;
  const text = lines.slice(start, end + 1).join('\n');
  return text.slice(text.indexOf('<!--') + 4, text.lastIndexOf('-->')).trim();
}

/** Reads and extracts the blocks of every documentation file. */
export function loadDocBlocks(root: string): DocBlock[] {
  return findDocFiles(root).flatMap((file) => extractBlocks(file, readFileSync(join(root, file), 'utf8')));
}
