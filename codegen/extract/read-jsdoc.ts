import { type TypeScript, ts } from './typescript.js';

/** One `@tag` of a JSDoc comment, with its text and where it starts in the file. */
export interface JsDocTag {
  readonly name: string;
  /** The tag's text with comment decoration removed and whitespace trimmed. */
  readonly text: string;
  /** Offset of the `@` in the source file. */
  readonly pos: number;
}

/** The nearest JSDoc comment of a declaration: free text and tags. */
export interface ParsedJsDoc {
  readonly description?: string;
  readonly tags: readonly JsDocTag[];
}

// A tag starts at `@name` after whitespace or a line's `*`; `{@link x}` and `a@b.c` are not tags.
const TAG = /(^|[\s*])@([A-Za-z][\w-]*)/g;

function clean(raw: string): string {
  return raw
    .split('\n')
    .map((line) => line.replace(/^\s*\*(?!\/) ?/, '').trimEnd())
    .join('\n')
    .trim();
}

/** The JSDoc comments written directly on `node` (not those of its parent function). */
function ownJsDocs(node: TypeScript.Node): TypeScript.JSDoc[] {
  return ts
    .getJSDocCommentsAndTags(node)
    .filter((doc): doc is TypeScript.JSDoc => ts.isJSDoc(doc) && doc.parent === node);
}

/**
 * A JSDoc comment on the same line as the token before `node` (`{ kind: 'a'; /** @minLength 1 *\/ text: string }`).
 * TypeScript reads such a comment as trailing the previous token and attaches it to nothing; a reader
 * sees it in front of `node`, so it belongs to `node`.
 */
function sameLineJsDoc(node: TypeScript.Node): { start: number; end: number } | undefined {
  const text = node.getSourceFile().text;
  const ranges = ts.getTrailingCommentRanges(text, node.pos) ?? [];
  const start = node.getStart();
  for (let i = ranges.length - 1; i >= 0; i--) {
    const range = ranges[i] as TypeScript.CommentRange;
    if (range.end <= start && isJsDocRange(text, range)) return { start: range.pos, end: range.end };
  }
  return undefined;
}

/** True for a `/** ... *\/` comment (not `/* ... *\/`, not `/**\/`). */
export function isJsDocRange(text: string, range: TypeScript.CommentRange): boolean {
  return (
    range.kind === ts.SyntaxKind.MultiLineCommentTrivia &&
    text.startsWith('/**', range.pos) &&
    text[range.pos + 3] !== '/' &&
    range.end - range.pos >= 5
  );
}

/** Splits the comment between `start` (its `/**`) and `end` (after its `*\/`) into text and tags. */
export function parseJsDocText(sourceText: string, start: number, end: number): ParsedJsDoc {
  // Strip the opening `/**` and the closing `*\/`, keeping offsets relative to `start`.
  const body = sourceText.slice(start + 3, end - 2);
  const found: { name: string; at: number; textStart: number }[] = [];
  for (const match of body.matchAll(TAG)) {
    const at = (match.index ?? 0) + (match[1]?.length ?? 0);
    found.push({ name: match[2] ?? '', at, textStart: at + 1 + (match[2]?.length ?? 0) });
  }
  const tags = found.map((tag, i) => ({
    name: tag.name,
    text: clean(body.slice(tag.textStart, found[i + 1]?.at ?? body.length)),
    pos: start + 3 + tag.at,
  }));
  const description = clean(body.slice(0, found[0]?.at ?? body.length));
  return description === '' ? { tags } : { description, tags };
}

/**
 * Parses the JSDoc comment of `node`: the last one TypeScript attaches to it, else one written on
 * the same line just before it. Tags are found in the raw text so one-line tag lists work.
 */
export function readJsDoc(node: TypeScript.Node): ParsedJsDoc | undefined {
  const docs = ownJsDocs(node);
  const doc = docs[docs.length - 1];
  const sourceText = node.getSourceFile().text;
  if (doc) return parseJsDocText(sourceText, doc.getStart(), doc.end);
  const sameLine = sameLineJsDoc(node);
  return sameLine === undefined ? undefined : parseJsDocText(sourceText, sameLine.start, sameLine.end);
}
