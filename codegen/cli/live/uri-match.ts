/**
 * Matching a concrete URI (`com.example.chat.room.general.message`) against the `@uri` templates of
 * a contract (`com.example.chat.room.{roomId}.message`), with the rules a generated callee or
 * subscriber applies to the URI it is invoked or notified at (runtime/contracts/uri-template.ts):
 * each component is a whole URI component under WAMP's loose rule, a numeric one is an integer's
 * canonical decimal text, and its value must fit the component's type and constraints.
 */
import type { UriTemplateModel } from 'wamp-contracts/contract-model';
import type { ValidationIssue } from 'wamp-contracts/runtime/contracts';
import { schemaIssues } from './check-payload.js';
import { ModelSchemaError, type ModelSchemas } from './model-schema.js';

// The loose rule of WAMP for one component: non-empty, no dot, no `#`, no whitespace.
const LOOSE_COMPONENT = /^[^\s.#]+$/;
// Integers in canonical decimal form: one text per number, so a URI names one instance.
const INTEGER_TEXT = /^-?(0|[1-9][0-9]*)$/;
const BRACED = /^\{([A-Za-z_$][\w$]*)\}$/;

/** How a concrete URI relates to a template: not its shape, or its shape with the components' issues. */
export type TemplateMatch =
  | { readonly matches: false }
  | { readonly matches: true; readonly values: Readonly<Record<string, unknown>>; readonly issues: string[] };

/**
 * Matches `uri` against `template`. `matches` is false when the URI does not have the template's
 * shape (segment count and fixed text); otherwise `issues` lists each component that is not a valid
 * value (`{roomId}: …`), empty when all are. A malformed template is a `ModelSchemaError`.
 */
export function matchTemplate(template: UriTemplateModel, uri: string, schemas: ModelSchemas): TemplateMatch {
  if (typeof template?.template !== 'string' || !Array.isArray(template.components))
    throw new ModelSchemaError('a URI template has no text or components');
  const segments = template.template.split('.');
  const parts = uri.split('.');
  if (parts.length !== segments.length) return { matches: false };
  const slots = segments.map((s) => BRACED.exec(s)?.[1]);
  if (!parts.every((p, i) => slots[i] !== undefined || p === segments[i])) return { matches: false };
  const values: Record<string, unknown> = {};
  const issues: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const name = slots[i];
    if (name === undefined) continue;
    const component = template.components.find((c) => c?.name === name);
    if (component === undefined)
      throw new ModelSchemaError(`URI template ${template.template}: no component named ${name}`);
    const text = parts[i]!;
    const say = (message: string) => issues.push(`{${name}}: ${message}`);
    if (!LOOSE_COMPONENT.test(text)) {
      say(`${JSON.stringify(text)} is not a URI component (non-empty, no '.', '#' or whitespace)`);
      continue;
    }
    let value: unknown = text;
    if (component.numeric === true) {
      if (!INTEGER_TEXT.test(text) || !Number.isSafeInteger(Number(text))) {
        say(`${JSON.stringify(text)} is not an integer`);
        continue;
      }
      value = Number(text);
    }
    const found: ValidationIssue[] = schemaIssues(schemas.component(component), value, false);
    for (const issue of found) say(issue.message);
    Object.defineProperty(values, name, { value, enumerable: true });
  }
  return { matches: true, values, issues };
}
