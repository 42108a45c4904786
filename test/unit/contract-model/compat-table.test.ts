import { describe, expect, it } from 'vitest';
import { compareContracts, type CompatFinding } from '../../../runtime/contract-model/index.js';
import { IMPORT, extractInline } from '../codegen/extract/extract-inline.js';
import { DIFF_CASES as BASE_CASES } from './diff-cases.js';
import { URI_TEMPLATE_CASES } from './diff-cases-uri.js';

const DIFF_CASES = [...BASE_CASES, ...URI_TEMPLATE_CASES];

function model(source: string) {
  const { model, diagnostics } = extractInline({ 's.ts': `${IMPORT}${source}` }, { lint: false });
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return model;
}

const key = (f: CompatFinding) =>
  `${f.rule} ${f.category} ${f.subject}${f.severity === 'warning' ? ' (warning)' : ''}`;

describe('diff table: each change and exactly its findings', () => {
  it('has at least 40 distinct changes', () => {
    expect(new Set(DIFF_CASES.map((c) => `${c.old}\0${c.new}`)).size).toBeGreaterThanOrEqual(40);
  });

  it.each(DIFF_CASES)('$name', (c) => {
    const findings = compareContracts(model(c.old), model(c.new));
    expect(findings.map(key).sort()).toEqual([...c.expected].sort());
  });
});
