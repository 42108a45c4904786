/** The canonical JSON and fingerprint of live contracts (docs/live-contracts.md, "The fingerprint"). */
import { describe, expect, it } from 'vitest';
import type { ContractModel } from '../../../runtime/contract-model/index.js';
import { canonicalJson, contractFingerprint } from '../../../runtime/contracts/live/index.js';

const model: ContractModel = {
  modelVersion: 2,
  files: [
    {
      path: 'schemas/a.ts',
      services: [],
      topics: [],
      errors: [],
      types: [
        {
          name: 'A',
          typeParams: [],
          type: { kind: 'string' },
          recursive: false,
          docs: { description: 'one' },
          location: { file: 'schemas/a.ts', line: 3, column: 1 },
        },
      ],
    },
  ],
};

describe('canonicalJson', () => {
  it('sorts keys, drops undefined, location and docs, and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: [3, 1], c: undefined, location: { line: 1 }, docs: {} })).toBe(
      '{"a":[3,1],"b":1}',
    );
    expect(canonicalJson({ z: { y: 'é', x: null } })).toBe('{"z":{"x":null,"y":"é"}}');
  });

  it('refuses values JSON cannot hold', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/non-finite/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/function/);
  });
});

describe('contractFingerprint', () => {
  it('is sha256 of the canonical JSON, in hex', async () => {
    expect(await contractFingerprint(model)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('keeps its value when a declaration moves or its comment changes', async () => {
    const [file] = model.files;
    const type = file!.types[0]!;
    const moved: ContractModel = {
      ...model,
      files: [
        {
          ...file!,
          types: [
            { ...type, docs: { description: 'two' }, location: { file: 'schemas/a.ts', line: 9, column: 1 } },
          ],
        },
      ],
    };
    expect(await contractFingerprint(moved)).toBe(await contractFingerprint(model));
  });

  it('changes with the contract', async () => {
    const [file] = model.files;
    const changed: ContractModel = {
      ...model,
      files: [{ ...file!, types: [{ ...file!.types[0]!, type: { kind: 'number' } }] }],
    };
    expect(await contractFingerprint(changed)).not.toBe(await contractFingerprint(model));
  });
});
