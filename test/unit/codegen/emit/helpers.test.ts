import { describe, expect, it } from 'vitest';
import { safeIdentifier, stringLiteral } from '../../../../codegen/emit/identifiers.js';
import { createImportCollector } from '../../../../codegen/emit/import-collector.js';
import { escapeJsDoc, renderJsDoc } from '../../../../codegen/emit/jsdoc.js';
import { commonDirectory, moduleSpecifier, outputPath } from '../../../../codegen/emit/paths.js';

describe('safeIdentifier', () => {
  it('suffixes reserved words with an underscore', () => {
    expect(safeIdentifier('delete')).toBe('delete_');
  });

  it('replaces characters that cannot appear in identifiers', () => {
    expect(safeIdentifier('station-id')).toBe('station_id');
  });

  it('prefixes names that start with a digit', () => {
    expect(safeIdentifier('3d')).toBe('_3d');
  });
});

describe('stringLiteral', () => {
  it('escapes quotes, backslashes and line breaks', () => {
    expect(stringLiteral("it's a\\b\nc")).toBe("'it\\'s a\\\\b\\nc'");
  });

  it('escapes line separators that would end a line in some tools', () => {
    expect(stringLiteral('a\u2028b')).toBe("'a\\u2028b'");
  });
});

describe('JSDoc helpers', () => {
  it('breaks up comment terminators', () => {
    expect(escapeJsDoc('a */ b')).toBe('a *\\/ b');
  });

  it('renders nothing when there are no docs', () => {
    expect(renderJsDoc(undefined)).toBe('');
  });

  it('renders a deprecation tag without text', () => {
    expect(renderJsDoc({ deprecated: '' })).toBe('/** @deprecated */\n');
  });

  it('renders multi-line descriptions as a block at the given indent', () => {
    expect(renderJsDoc({ description: 'one\ntwo' }, '  ')).toBe('  /**\n   * one\n   * two\n   */\n');
  });
});

describe('createImportCollector', () => {
  it('dedupes names and sorts modules (packages first) and names', () => {
    const imports = createImportCollector();
    imports.value('./b.js', 'y');
    imports.value('zod', 'z');
    imports.value('./b.js', 'x');
    imports.value('./b.js', 'x');
    expect(imports.render()).toBe("import { z } from 'zod';\nimport { x, y } from './b.js';");
  });

  it('uses import type when every name from a module is a type', () => {
    const imports = createImportCollector();
    imports.type('./a.js', 'A');
    expect(imports.render()).toBe("import type { A } from './a.js';");
  });

  it('lets a value import win over a type import of the same name', () => {
    const imports = createImportCollector();
    imports.type('./a.js', 'A');
    imports.value('./a.js', 'A');
    imports.type('./a.js', 'B');
    expect(imports.render()).toBe("import { A, type B } from './a.js';");
  });
});

describe('output paths', () => {
  it('finds the deepest common directory of schema files', () => {
    expect(commonDirectory(['schemas/a.ts', 'schemas/sub/b.ts'])).toBe('schemas');
  });

  it('maps a schema file to a module under the output directory', () => {
    expect(outputPath('schemas/sub/b.ts', 'schemas')).toBe('sub/b.ts');
  });

  it('writes relative .js import specifiers', () => {
    expect(moduleSpecifier('sub/b.ts', 'a.ts')).toBe('../a.js');
    expect(moduleSpecifier('a.ts', 'sub/b.ts')).toBe('./sub/b.js');
  });
});
