import { type TypeScript, ts } from './typescript.js';
import type {
  ParamModel,
  UriComponentModel,
  UriTemplateModel,
  UriTemplateSegment,
} from '../model/contract-model.js';
import type { ExtractContext } from './extract-context.js';

/** A whole URI component naming a template component: `{roomId}`. */
const COMPONENT = /^\{([A-Za-z_$][\w$]*)\}$/;

/** True when `@uri` text is a template (it has braces); plain URIs are checked by the lint rules. */
export function isUriTemplate(uri: string): boolean {
  return uri.includes('{') || uri.includes('}');
}

/** The segments and component names of a template, or why it is malformed. */
export function parseUriTemplate(
  template: string,
): { segments: UriTemplateSegment[]; names: string[] } | { reason: string } {
  const segments: UriTemplateSegment[] = [];
  const names: string[] = [];
  for (const text of template.split('.')) {
    const name = COMPONENT.exec(text)?.[1];
    if (name !== undefined) {
      segments.push({ component: name });
      names.push(name);
    } else if (isUriTemplate(text)) {
      return {
        reason: `'${text}' is not '{name}': a component is a whole URI component between dots, named like a parameter`,
      };
    } else segments.push({ literal: text });
  }
  if (segments[0] !== undefined && !('literal' in segments[0])) {
    return {
      reason: 'it starts with a component; the first URI component must be fixed text (a prefix you own)',
    };
  }
  return { segments, names };
}

/** Whether a type can be a URI component: all string-like, all number-like, or neither (with why). */
function componentKind(type: TypeScript.Type): 'string' | 'number' | { reason: string } {
  const F = ts.TypeFlags;
  const kindOf = (t: TypeScript.Type): 'string' | 'number' | 'other' => {
    if (t.flags & (F.String | F.StringLiteral | F.TemplateLiteral | F.StringMapping)) return 'string';
    if (t.flags & (F.Number | F.NumberLiteral)) return 'number';
    // A brand: `string & { __brand: 'X' }` is its one primitive member.
    if (t.isIntersection()) {
      const primitives = t.types.map(kindOf).filter((k) => k !== 'other');
      const [first] = primitives;
      if (first !== undefined && primitives.every((k) => k === first)) return first;
    }
    return 'other';
  };
  const kinds = new Set((type.isUnion() ? type.types : [type]).map(kindOf));
  if (kinds.has('other')) {
    return { reason: 'only strings, string literals and brands of string, or integers, fit in a URI' };
  }
  if (kinds.size > 1) return { reason: 'it mixes strings and numbers, so a URI could not tell them apart' };
  return kinds.has('number') ? 'number' : 'string';
}

/** What a member with a templated `@uri` is: its template and the parameters that are not components. */
export interface TemplateSplit {
  readonly uriTemplate: UriTemplateModel;
  readonly rest: ParamModel[];
}

/**
 * Reads the URI template of a procedure or templated topic: each `{name}` is typed by the parameter of
 * that name, which must be one of the leading parameters, in template order. Reports every rule broken
 * (WC1060–WC1064) and returns undefined when the template cannot be used.
 */
export function readUriTemplate(
  context: ExtractContext,
  what: 'procedure' | 'topic',
  member: string,
  template: string,
  params: readonly ParamModel[],
  signature: TypeScript.SignatureDeclarationBase,
  at: TypeScript.Node,
): TemplateSplit | undefined {
  const parsed = parseUriTemplate(template);
  if ('reason' in parsed) {
    context.report('malformedUriTemplate', { template, what, name: member, reason: parsed.reason }, at);
    return undefined;
  }
  let ok = true;
  const seen = new Set<string>();
  for (const name of parsed.names) {
    if (seen.has(name)) {
      context.report('duplicateUriComponent', { component: name, template, what, name: member }, at);
      ok = false;
    }
    seen.add(name);
  }
  const components: UriComponentModel[] = [];
  for (const [i, name] of [...seen].entries()) {
    const index = params.findIndex((p) => p.name === name);
    const param = params[index];
    const node = signature.parameters.find((p) => p.name.getText() === name);
    if (param === undefined || node?.type === undefined) {
      context.report('untypedUriComponent', { component: name, what, name: member }, at);
      ok = false;
      continue;
    }
    const problem =
      index !== i
        ? `it is parameter ${index + 1}; components are the leading parameters, in template order`
        : param.optional
          ? 'it is optional; a URI always has all its components'
          : undefined;
    if (problem !== undefined) {
      context.report('uriComponentParameter', { param: name, what, name: member, reason: problem }, node);
      ok = false;
    }
    const kind = componentKind(context.checker.getTypeFromTypeNode(node.type));
    if (typeof kind === 'object') {
      const type = node.type.getText();
      context.report(
        'badUriComponentType',
        { component: name, type, what, name: member, ...kind },
        node.type,
      );
      ok = false;
      continue;
    }
    const model: { -readonly [K in keyof UriComponentModel]: UriComponentModel[K] } = {
      name,
      type: param.type,
      numeric: kind === 'number',
    };
    if (param.constraints) model.constraints = param.constraints;
    if (param.docs) model.docs = param.docs;
    components.push(model);
  }
  if (!ok) return undefined;
  return {
    uriTemplate: { template, segments: parsed.segments, components },
    rest: params.slice(components.length),
  };
}
