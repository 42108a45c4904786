import type { Dict } from '../protocol/messages.js';
import { WampError } from '../protocol/wamp-error.js';
import type { UriComponentContract, UriTemplate, UriTemplateFactory } from './contract-types.js';
import { ContractErrorUri, type ValidationIssue } from './validation-error.js';
import { decodeValue, encodeValue } from './wire-value.js';

/** The issue code of a component value that is not a valid URI component (checklist C.1, loose rule). */
export const INVALID_URI_COMPONENT = 'invalid_uri_component';

// The loose rule of WAMP for one component: non-empty, no dot, no `#`, no whitespace.
const LOOSE_COMPONENT = /^[^\s.#]+$/;
// Integers in canonical decimal form: one text per number, so a URI names one instance.
const INTEGER_TEXT = /^-?(0|[1-9][0-9]*)$/;
const BRACED = /^\{([A-Za-z_$][\w$]*)\}$/;

function refuse(where: string, name: string, message: string, details: Dict = {}): WampError {
  const issues: ValidationIssue[] = [{ code: INVALID_URI_COMPONENT, path: [name], message, ...details }];
  return new WampError(ContractErrorUri.INVALID_ARGUMENT, [`${where}: ${message} at ${name}`], {
    where,
    issues,
  });
}

/**
 * Binds a template (`{name}` segments, each a whole URI component) to its components' validators.
 * Throws a `TypeError` when the template and the components disagree (generated code never does).
 */
export function createUriTemplate(
  template: string,
  components: readonly UriComponentContract[],
): UriTemplate {
  const segments = template.split('.');
  // For each segment: the index of its component, or -1 for literal text.
  const slots = segments.map((segment) => {
    const name = BRACED.exec(segment)?.[1];
    if (name === undefined) return -1;
    const index = components.findIndex((c) => c.name === name);
    if (index < 0) throw new TypeError(`URI template ${template}: no component named ${name}`);
    return index;
  });
  if (slots.filter((s) => s >= 0).length !== components.length) {
    throw new TypeError(
      `URI template ${template} does not name each of its ${components.length} components once`,
    );
  }
  const wildcard = segments.map((s, i) => (slots[i]! >= 0 ? '' : s)).join('.');
  const where = `URI of ${template}`;

  const formatOne = (component: UriComponentContract, value: unknown): string => {
    const checked = encodeValue(
      component.schema,
      value,
      true,
      false,
      ContractErrorUri.INVALID_ARGUMENT,
      `${where}, component ${component.name}`,
    );
    if (component.numeric === true) {
      if (!Number.isSafeInteger(checked)) {
        throw refuse(where, component.name, 'a numeric URI component must be a safe integer');
      }
      return String(checked);
    }
    const text = String(checked);
    if (!LOOSE_COMPONENT.test(text)) {
      throw refuse(
        where,
        component.name,
        `${JSON.stringify(text)} is not a URI component (non-empty, no '.', '#' or whitespace)`,
      );
    }
    return text;
  };

  const parseOne = (component: UriComponentContract, text: string): unknown => {
    let raw: unknown = text;
    if (component.numeric === true) {
      if (!INTEGER_TEXT.test(text) || !Number.isSafeInteger(Number(text))) {
        throw refuse(where, component.name, `${JSON.stringify(text)} is not an integer`);
      }
      raw = Number(text);
    }
    return decodeValue(
      component.schema,
      raw,
      true,
      false,
      ContractErrorUri.INVALID_ARGUMENT,
      `${where}, component ${component.name}`,
    );
  };

  return {
    template,
    wildcard,
    components,
    format(values) {
      const texts = components.map((c, i) => formatOne(c, values[i]));
      return segments.map((s, i) => (slots[i]! >= 0 ? texts[slots[i]!] : s)).join('.');
    },
    parse(uri) {
      if (typeof uri !== 'string') {
        throw refuse(where, components[0]?.name ?? '', 'the router did not name the concrete URI');
      }
      const parts = uri.split('.');
      const values: unknown[] = new Array(components.length);
      const fits =
        parts.length === segments.length && parts.every((p, i) => slots[i]! >= 0 || p === segments[i]);
      if (!fits)
        throw refuse(where, components[0]?.name ?? '', `${JSON.stringify(uri)} does not match the template`);
      for (let i = 0; i < parts.length; i++) {
        const slot = slots[i]!;
        if (slot < 0) continue;
        const component = components[slot]!;
        const text = parts[i]!;
        if (!LOOSE_COMPONENT.test(text)) {
          throw refuse(where, component.name, `${JSON.stringify(text)} is not a URI component`);
        }
        values[slot] = parseOne(component, text);
      }
      return values;
    },
  };
}

/** The component values as an object keyed by component name, as handlers receive them. */
export function componentRecord(template: UriTemplate, values: readonly unknown[]): Record<string, unknown> {
  // fromEntries defines own properties: a component named like an Object.prototype member stays data.
  return Object.fromEntries(template.components.map((c, i) => [c.name, values[i]]));
}

/**
 * The URI template of `member` (a procedure or topic with `components`) at `uri`, built by its
 * contract's `uriTemplate`. Throws a `TypeError` for a hand-written contract that lacks it.
 */
export function contractTemplate(
  contract: { readonly name: string; readonly uriTemplate?: UriTemplateFactory },
  member: { readonly name: string; readonly components?: readonly UriComponentContract[] },
  uri: string,
): UriTemplate {
  if (contract.uriTemplate === undefined) {
    throw new TypeError(
      `${contract.name}.${member.name} has URI components but the contract has no uriTemplate: run \`wamp-contracts gen\` again (code generated before this field existed lacks it), or set uriTemplate: createUriTemplate in a hand-written contract`,
    );
  }
  return contract.uriTemplate(uri, member.components ?? []);
}
