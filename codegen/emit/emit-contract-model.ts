import type { ContractModel, GeneratedFile } from '../model/contract-model.js';
import { DEFAULT_RUNTIME_IMPORT, type EmitOptions, generatedHeader } from './emit-options.js';
import { stringLiteral } from './identifiers.js';

/**
 * The output module holding the whole contract model, at the output root. Generated services and
 * topics clients load it with a dynamic `import()` (their contract's `model`), so only a callee
 * serving its live contract or a client checking one pays for it (docs/live-contracts.md).
 */
export const CONTRACT_MODEL_MODULE = '_contract-model.ts';

/**
 * Renders {@link CONTRACT_MODEL_MODULE}: the model as JSON text in a template literal, parsed when
 * the module loads. As an object literal it was two thirds of the generated lines and `tsc` checked
 * every node of it against `ContractModel` (about 40 % of `tsc --noEmit` over the 100-file bench
 * project); a string is one token to the compiler. The text stays pretty-printed so that a change
 * to the model is a readable diff.
 */
export function emitContractModel(model: ContractModel, options: EmitOptions): GeneratedFile {
  const runtime = stringLiteral(options.runtimeImport ?? DEFAULT_RUNTIME_IMPORT);
  const text = [
    generatedHeader(options),
    `import type { ContractModel } from ${runtime};`,
    '',
    '/** The contract model of every generated service and topics interface, loaded on demand by live contracts. */',
    `export const contractModel: ContractModel = JSON.parse(${templateLiteral(JSON.stringify(model, null, 2))});`,
    '',
  ].join('\n');
  return { path: CONTRACT_MODEL_MODULE, text };
}

/** `text` as a template literal without substitutions whose value is exactly `text`. */
export function templateLiteral(text: string): string {
  return `\`${text.replace(/[\\`]/g, '\\$&').replace(/\$\{/g, '\\${')}\``;
}
