import type { ContractFile, ContractModel, GeneratedFile } from '../model/contract-model.js';
import { type EmitPlan, emitModules } from './emit.js';
import type { EmitOptions } from './emit-options.js';
import type { EmittedModule } from './emitted.js';
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
  readonly record: LookupRecord;
  readonly module: EmittedModule;
}

/**
 * Creates an {@link IncrementalEmitter} for fixed `options`. It runs the same emit loop as `emit`, and
 * decides per module whether to render it: a module's previous text is reused only when its file model
 * is structurally equal, its output path is the same, and every cross-file lookup its rendering made
 * (named types, recursion, codecs, object payloads, module paths) still answers the same. File models
 * are treated as immutable between calls, as their readonly types say.
 *
 * @example
 * const emitter = createIncrementalEmitter({ generatorVersion: '0.1.0' });
 * const files = emitter.emit(model); // later, after a change: emitter.emit(nextModel)
 */
export function createIncrementalEmitter(options: EmitOptions): IncrementalEmitter {
  let memos = new Map<string, Memo>();
  let lastIndex: { readonly modules: readonly EmittedModule[]; readonly file: GeneratedFile } | undefined;
  let stats: IncrementalEmitStats = { rendered: 0, reused: 0, renderedPaths: [], indexRendered: false };

  const emit = (model: ContractModel): GeneratedFile[] => {
    const next = new Map<string, Memo>();
    const renderedPaths: string[] = [];
    let reused = 0;
    let indexRendered = false;
    const plan: EmitPlan = {
      module(file, path, lookups, render) {
        const previous = memos.get(file.path);
        if (
          previous !== undefined &&
          previous.module.path === path &&
          sameValue(previous.file, file) &&
          stillHolds(previous.record, lookups)
        ) {
          next.set(file.path, previous);
          reused++;
          return previous.module;
        }
        const recording = createRecordingLookups(lookups);
        const module = sameExports(previous?.module, render(recording.lookups));
        next.set(file.path, { file, record: recording.record, module });
        renderedPaths.push(file.path);
        return module;
      },
      index(modules, assemble) {
        const last = lastIndex;
        // Same exports (by reference) of the same modules as last time: the index text and its clash check are unchanged.
        if (
          last !== undefined &&
          last.modules.length === modules.length &&
          modules.every((m, i) => m.path === last.modules[i]!.path && m.exports === last.modules[i]!.exports)
        ) {
          return last.file;
        }
        const file = assemble();
        lastIndex = { modules, file };
        indexRendered = true;
        return file;
      },
    };
    const out = emitModules(model, options, plan);
    // Only a run that returned replaces the memos; files that left the model are dropped with them.
    memos = next;
    stats = { rendered: renderedPaths.length, reused, renderedPaths, indexRendered };
    return out;
  };

  return {
    emit,
    get stats() {
      return stats;
    },
  };
}

// A re-rendered module that exports the same names keeps the previous export list, so index.ts can be reused.
function sameExports(previous: EmittedModule | undefined, rendered: EmittedModule): EmittedModule {
  return previous !== undefined &&
    previous.exports !== rendered.exports &&
    sameValue(previous.exports, rendered.exports)
    ? { ...rendered, exports: previous.exports }
    : rendered;
}
