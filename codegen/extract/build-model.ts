import type { ContractFile, ContractModel, ErrorModel, NamedTypeModel } from '../model/contract-model.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { normalizeDiagnostics } from '../model/normalize-diagnostics.js';
import type { FileContracts } from './extract-file.js';
import { stronglyConnected } from '../model/strongly-connected.js';

/** What extracting one schema file produced (kept between watch updates). */
export interface FileResult {
  readonly path: string;
  readonly contracts: FileContracts;
  readonly diagnostics: readonly Diagnostic[];
  /** Keys of the named entries the file refers to directly. */
  readonly refs: readonly string[];
}

/** A converted named type or error (kept between watch updates). */
export interface EntryResult {
  readonly key: string;
  readonly kind: 'type' | 'error';
  readonly file: string;
  readonly pos: number;
  readonly model: NamedTypeModel | ErrorModel;
  readonly diagnostics: readonly Diagnostic[];
  readonly refs: readonly string[];
}

/** Keys reachable from the files through entry refs. */
function reachable(files: Iterable<FileResult>, entries: ReadonlyMap<string, EntryResult>): Set<string> {
  const seen = new Set<string>();
  const stack: string[] = [];
  for (const file of files) stack.push(...file.refs);
  for (let key = stack.pop(); key !== undefined; key = stack.pop()) {
    if (seen.has(key)) continue;
    seen.add(key);
    stack.push(...(entries.get(key)?.refs ?? []));
  }
  return seen;
}

/** Keys of type entries on a reference cycle: a component of several, or one that refers to itself. */
function recursiveKeys(keys: readonly string[], entries: ReadonlyMap<string, EntryResult>): Set<string> {
  const refsOf = (key: string): readonly string[] => entries.get(key)?.refs ?? [];
  const cyclic = stronglyConnected(
    keys.filter((key) => entries.has(key)),
    refsOf,
  ).filter((component) => component.length > 1 || refsOf(component[0]!).includes(component[0]!));
  return new Set(cyclic.flat());
}

/** Assembles the model (files sorted by path) and the diagnostics of the reachable entries. */
export function buildModel(
  files: ReadonlyMap<string, FileResult>,
  entries: ReadonlyMap<string, EntryResult>,
  extra: readonly Diagnostic[],
): { model: ContractModel; diagnostics: Diagnostic[] } {
  // Entries no file reaches any more (after a watch update) are dropped with their diagnostics.
  const keys = [...reachable(files.values(), entries)].filter((key) => entries.has(key)).sort();
  const recursive = recursiveKeys(keys, entries);
  const byPath = new Map<string, { types: EntryResult[]; errors: EntryResult[] }>();
  for (const file of files.values()) byPath.set(file.path, { types: [], errors: [] });
  const diagnostics: Diagnostic[] = [...extra];
  for (const file of files.values()) diagnostics.push(...file.diagnostics);
  for (const key of keys) {
    const entry = entries.get(key);
    if (!entry) continue;
    let slot = byPath.get(entry.file);
    if (!slot) byPath.set(entry.file, (slot = { types: [], errors: [] }));
    (entry.kind === 'error' ? slot.errors : slot.types).push(entry);
    diagnostics.push(...entry.diagnostics);
  }
  const byPos = (a: EntryResult, b: EntryResult) => a.pos - b.pos;
  const ownByPath = new Map([...files.values()].map((f) => [f.path, f.contracts]));
  const contractFiles: ContractFile[] = [...byPath.keys()].sort().map((path) => {
    const slot = byPath.get(path) ?? { types: [], errors: [] };
    const own = ownByPath.get(path);
    return {
      path,
      services: own?.services ?? [],
      topics: own?.topics ?? [],
      errors: slot.errors.sort(byPos).map((e) => e.model as ErrorModel),
      types: slot.types.sort(byPos).map((e) => {
        const model = e.model as NamedTypeModel;
        return recursive.has(e.key) ? { ...model, recursive: true } : model;
      }),
    };
  });
  return { model: { modelVersion: 2, files: contractFiles }, diagnostics: normalizeDiagnostics(diagnostics) };
}
