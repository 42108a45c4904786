import type { ContractModel } from './contract-model.js';
import { createDiagnostic } from './create-diagnostic.js';
import type { Diagnostic } from './diagnostic.js';
import { isLooseContractUri, isReservedUri, isStrictContractUri } from './uri-rules.js';
import { checkTemplateCollisions, sampleUri, type TemplateUriOwner } from './uri-template-lint.js';

/** Options of the model lint rules. */
export interface LintOptions {
  /**
   * Report URIs that break the strict rule as warnings (default `false`: the loose rule is the
   * MUST level, and camelCase URIs are normal between TypeScript peers).
   */
  readonly strictUris?: boolean;
}

type UriOwner = TemplateUriOwner;

function collectUris(model: ContractModel): UriOwner[] {
  const owners: UriOwner[] = [];
  for (const file of model.files) {
    for (const service of file.services) {
      for (const p of service.procedures) {
        owners.push({
          uri: p.uri,
          what: 'procedure',
          name: `${service.name}.${p.name}`,
          location: p.location,
          template: p.uriTemplate,
        });
      }
    }
    for (const topics of file.topics) {
      for (const t of topics.topics) {
        const name = `${topics.name}.${t.name}`;
        owners.push({ uri: t.uri, what: 'topic', name, location: t.location, template: t.uriTemplate });
      }
    }
    for (const e of file.errors)
      owners.push({ uri: e.uri, what: 'error', name: e.name, location: e.location });
  }
  return owners;
}

function checkUris(owners: readonly UriOwner[], options: LintOptions, out: Diagnostic[]): void {
  // Procedures, topics and errors live in separate WAMP namespaces: duplicates only count within one.
  const seen = new Map<string, UriOwner>();
  for (const owner of owners) {
    const params = { uri: owner.uri, what: owner.what, name: owner.name };
    if (owner.uri === '') continue;
    // A template is checked with a sample value in each component (the runtime checks the real ones).
    const uri = sampleUri(owner);
    if (!isLooseContractUri(uri)) out.push(createDiagnostic('invalidUri', params, owner.location));
    else if (isReservedUri(uri)) out.push(createDiagnostic('reservedUri', params, owner.location));
    else if (options.strictUris === true && !isStrictContractUri(uri)) {
      out.push(createDiagnostic('nonStrictUri', params, owner.location));
    }
    const key = `${owner.what} ${owner.uri}`;
    const other = seen.get(key);
    if (other) {
      out.push(
        createDiagnostic(
          'duplicateUri',
          { ...params, other: other.name, otherFile: other.location.file },
          owner.location,
        ),
      );
    } else seen.set(key, owner);
  }
  checkTemplateCollisions(owners, out);
}

/**
 * Runs the model-level rules: URI validity, reserved and duplicate URIs, empty contracts and unused
 * errors. Pure: works on the JSON model, so it also runs on models loaded from a snapshot.
 */
export function lintModel(model: ContractModel, options: LintOptions = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  checkUris(collectUris(model), options, out);
  const thrown = new Set<string>();
  for (const file of model.files) {
    for (const service of file.services) {
      if (service.procedures.length === 0) {
        out.push(
          createDiagnostic('emptyContract', { what: 'Service', name: service.name }, service.location),
        );
      }
      for (const p of service.procedures) for (const t of p.throws) thrown.add(`${t.file}#${t.name}`);
    }
    for (const topics of file.topics) {
      if (topics.topics.length === 0) {
        out.push(createDiagnostic('emptyContract', { what: 'Topics', name: topics.name }, topics.location));
      }
    }
  }
  for (const file of model.files) {
    for (const error of file.errors) {
      if (!thrown.has(`${file.path}#${error.name}`)) {
        out.push(createDiagnostic('unusedError', { name: error.name }, error.location));
      }
    }
  }
  return out;
}
