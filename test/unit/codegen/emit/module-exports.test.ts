import { describe, expect, it } from 'vitest';
import { emitModules } from '../../../../codegen/emit/emit.js';
import type { EmittedModule, ModuleExport } from '../../../../codegen/emit/emitted.js';
import { extractContracts } from '../../../../codegen/extract/index.js';
import { fixtureFiles, ROOT } from '../../../golden/golden-cases.js';
import { weatherModel } from './weather-model.js';

// The export statements the templates write; a const and a type of one name (an enum) is one value export.
const DECLARATION = /^export (?:abstract )?(const|class|interface|type) ([A-Za-z_$][\w$]*)/gm;

function declaredIn(text: string): ModuleExport[] {
  const found = new Map<string, ModuleExport['kind']>();
  for (const [, keyword, name] of text.matchAll(DECLARATION) as Iterable<[string, string, string]>) {
    const kind = keyword === 'const' || keyword === 'class' ? 'value' : 'type';
    found.set(name, found.get(name) === 'value' ? 'value' : kind);
  }
  return [...found].map(([name, kind]) => ({ name, kind }));
}

function modulesOf(model: Parameters<typeof emitModules>[0]): EmittedModule[] {
  const modules: EmittedModule[] = [];
  emitModules(
    model,
    { generatorVersion: '0.0.0-test' },
    {
      module: (_file, _path, lookups, render) => {
        const module = render(lookups);
        modules.push(module);
        return module;
      },
      index: (_modules, assemble) => assemble(),
    },
  );
  return modules;
}

describe('exports reported by the emitters', () => {
  const fixtures = extractContracts({ root: ROOT, files: fixtureFiles() }).model;

  it.each([
    ['the golden fixtures', fixtures],
    ['the weather model', weatherModel],
  ] as const)('match the export declarations of every module of %s', (_name, model) => {
    const modules = modulesOf(model);
    expect(modules.length).toBeGreaterThan(0);
    for (const module of modules) expect(module.exports, module.path).toEqual(declaredIn(module.text));
  });
});
