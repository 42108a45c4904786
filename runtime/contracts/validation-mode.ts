import * as z from 'zod/mini';
import { COMPILER_INCLUDED, compileSchema, ZOD_EVAL_PROBE } from './compile-schema.js';
import './zod-messages.js';

/** How validators run: `auto` compiles them when the platform allows `new Function`, `jit` and `jitless` force it. */
export type ValidationMode = 'auto' | 'jit' | 'jitless';

let mode: ValidationMode = 'auto';
// Counts mode changes, so that caches of prepared schemas (wire-value.ts) know when to redo them.
let generation = 0;
let evalAllowed: boolean | undefined;
// Compiled clones per schema, so that each validator is compiled once per process.
let compiled = new WeakMap<z.core.$ZodType, z.core.$ZodType>();

/**
 * True when this platform lets code be generated at run time (false under a strict Content-Security-Policy).
 * Shares zod's cached probe where the build carries it (Node), so a strict-CSP host gets one violation
 * report for both, not two; browser builds probe on their own, and only when asked (`setValidationMode`).
 */
export function canGenerateCode(): boolean {
  if (evalAllowed === undefined)
    evalAllowed = ZOD_EVAL_PROBE === undefined ? probeOwn() : readZodProbe(ZOD_EVAL_PROBE);
  return evalAllowed;
}

/** Reads zod's probe with `jitless` lifted: under `jitless` zod answers false without probing and caches that for good. */
function readZodProbe(probe: { readonly value: boolean }): boolean {
  const config = z.config();
  const jitless = config.jitless;
  // Synchronous, so no schema is built while the flag is lifted; zod's JIT stays off whenever it was off.
  if (jitless === true) z.config({ jitless: false });
  try {
    return probe.value === true;
  } finally {
    if (jitless === true) z.config({ jitless: true });
  }
}

/** The fallback probe for zod builds without `util.allowsEval`. */
function probeOwn(): boolean {
  try {
    // A CSP without 'unsafe-eval' makes this throw (and report a violation); callers cache the answer.
    return typeof new Function('return 1') === 'function';
  } catch {
    return false;
  }
}

/**
 * Chooses how generated validators run; `auto` is the default. `jitless` stops the ahead-of-time
 * compilation (`z.compile`) at once and switches zod's own object JIT off (`z.config({ jitless: true })`)
 * for schemas built afterwards: zod decides that per object schema when it is created, so modules
 * imported before the switch keep it. That is harmless under a strict CSP, where zod checks that code
 * generation is allowed before it uses its JIT; call this before importing generated code to measure
 * the purely interpreted path.
 */
export function setValidationMode(next: ValidationMode): void {
  mode = next;
  generation++;
  compiled = new WeakMap();
  z.config({ jitless: next === 'jitless' || (next === 'auto' && !canGenerateCode()) });
}

/** @internal Changes whenever {@link setValidationMode} runs: what {@link prepareSchema} returns may differ after. */
export function validationGeneration(): number {
  return generation;
}

/** The current {@link ValidationMode}. */
export function getValidationMode(): ValidationMode {
  return mode;
}

/**
 * The fastest available form of `schema`: zod's ahead-of-time compiled clone where allowed, else
 * `schema` itself. Browser builds carry no compiler (see `compile-schema.ts`) and always return `schema`.
 */
export function prepareSchema<T extends z.core.$ZodType>(schema: T): T {
  if (!COMPILER_INCLUDED || mode === 'jitless' || (mode === 'auto' && !canGenerateCode())) return schema;
  const hit = compiled.get(schema);
  if (hit !== undefined) return hit as T;
  // zod's compiler hands back the schema unchanged for constructs it cannot compile (async refinements, ...).
  const fast = compileSchema(schema);
  compiled.set(schema, fast);
  return fast;
}
