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

/** Parses the last JSDoc comment on `node`; its tags are found in the raw text so one-line tag lists work. */
export function readJsDoc(node: TypeScript.Node): ParsedJsDoc | undefined {
  const docs = ownJsDocs(node);
  const doc = docs[docs.length - 1];
  if (!doc) return undefined;
  const sourceText = node.getSourceFile().text;
  const start = doc.getStart();
  // Strip the opening `/**` and the closing `*/`, keeping offsets relative to `start`.
  const body = sourceText.slice(start + 3, doc.end - 2);
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
