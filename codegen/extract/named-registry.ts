import type { TypeScript } from './typescript.js';
import type { ErrorModel, NamedTypeModel } from '../model/contract-model.js';
import type { Diagnostic } from '../model/diagnostic.js';

/** A declaration that becomes a named entry of the model: a named type or an error type. */
export type NamedDeclaration =
  | TypeScript.InterfaceDeclaration
  | TypeScript.TypeAliasDeclaration
  | TypeScript.EnumDeclaration;

/** A named type or error found during a pass, converted once and shared by every file that reaches it. */
export interface NamedEntry {
  /** `<file>#<name>`, unique in the model. */
  readonly key: string;
  readonly kind: 'type' | 'error';
  readonly name: string;
  readonly file: string;
  /** Declaration offset in its file: entries are listed in declaration order. */
  readonly pos: number;
  readonly declaration: NamedDeclaration;
  model?: NamedTypeModel | ErrorModel;
  /** Diagnostics found while converting this entry. */
  readonly diagnostics: Diagnostic[];
  /** Keys of the entries this one refers to. */
  readonly refs: Set<string>;
}

/** Named entries of one pass, keyed by declaration, with a queue of entries still to convert. */
export interface NamedRegistry {
  get(declaration: NamedDeclaration): NamedEntry | undefined;
  /** Adds an entry and queues it for conversion. */
  add(entry: NamedEntry): NamedEntry;
  /** Removes and returns the entries queued since the last call. */
  drain(): NamedEntry[];
  byKey(key: string): NamedEntry | undefined;
}

/** Creates an empty registry. */
export function createNamedRegistry(): NamedRegistry {
  const byDeclaration = new Map<NamedDeclaration, NamedEntry>();
  const byKey = new Map<string, NamedEntry>();
  let queue: NamedEntry[] = [];
  return {
    get: (declaration) => byDeclaration.get(declaration),
    add(entry) {
      byDeclaration.set(entry.declaration, entry);
      byKey.set(entry.key, entry);
      queue.push(entry);
      return entry;
    },
    drain() {
      const drained = queue;
      queue = [];
      return drained;
    },
    byKey: (key) => byKey.get(key),
  };
}
