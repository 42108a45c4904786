/**
 * The exported JSON Schema and the generated zod validators accept exactly the same wire payloads:
 * every payload of the corpus is checked by zod (read the way the runtime reads it), by ajv
 * (JSON Schema 2020-12, with ajv-formats) and, where `python3 -c 'import jsonschema'` works, by
 * Python's jsonschema with its format checker.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { extractContracts } from '../../../codegen/extract/index.js';
import { contractJsonSchema, defRef, WAMP_SCHEMA_KEYWORDS } from '../../../runtime/contract-model/index.js';
import { isNullAbsent, readGaps } from '../../../runtime/contracts/absent-values.js';
import { decodeJson, encodeJson } from '../../../runtime/serializers/json.js';
import { fixtureFiles, ROOT } from '../../golden/golden-cases.js';
import { CORPUS, type CorpusCase, type RawJson, type Target } from './agreement-corpus.js';

const ID = 'urn:wamp-contracts:agreement';
const extracted = extractContracts({ root: ROOT, files: fixtureFiles(), naming: 'as-is' });
const exported = contractJsonSchema(extracted.model, { id: ID });

/** The JSON text a peer sends for a corpus payload (the JSON serializer's own encoding). */
function wireText(payload: unknown): string {
  if (typeof payload === 'object' && payload !== null && 'raw' in payload) return (payload as RawJson).raw;
  return encodeJson(payload);
}

/** Accepted by the generated validator, read as the runtime reads it; a serializer error refuses too. */
function zodAccepts(target: Target, text: string): boolean {
  let value: unknown;
  try {
    value = decodeJson(text);
  } catch {
    return false;
  }
  const schema = target.zod as z.core.$ZodType;
  if (target.mode === 'args') {
    // A callee gets a list; a null gap means an absent optional parameter (absent-values.ts).
    if (!Array.isArray(value)) return false;
    value = readGaps(schema, value);
  } else if (target.mode === 'result' && value === null && isNullAbsent(schema)) {
    value = undefined;
  }
  return z.safeParse(schema, value).success;
}

// strictTuples would refuse a tuple with optional elements (minItems below the prefixItems count), which is the point.
const ajv = new Ajv2020({ strict: true, strictTuples: false, allErrors: false });
// ajv-formats is CommonJS: under NodeNext its plugin is the `default` of the default import.
formats.default(ajv);
ajv.addVocabulary([...WAMP_SCHEMA_KEYWORDS]);
ajv.addSchema(exported.schema);

function ajvAccepts(target: Target, text: string): boolean {
  const validate = ajv.getSchema(`${ID}${defRef(...target.keys)}`);
  if (validate === undefined) throw new Error(`ajv found no schema at ${defRef(...target.keys)}`);
  return validate(JSON.parse(text)) === true;
}

/** Every (case, payload, expected) triple of the corpus. */
const rows = CORPUS.flatMap((c: CorpusCase) => [
  ...c.valid.map((p) => ({ target: c.target, text: wireText(p), expected: true })),
  ...c.invalid.map((p) => ({ target: c.target, text: wireText(p), expected: false })),
]);

const PYTHON_CHECK = `
import json, sys
from jsonschema import Draft202012Validator
batch = json.load(open(sys.argv[1]))
root = batch["schema"]
out = []
for row in batch["rows"]:
    # The document itself, entered at one of its $defs: references resolve against the whole contract.
    validator = Draft202012Validator({**root, "$ref": row["ref"]}, format_checker=Draft202012Validator.FORMAT_CHECKER)
    out.append(validator.is_valid(json.loads(row["text"])))
print(json.dumps(out))
`;

const python = spawnSync('python3', ['-c', 'import jsonschema'], { encoding: 'utf8' });
const pythonAvailable = python.status === 0;

describe('JSON Schema export agrees with the generated zod validators', () => {
  it('exports the fixtures without warnings', () => {
    expect(extracted.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(exported.warnings).toEqual([]);
  });

  it('covers at least 75 valid and 150 invalid payloads', () => {
    expect(rows.filter((r) => r.expected).length).toBeGreaterThanOrEqual(75);
    expect(rows.filter((r) => !r.expected).length).toBeGreaterThanOrEqual(150);
  });

  it('the zod validators accept the valid payloads and refuse the invalid ones', () => {
    const wrong = rows
      .filter((r) => zodAccepts(r.target, r.text) !== r.expected)
      .map((r) => `${r.target.name}: ${r.text} should be ${r.expected ? 'valid' : 'invalid'}`);
    expect(wrong).toEqual([]);
  });

  it('ajv (JSON Schema 2020-12, formats asserted) agrees with zod on every payload', () => {
    const wrong = rows
      .filter((r) => ajvAccepts(r.target, r.text) !== zodAccepts(r.target, r.text))
      .map((r) => `${r.target.name}: ${r.text} (zod ${zodAccepts(r.target, r.text)})`);
    expect(wrong).toEqual([]);
  });

  it(
    pythonAvailable
      ? 'Python jsonschema (Draft 2020-12, format checker) agrees with zod on every payload'
      : "Python jsonschema agreement NOT RUN: `python3 -c 'import jsonschema'` failed on this machine",
    () => {
      if (!pythonAvailable) {
        // Nothing to compare against; the test name says so in the output.
        expect(python.status).not.toBe(0);
        return;
      }
      const dir = mkdtempSync(join(tmpdir(), 'wc-agreement-'));
      try {
        const file = join(dir, 'batch.json');
        const batch = {
          schema: exported.schema,
          rows: rows.map((r) => ({ ref: defRef(...r.target.keys), text: r.text })),
        };
        writeFileSync(file, JSON.stringify(batch));
        const answers = JSON.parse(
          execFileSync('python3', ['-c', PYTHON_CHECK, file], { encoding: 'utf8', maxBuffer: 1 << 24 }),
        ) as boolean[];
        expect(answers.length).toBe(rows.length);
        const wrong = rows
          .filter((r, i) => answers[i] !== zodAccepts(r.target, r.text))
          .map((r) => `${r.target.name}: ${r.text} (zod ${zodAccepts(r.target, r.text)})`);
        expect(wrong).toEqual([]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
