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

/**
 * Node kinds the TypeScript parser attaches JSDoc comments to. The extractor's host does not let the
 * parser build JSDoc nodes for TS files (`JSDocParsingMode.ParseForTypeInfo`, what `tsc` skips too), so
 * the comment a node owns is found from its comment ranges, the way the parser would attach it.
 */
const JSDOC_HOSTS: ReadonlySet<TypeScript.SyntaxKind> = new Set(
  [
    'ArrowFunction',
    'BinaryExpression',
    'CallSignature',
    'ClassDeclaration',
    'ClassExpression',
    'ClassStaticBlockDeclaration',
    'Constructor',
    'ConstructorType',
    'ConstructSignature',
    'EnumDeclaration',
    'EnumMember',
    'ExportAssignment',
    'ExportDeclaration',
    'ExportSpecifier',
    'FunctionDeclaration',
    'FunctionExpression',
    'FunctionType',
    'GetAccessor',
    'ImportDeclaration',
    'ImportEqualsDeclaration',
    'IndexSignature',
    'InterfaceDeclaration',
    'MethodDeclaration',
    'MethodSignature',
    'ModuleDeclaration',
    'NamedTupleMember',
    'ObjectLiteralExpression',
    'Parameter',
    'ParenthesizedExpression',
    'PropertyAccessExpression',
    'PropertyAssignment',
    'PropertyDeclaration',
    'PropertySignature',
    'SetAccessor',
    'ShorthandPropertyAssignment',
    'SpreadAssignment',
    'TypeAliasDeclaration',
    'TypeParameter',
    'VariableDeclaration',
    'VariableStatement',
  ].map((name) => ts.SyntaxKind[name as keyof typeof ts.SyntaxKind]),
);

/** Kinds whose JSDoc may also trail the previous token on the same line (`(a, /** b *\/ b: T)`). */
const TRAILING_TOO: ReadonlySet<TypeScript.SyntaxKind> = new Set([
  ts.SyntaxKind.Parameter,
  ts.SyntaxKind.TypeParameter,
  ts.SyntaxKind.FunctionExpression,
  ts.SyntaxKind.ArrowFunction,
  ts.SyntaxKind.ParenthesizedExpression,
  ts.SyntaxKind.VariableDeclaration,
  ts.SyntaxKind.ExportSpecifier,
]);

/**
 * The JSDoc comment written directly on `node` (not one of its parent function): the last `/** *\/`
 * comment in front of it that the parser would attach, i.e. what `node.jsDoc` would end with.
 */
function ownJsDoc(node: TypeScript.Node, text: string): TypeScript.CommentRange | undefined {
  if (!JSDOC_HOSTS.has(node.kind)) return undefined;
  const leading = ts.getLeadingCommentRanges(text, node.pos) ?? [];
  const ranges = TRAILING_TOO.has(node.kind)
    ? [...(ts.getTrailingCommentRanges(text, node.pos) ?? []), ...leading]
    : leading;
  for (let i = ranges.length - 1; i >= 0; i--) {
    const range = ranges[i] as TypeScript.CommentRange;
    if (range.end <= node.end && isJsDocRange(text, range)) return range;
  }
  return undefined;
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
  const sourceText = node.getSourceFile().text;
  const doc = ownJsDoc(node, sourceText);
  if (doc) return parseJsDocText(sourceText, doc.pos, doc.end);
  const sameLine = sameLineJsDoc(node);
  return sameLine === undefined ? undefined : parseJsDocText(sourceText, sameLine.start, sameLine.end);
}
