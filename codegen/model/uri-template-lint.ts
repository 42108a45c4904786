import type { SourceLocation, UriTemplateModel } from './contract-model.js';
import { createDiagnostic } from './create-diagnostic.js';
import type { Diagnostic } from './diagnostic.js';

/** A URI of one namespace (procedures or topics), fixed or templated, as the collision rule sees it. */
export interface TemplateUriOwner {
  readonly uri: string;
  readonly what: 'procedure' | 'topic' | 'error';
  readonly name: string;
  readonly location: SourceLocation;
  readonly template?: UriTemplateModel | undefined;
}

/** The URI with each component replaced by a sample value, for the plain URI rules (validity, `wamp.`). */
export function sampleUri(owner: TemplateUriOwner): string {
  if (!owner.template) return owner.uri;
  return owner.template.segments.map((s) => ('literal' in s ? s.literal : 'x')).join('.');
}

// Per segment: fixed text, or null for a component (which matches any one URI component).
function segmentsOf(owner: TemplateUriOwner): (string | null)[] {
  return owner.template
    ? owner.template.segments.map((s) => ('literal' in s ? s.literal : null))
    : owner.uri.split('.');
}

function overlap(a: readonly (string | null)[], b: readonly (string | null)[]): boolean {
  return a.length === b.length && a.every((s, i) => s === null || b[i] === null || s === b[i]);
}

/**
 * Reports a template that can name the same concrete URI as another member of its namespace (a fixed
 * URI it matches, or a template of the same shape): the wildcard registration or subscription would
 * take the other member's traffic, or REGISTER would fail with `procedure_already_exists`.
 */
export function checkTemplateCollisions(owners: readonly TemplateUriOwner[], out: Diagnostic[]): void {
  const templated = owners.filter((o) => o.template !== undefined);
  for (const owner of templated) {
    const mine = segmentsOf(owner);
    for (const other of owners) {
      if (other === owner || other.what !== owner.what) continue;
      // Two templates are reported once, at the later one.
      if (other.template !== undefined && owners.indexOf(other) > owners.indexOf(owner)) continue;
      if (!overlap(mine, segmentsOf(other))) continue;
      const params = {
        uri: owner.uri,
        what: owner.what,
        name: owner.name,
        other: other.name,
        otherUri: other.uri,
        otherFile: other.location.file,
      };
      out.push(createDiagnostic('uriTemplateCollision', params, owner.location));
    }
  }
}
