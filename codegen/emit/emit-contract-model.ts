import type { ContractModel, GeneratedFile } from '../model/contract-model.js';
import { DEFAULT_RUNTIME_IMPORT, type EmitOptions, GENERATED_MARKER } from './emit-options.js';
import { stringLiteral } from './identifiers.js';

/**
 * The output module holding the whole contract model, at the output root. Generated services and
 * topics clients load it with a dynamic `import()` (their contract's `model`), so only a callee
 * serving its live contract or a client checking one pays for it (docs/live-contracts.md).
 */
export const CONTRACT_MODEL_MODULE = '_contract-model.ts';

/** Renders {@link CONTRACT_MODEL_MODULE}: the model as a typed constant, written as JSON. */
export function emitContractModel(model: ContractModel, options: EmitOptions): GeneratedFile {
  const runtime = stringLiteral(options.runtimeImport ?? DEFAULT_RUNTIME_IMPORT);
  const text = [
    `${GENERATED_MARKER} ${options.generatorVersion}. Do not edit: run \`wamp-contracts gen\`.`,
    `import type { ContractModel } from ${runtime};`,
    '',
    '/** The contract model of every generated service and topics interface, loaded on demand by live contracts. */',
    `export const contractModel: ContractModel = ${JSON.stringify(model, null, 2)};`,
    '',
  ].join('\n');
  return { path: CONTRACT_MODEL_MODULE, text };
}
