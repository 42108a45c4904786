import type { ContractFile, ContractModel, GeneratedFile } from '../model/contract-model.js';
import {
  assembleIndex,
  emitFile,
  type FileLookups,
  type ModuleExports,
  moduleExports,
  moduleResolver,
  planModules,
} from './emit.js';
import type { EmitOptions } from './emit-options.js';
import { createModelIndex } from './model-index.js';
import { createRecordingLookups, type LookupRecord, stillHolds } from './recording-lookups.js';
import { sameValue } from './same-value.js';

/** What the last {@link IncrementalEmitter.emit} did. */
export interface IncrementalEmitStats {
  /** Modules rendered through the templates (index.ts not counted). */
  readonly rendered: number;
  /** Modules whose previous text was reused. */
  readonly reused: number;
  /** Model paths of the rendered modules, in output order. */
  readonly renderedPaths: readonly string[];
  /** True when index.ts was assembled again rather than reused (false as well when `index: false`). */
  readonly indexRendered: boolean;
}

/** An emitter that remembers its last output and re-renders only the modules a model change can affect. */
export interface IncrementalEmitter {
  /** Same files as `emit(model, options)`, byte for byte; throws the same coded errors. */
  emit(model: ContractModel): GeneratedFile[];
  /** Figures of the last `emit` call that returned (a throwing call leaves them as they were). */
  readonly stats: IncrementalEmitStats;
}

// One module's last rendering and everything its text depended on.
interface Memo {
  readonly file: ContractFile;
  readonly path: string;
  readonly record: LookupRecord;
  readonly text: string;
  /** Its `index.ts` entry (undefined when `index: false`). */
  readonly exports: ModuleExports | undefined;
}

/**
 * Creates an {@link IncrementalEmitter} for fixed `options`. A module's previous text is reused only when
 * its file model is structurally equal, its output path is the same, and every cross-file lookup its
 * rendering made (named types, recursion, codecs, object payloads, module paths) still answers the same.
 * File models are treated as immutable between calls, as their readonly types say.
 *
 * @example
 * const emitter = createIncrementalEmitter({ generatorVersion: '0.1.0' });
 * const files = emitter.emit(model); // later, after a change: emitter.emit(nextModel)
 */
export function createIncrementalEmitter(options: EmitOptions): IncrementalEmitter {
  let memos = new Map<string, Memo>();
  let lastIndex: { readonly modules: readonly ModuleExports[]; readonly file: GeneratedFile } | undefined;
  let stats: IncrementalEmitStats = { rendered: 0, reused: 0, renderedPaths: [], indexRendered: false };

  const emit = (model: ContractModel): GeneratedFile[] => {
    const { files, outPaths } = planModules(model, options);
    const index = createModelIndex(model);
    const known = new Set(index.types.keys());
    const withIndex = options.index ?? true;
    const next = new Map<string, Memo>();
    const renderedPaths: string[] = [];
    const modules: ModuleExports[] = [];
    const out: GeneratedFile[] = files.map((file) => {
      const path = outPaths.get(file.path)!;
      const lookups: FileLookups = { index, known, moduleFor: moduleResolver(path, outPaths) };
      const previous = memos.get(file.path);
      if (
        previous !== undefined &&
        previous.path === path &&
        sameValue(previous.file, file) &&
        stillHolds(previous.record, lookups)
      ) {
        next.set(file.path, previous);
        if (previous.exports !== undefined) modules.push(previous.exports);
        return { path, text: previous.text };
      }
      const recording = createRecordingLookups(lookups);
      const text = emitFile(file, options, recording.lookups);
      const exports = withIndex ? sameExports(previous?.exports, moduleExports({ path, text })) : undefined;
      next.set(file.path, { file, path, record: recording.record, text, exports });
      if (exports !== undefined) modules.push(exports);
      renderedPaths.push(file.path);
      return { path, text };
    });
    // Memos of files that left the model are dropped here (a failed run above keeps the old ones).
    memos = next;
    let indexRendered = false;
    if (withIndex) {
      const last = lastIndex;
      // Same export entries (by reference) as last time: the index text and its clash check are unchanged.
      if (
        last !== undefined &&
        last.modules.length === modules.length &&
        modules.every((m, i) => m === last.modules[i])
      ) {
        out.push(last.file);
      } else {
        const file = assembleIndex(modules, options);
        lastIndex = { modules, file };
        indexRendered = true;
        out.push(file);
      }
    }
    stats = {
      rendered: renderedPaths.length,
      reused: files.length - renderedPaths.length,
      renderedPaths,
      indexRendered,
    };
    return out;
  };

  return {
    emit,
    get stats() {
      return stats;
    },
  };
}

// The previous index entry when a re-rendered module exports the same names, so index.ts can be reused.
function sameExports(previous: ModuleExports | undefined, found: ModuleExports): ModuleExports {
  return previous !== undefined && sameValue(previous, found) ? previous : found;
}
