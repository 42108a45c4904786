import { readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createExtractor, extractContracts } from '../../../../codegen/extract/index.js';
import type { Diagnostic } from '../../../../codegen/model/diagnostic.js';
import {
  type SyntheticProject,
  writeSyntheticProject,
} from '../../../../bench/codegen/synthetic-contracts.js';

let project: SyntheticProject | undefined;
afterEach(() => {
  if (project) rmSync(project.root, { recursive: true, force: true });
  project = undefined;
});

/** Codes of the error diagnostics (warnings such as an unused error type are left out). */
const errorCodes = (diagnostics: readonly Diagnostic[]) =>
  diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);

/** A cold extraction of the project as it is on disk now. */
function cold(p: SyntheticProject, files = p.files) {
  return extractContracts({ root: p.root, files });
}

describe('createExtractor().update', () => {
  it('gives the same model as a cold extraction after a leaf file changes', () => {
    const p = (project = writeSyntheticProject(6));
    const extractor = createExtractor({ root: p.root, files: p.files });
    extractor.extract();
    const changed = p.touch(4, 1);
    expect(extractor.update([changed])).toEqual(cold(p));
  });

  it('re-extracts the files importing a changed file', () => {
    const p = (project = writeSyntheticProject(3));
    const extractor = createExtractor({ root: p.root, files: p.files });
    extractor.extract();
    // service-1 reads `Item0['id']` and service-2 imports service-1: renaming `id` breaks both.
    const file = path.join(p.root, 'schemas/service-0.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace('  id: string;', '  key: string;'));
    const updated = extractor.update(['schemas/service-0.ts']);
    expect(updated).toEqual(cold(p));
    expect(updated.diagnostics.map((d) => d.code)).toContain('WC1001');
  });

  it('re-reads every file when extract() is called again', () => {
    const p = (project = writeSyntheticProject(2));
    const extractor = createExtractor({ root: p.root, files: p.files });
    extractor.extract();
    p.touch(0, 7);
    expect(extractor.extract()).toEqual(cold(p));
  });

  it('drops a deleted schema file and reports it missing', () => {
    const p = (project = writeSyntheticProject(1));
    const extractor = createExtractor({ root: p.root, files: p.files });
    extractor.extract();
    unlinkSync(path.join(p.root, 'schemas/service-0.ts'));
    const updated = extractor.update(['schemas/service-0.ts']);
    expect(updated.model.files.map((f) => f.path)).toEqual(['schemas/common.ts']);
    expect(errorCodes(updated.diagnostics)).toEqual(['WC9002']);
  });

  it('picks up a schema file created after the first extraction', () => {
    const p = (project = writeSyntheticProject(1));
    unlinkSync(path.join(p.root, 'schemas/service-0.ts'));
    const extractor = createExtractor({ root: p.root, files: p.files });
    expect(errorCodes(extractor.extract().diagnostics)).toEqual(['WC9002']);
    p.touch(0, 1);
    expect(extractor.update(['schemas/service-0.ts'])).toEqual(cold(p));
  });
});
