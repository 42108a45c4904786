import type { Docs } from '../model/contract-model.js';

/** Escapes text for a JSDoc block: `*` `/` sequences that would close the comment are broken up. */
export function escapeJsDoc(text: string): string {
  return text.replace(/\*\//g, '*\\/');
}

/**
 * Renders a JSDoc block for `docs` (plus extra tag lines) at `indent`, or '' when there is nothing to say.
 * Each line ends with a newline, so the result can precede a declaration directly.
 */
export function renderJsDoc(docs: Docs | undefined, indent = '', extraTags: readonly string[] = []): string {
  const lines: string[] = [];
  if (docs?.description) lines.push(...escapeJsDoc(docs.description.trim()).split(/\r?\n/));
  for (const tag of extraTags) lines.push(escapeJsDoc(tag));
  if (docs?.deprecated !== undefined) {
    lines.push(docs.deprecated ? `@deprecated ${escapeJsDoc(docs.deprecated)}` : '@deprecated');
  }
  if (lines.length === 0) return '';
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  const body = lines.map((line) => (line === '' ? `${indent} *` : `${indent} * ${line}`)).join('\n');
  return `${indent}/**\n${body}\n${indent} */\n`;
}
