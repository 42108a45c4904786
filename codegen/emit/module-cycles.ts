import type { ContractFile, ContractModel } from '../model/contract-model.js';
import { stronglyConnected } from '../model/strongly-connected.js';

/**
 * The import cycles between generated modules. ES modules in a cycle evaluate one after the other, so a
 * module's top-level code must not read a binding of another module of its cycle: that binding may not
 * be initialised yet (a TDZ ReferenceError). Emit reads such bindings lazily (object getters, `z.lazy`).
 *
 * @returns for each schema file of the model, an id shared by exactly the files of its cycle
 */
export function moduleCycles(model: ContractModel): Map<string, string> {
  const edges = new Map(model.files.map((file) => [file.path, dependenciesOf(file)] as const));
  const component = new Map<string, string>();
  for (const members of stronglyConnected([...edges.keys()].sort(), (file) => edges.get(file) ?? [])) {
    // Each component is named after its smallest path.
    const [id = ''] = [...members].sort();
    for (const member of members) component.set(member, id);
  }
  return component;
}

/** Other schema files whose generated modules `file`'s module imports: every type reference and thrown error. */
function dependenciesOf(file: ContractFile): Set<string> {
  const found = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const record = value as Record<string, unknown>;
    if (record.kind === 'ref' && typeof record.file === 'string' && record.file !== file.path)
      found.add(record.file);
    for (const key in record) if (key !== 'location' && key !== 'docs') walk(record[key]);
  };
  walk(file.types);
  walk(file.errors);
  walk(file.services);
  walk(file.topics);
  // A thrown error's class is imported as a value, so its module is loaded too.
  for (const service of file.services)
    for (const procedure of service.procedures)
      for (const thrown of procedure.throws) if (thrown.file !== file.path) found.add(thrown.file);
  return found;
}
