import type { NamedTypeModel, TypeNode } from '../model/contract-model.js';
import type { FileLookups } from './emit.js';
import type { ModelIndex } from './model-index.js';
import { sameValue } from './same-value.js';

/** Every cross-file question one module's emit asked, with the answer it got. */
export interface LookupRecord {
  /** The emit iterated a whole map or set (or a lookup threw): the answers cannot be replayed. */
  readonly opaque: boolean;
  readonly known: ReadonlyMap<string, boolean>;
  readonly recursive: ReadonlyMap<string, boolean>;
  readonly typesHas: ReadonlyMap<string, boolean>;
  readonly typesGet: ReadonlyMap<string, NamedTypeModel | undefined>;
  readonly modules: ReadonlyMap<string, string>;
  /** Keyed by the node of the (unchanged) file model the question was about. */
  readonly hasCodec: ReadonlyMap<TypeNode, boolean>;
  readonly isObject: ReadonlyMap<TypeNode, boolean>;
  /** Keyed by the two files, joined with a NUL. */
  readonly sameCycle: ReadonlyMap<string, boolean>;
}

interface MutableRecord extends LookupRecord {
  opaque: boolean;
  readonly known: Map<string, boolean>;
  readonly recursive: Map<string, boolean>;
  readonly typesHas: Map<string, boolean>;
  readonly typesGet: Map<string, NamedTypeModel | undefined>;
  readonly modules: Map<string, string>;
  readonly hasCodec: Map<TypeNode, boolean>;
  readonly isObject: Map<TypeNode, boolean>;
  readonly sameCycle: Map<string, boolean>;
}

/** A read-only set whose `has` answers are written to `answers`; iterating it makes the record opaque. */
class RecordingSet implements ReadonlySet<string> {
  constructor(
    private readonly real: ReadonlySet<string>,
    private readonly answers: Map<string, boolean>,
    private readonly record: MutableRecord,
  ) {}
  has(value: string): boolean {
    const answer = this.real.has(value);
    this.answers.set(value, answer);
    return answer;
  }
  get size(): number {
    this.record.opaque = true;
    return this.real.size;
  }
  forEach(fn: (value: string, key: string, set: ReadonlySet<string>) => void): void {
    this.record.opaque = true;
    for (const value of this.real) fn(value, value, this);
  }
  entries(): SetIterator<[string, string]> {
    this.record.opaque = true;
    return this.real.entries();
  }
  keys(): SetIterator<string> {
    this.record.opaque = true;
    return this.real.keys();
  }
  values(): SetIterator<string> {
    this.record.opaque = true;
    return this.real.values();
  }
  [Symbol.iterator](): SetIterator<string> {
    return this.values();
  }
}

/** A read-only map of named types whose `get`/`has` answers are recorded; iterating it makes the record opaque. */
class RecordingTypes implements ReadonlyMap<string, NamedTypeModel> {
  constructor(
    private readonly real: ReadonlyMap<string, NamedTypeModel>,
    private readonly record: MutableRecord,
  ) {}
  get(key: string): NamedTypeModel | undefined {
    const answer = this.real.get(key);
    this.record.typesGet.set(key, answer);
    return answer;
  }
  has(key: string): boolean {
    const answer = this.real.has(key);
    this.record.typesHas.set(key, answer);
    return answer;
  }
  get size(): number {
    this.record.opaque = true;
    return this.real.size;
  }
  forEach(fn: (value: NamedTypeModel, key: string, map: ReadonlyMap<string, NamedTypeModel>) => void): void {
    this.record.opaque = true;
    for (const [key, value] of this.real) fn(value, key, this);
  }
  entries(): MapIterator<[string, NamedTypeModel]> {
    this.record.opaque = true;
    return this.real.entries();
  }
  keys(): MapIterator<string> {
    this.record.opaque = true;
    return this.real.keys();
  }
  values(): MapIterator<NamedTypeModel> {
    this.record.opaque = true;
    return this.real.values();
  }
  [Symbol.iterator](): MapIterator<[string, NamedTypeModel]> {
    return this.entries();
  }
}

/** Wraps `real` so that every cross-file lookup made through the result is recorded in `record`. */
export function createRecordingLookups(real: FileLookups): { lookups: FileLookups; record: LookupRecord } {
  const record: MutableRecord = {
    opaque: false,
    known: new Map(),
    recursive: new Map(),
    typesHas: new Map(),
    typesGet: new Map(),
    modules: new Map(),
    hasCodec: new Map(),
    isObject: new Map(),
    sameCycle: new Map(),
  };
  const index: ModelIndex = {
    types: new RecordingTypes(real.index.types, record),
    recursive: new RecordingSet(real.index.recursive, record.recursive, record),
    hasCodec: (node) => {
      const answer = real.index.hasCodec(node);
      record.hasCodec.set(node, answer);
      return answer;
    },
    isObject: (node) => {
      const answer = real.index.isObject(node);
      record.isObject.set(node, answer);
      return answer;
    },
    sameCycle: (a, b) => {
      const answer = real.index.sameCycle(a, b);
      record.sameCycle.set(`${a}\0${b}`, answer);
      return answer;
    },
  };
  const moduleFor = (file: string): string => {
    try {
      const answer = real.moduleFor(file);
      record.modules.set(file, answer);
      return answer;
    } catch (error) {
      // A throw is not replayed: the module is rendered again next time.
      record.opaque = true;
      throw error;
    }
  };
  const known = new RecordingSet(real.known, record.known, record);
  return { lookups: { index, known, moduleFor }, record };
}

/** True when every lookup in `record` gives the same answer through `lookups` (a whole model's real ones). */
export function stillHolds(record: LookupRecord, lookups: FileLookups): boolean {
  if (record.opaque) return false;
  const { index } = lookups;
  for (const [key, answer] of record.known) if (lookups.known.has(key) !== answer) return false;
  for (const [key, answer] of record.recursive) if (index.recursive.has(key) !== answer) return false;
  for (const [key, answer] of record.typesHas) if (index.types.has(key) !== answer) return false;
  for (const [key, answer] of record.typesGet) if (!sameValue(index.types.get(key), answer)) return false;
  for (const [node, answer] of record.hasCodec) if (index.hasCodec(node) !== answer) return false;
  for (const [node, answer] of record.isObject) if (index.isObject(node) !== answer) return false;
  for (const [pair, answer] of record.sameCycle) {
    const [a = '', b = ''] = pair.split('\0');
    if (index.sameCycle(a, b) !== answer) return false;
  }
  for (const [file, answer] of record.modules) {
    try {
      if (lookups.moduleFor(file) !== answer) return false;
    } catch {
      // The file left the model: the module must be rendered again (and will report the error itself).
      return false;
    }
  }
  return true;
}
