import type { TypeScript } from './typescript.js';
import type { Constraints, Docs } from '../model/contract-model.js';
import type { ExtractContext } from './extract-context.js';
import { CONSTRAINT_TAGS, parseConstraints } from './parse-constraints.js';
import { isJsDocRange, type JsDocTag, parseJsDocText, readJsDoc } from './read-jsdoc.js';
import { ts } from './typescript.js';

/** The kind of declaration a JSDoc comment sits on, which decides the tags it may carry. */
export type DocSite =
  | 'property'
  | 'parameter'
  | 'named type'
  | 'procedure'
  | 'topic'
  | 'service'
  | 'topics'
  | 'error';

/** Documentation tags accepted everywhere and ignored. */
const DOC_TAGS: ReadonlySet<string> = new Set(['example', 'see', 'remarks', 'since', 'link']);

/** The tags each kind of declaration accepts; anything else known is misplaced (WC1019). */
const SITE_TAGS: Readonly<Record<DocSite, ReadonlySet<string>>> = {
  property: new Set([...CONSTRAINT_TAGS, 'deprecated']),
  parameter: new Set([...CONSTRAINT_TAGS, 'deprecated']),
  'named type': new Set([...CONSTRAINT_TAGS, 'deprecated']),
  procedure: new Set(['deprecated', 'uri', 'kwargs', 'throws', 'param', 'returns', 'return']),
  topic: new Set(['deprecated', 'uri', 'kwargs', 'param']),
  service: new Set(['deprecated']),
  topics: new Set(['deprecated']),
  error: new Set(['deprecated']),
};

/** Every known tag, to tell an unknown tag (WC1016) from a misplaced one. */
const ALL_TAGS: ReadonlySet<string> = new Set(Object.values(SITE_TAGS).flatMap((tags) => [...tags]));

/** What a declaration's JSDoc says: docs, constraints and the tags the caller interprets (@uri, ...). */
export interface MemberDocs {
  readonly docs?: Docs;
  readonly constraints?: Constraints;
  readonly tags: readonly JsDocTag[];
}

/** Builds a Docs object, or undefined when there is nothing to carry over. */
export function makeDocs(description: string | undefined, tags: readonly JsDocTag[]): Docs | undefined {
  const deprecated = tags.find((tag) => tag.name === 'deprecated');
  if (description === undefined && deprecated === undefined) return undefined;
  const docs: { description?: string; deprecated?: string } = {};
  if (description !== undefined) docs.description = description;
  if (deprecated !== undefined) docs.deprecated = deprecated.text;
  return docs;
}

/**
 * Reads the JSDoc of `node`, reporting unknown and misplaced tags. Constraints are read when `valueType`
 * is given (properties, parameters, named types).
 */
export function readMemberDocs(
  context: ExtractContext,
  node: TypeScript.Node,
  site: DocSite,
  valueType?: TypeScript.Type,
  fallbackDescription?: string,
): MemberDocs {
  const parsed = readJsDoc(node);
  const tags = parsed?.tags ?? [];
  const allowed = SITE_TAGS[site];
  const accepted: JsDocTag[] = [];
  for (const tag of tags) {
    if (DOC_TAGS.has(tag.name)) continue;
    if (!ALL_TAGS.has(tag.name)) context.report('unknownTag', { tag: tag.name }, node, tag.pos);
    else if (!allowed.has(tag.name))
      context.report('misplacedTag', { tag: tag.name, where: `a ${site}` }, node, tag.pos);
    else accepted.push(tag);
  }
  if (site === 'property' || site === 'parameter') reportStrayTags(context, node);
  const docs = makeDocs(parsed?.description ?? fallbackDescription, accepted);
  const constraints = valueType ? parseConstraints(context, accepted, valueType, node) : undefined;
  const result: { docs?: Docs; constraints?: Constraints; tags: readonly JsDocTag[] } = { tags: accepted };
  if (docs) result.docs = docs;
  if (constraints) result.constraints = constraints;
  return result;
}

/**
 * Reports known tags in JSDoc comments that belong to no member: inside the type of `member`
 * (`x: /** @minLength 1 *\/ string`) and, for the last member of an object or interface, between
 * it and the closing brace. Such a tag would otherwise be silently dropped.
 */
function reportStrayTags(context: ExtractContext, member: TypeScript.Node): void {
  const file = member.getSourceFile();
  const text = file.text;
  const seen = new Set<number>();
  const check = (ranges: readonly TypeScript.CommentRange[] | undefined, before: number): void => {
    for (const range of ranges ?? []) {
      if (range.end > before || seen.has(range.pos) || !isJsDocRange(text, range)) continue;
      seen.add(range.pos);
      for (const tag of parseJsDocText(text, range.pos, range.end).tags) {
        if (ALL_TAGS.has(tag.name)) context.report('strayTag', { tag: tag.name }, member, tag.pos);
      }
    }
  };
  const visit = (node: TypeScript.Node): void => {
    check(ts.getTrailingCommentRanges(text, node.pos), node.getStart(file));
    check(ts.getLeadingCommentRanges(text, node.pos), node.getStart(file));
    // The members of a nested object type read their own comments when they are converted.
    if (ts.isTypeLiteralNode(node)) return;
    ts.forEachChild(node, visit);
  };
  const type = (member as { type?: TypeScript.TypeNode }).type;
  const parent = member.parent;
  const members =
    parent !== undefined && (ts.isTypeLiteralNode(parent) || ts.isInterfaceDeclaration(parent))
      ? parent.members
      : undefined;
  const last = members !== undefined && members[members.length - 1] === member;
  // Every comment checked below lies in the member's type and after it, or after the last member: text
  // without a `/**` there has no JSDoc comment to look at (most members).
  const from = type?.pos ?? member.end;
  const to = last && members !== undefined ? parent.end : member.end;
  if (!text.slice(from, to).includes('/**')) return;
  if (type !== undefined) {
    visit(type);
    // After the type, before the member's own `;` or `,` (`sku: string /** @int *\/; quantity: number`).
    check(ts.getTrailingCommentRanges(text, type.end), member.end);
    check(ts.getLeadingCommentRanges(text, type.end), member.end);
  }
  if (last && members !== undefined) {
    // Comments after the last member: trailing its line, or leading the closing brace.
    const close = parent.end - 1;
    check(ts.getTrailingCommentRanges(text, members.end), close);
    check(ts.getLeadingCommentRanges(text, members.end), close);
  }
}
