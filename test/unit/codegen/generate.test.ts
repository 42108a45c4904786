import { appendFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type SyntheticProject, writeSyntheticProject } from '../../../bench/codegen/synthetic-contracts.js';
import { emit } from '../../../codegen/emit/emit.js';
import { generate } from '../../../codegen/generate.js';
import { lintModel } from '../../../codegen/model/lint.js';

describe('generate: extract -> lint -> emit', () => {
  let project: SyntheticProject | undefined;
  afterEach(() => {
    if (project) rmSync(project.root, { recursive: true, force: true });
    project = undefined;
  });

  const withCommon = (extra: string): SyntheticProject => {
    const p = (project = writeSyntheticProject(1));
    appendFileSync(path.join(p.root, 'schemas/common.ts'), extra);
    return p;
  };

  it('reports lint findings as the lint stage and still emits when they are warnings', () => {
    const p = withCommon(
      "import type { Service } from 'wamp-contracts/schema';\nexport interface Idle extends Service<'com.bench.idle'> {}\n",
    );
    const result = generate({ root: p.root, files: p.files, generatorVersion: 'test' });
    expect(result.stages.extract).toEqual([]);
    expect(result.stages.lint.map((d) => [d.code, d.severity])).toEqual([['WC2005', 'warning']]);
    expect(result.stages.lint).toEqual(lintModel(result.model));
    expect(result.stages.emit).toEqual([]);
    expect(result.diagnostics).toEqual(result.stages.lint);
    expect(result.files).toEqual(emit(result.model, { generatorVersion: 'test' }));
  });

  it('does not emit when lint finds an error', () => {
    const p = withCommon(
      "import type { Service } from 'wamp-contracts/schema';\n" +
        "export interface Again extends Service<'com.bench.again'> {\n  /** @uri com.bench.common.ping */\n  ping(): void;\n  /** @uri com.bench.common.ping */\n  pong(): void;\n}\n",
    );
    const result = generate({ root: p.root, files: p.files, generatorVersion: 'test' });
    expect(result.stages.extract).toEqual([]);
    expect(result.stages.lint.map((d) => [d.code, d.severity])).toEqual([['WC2001', 'error']]);
    expect(result.stages.emit).toEqual([]);
    expect(result.files).toEqual([]);
  });
});
