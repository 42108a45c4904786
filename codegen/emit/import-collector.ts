/** Collects named imports per module, then renders them deduplicated and sorted. */
export interface ImportCollector {
  /** Adds a namespace import (`import * as name from`), e.g. the validators as `z`, which bundlers tree-shake. */
  namespace(from: string, name: string): void;
  /** Adds a value import (`import { name }`). A value import wins over a type import of the same name. */
  value(from: string, name: string): void;
  /** Adds a type-only import (`import type { name }`). */
  type(from: string, name: string): void;
  /** The import statements, sorted by module then name; `import type` when every name is a type. */
  render(): string;
}

/** Creates an empty {@link ImportCollector}. */
export function createImportCollector(): ImportCollector {
  // module -> name -> true when imported as a value
  const modules = new Map<string, Map<string, boolean>>();
  // module -> namespace name
  const namespaces = new Map<string, string>();
  const add = (from: string, name: string, isValue: boolean): void => {
    let names = modules.get(from);
    if (!names) modules.set(from, (names = new Map()));
    names.set(name, (names.get(name) ?? false) || isValue);
  };
  return {
    namespace: (from, name) => namespaces.set(from, name),
    value: (from, name) => add(from, name, true),
    type: (from, name) => add(from, name, false),
    render() {
      const lines: string[] = [];
      for (const from of [...new Set([...modules.keys(), ...namespaces.keys()])].sort(compareModules)) {
        const namespace = namespaces.get(from);
        if (namespace !== undefined) lines.push(`import * as ${namespace} from '${from}';`);
        const names = modules.get(from);
        if (names === undefined) continue;
        const sorted = [...names.keys()].sort();
        const allTypes = sorted.every((name) => !names.get(name));
        const specs = allTypes ? sorted : sorted.map((name) => (names.get(name) ? name : `type ${name}`));
        const head = `import ${allTypes ? 'type ' : ''}`;
        const line = `${head}{ ${specs.join(', ')} } from '${from}';`;
        // Long imports go one name per line, as a formatter would print them.
        lines.push(
          line.length <= 110 ? line : `${head}{\n${specs.map((s) => `  ${s},\n`).join('')}} from '${from}';`,
        );
      }
      return lines.join('\n');
    },
  };
}

// Packages first, then relative modules, each alphabetically (stable across runs and platforms).
function compareModules(a: string, b: string): number {
  const ra = a.startsWith('.') ? 1 : 0;
  const rb = b.startsWith('.') ? 1 : 0;
  if (ra !== rb) return ra - rb;
  return a < b ? -1 : a > b ? 1 : 0;
}
