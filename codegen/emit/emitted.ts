/** Whether an exported name is a value (`const`, `class`; re-exported with `export`) or a type only. */
export type ExportKind = 'value' | 'type';

/** One name a generated module exports. */
export interface ModuleExport {
  readonly name: string;
  readonly kind: ExportKind;
}

/**
 * What an emitter returns: the text it rendered and the names that text exports, in the order it
 * declares them. `index.ts` is built from these lists, never by reading generated text back.
 */
export interface Emitted {
  readonly text: string;
  readonly exports: readonly ModuleExport[];
}

/** One rendered module: its output path, text and exports. */
export interface EmittedModule extends Emitted {
  readonly path: string;
}

/** A value export (a `const` or a `class`; an enum's type of the same name travels with it). */
export const valueExport = (name: string): ModuleExport => ({ name, kind: 'value' });

/** A type-only export (an `interface` or a `type`). */
export const typeExport = (name: string): ModuleExport => ({ name, kind: 'type' });
