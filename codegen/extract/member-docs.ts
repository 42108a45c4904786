import type { TypeScript } from './typescript.js';
import type { Constraints, Docs } from '../model/contract-model.js';
import type { ExtractContext } from './extract-context.js';
import { CONSTRAINT_TAGS, parseConstraints } from './parse-constraints.js';
import { type JsDocTag, readJsDoc } from './read-jsdoc.js';

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
  topic: new Set(['deprecated', 'uri', 'kwargs']),
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
  const docs = makeDocs(parsed?.description ?? fallbackDescription, accepted);
  const constraints = valueType ? parseConstraints(context, accepted, valueType, node) : undefined;
  const result: { docs?: Docs; constraints?: Constraints; tags: readonly JsDocTag[] } = { tags: accepted };
  if (docs) result.docs = docs;
  if (constraints) result.constraints = constraints;
  return result;
}
