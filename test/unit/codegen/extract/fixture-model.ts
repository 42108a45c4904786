import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ExtractResult, extractContracts } from '../../../../codegen/extract/index.js';
import type { ContractFile, NamedTypeModel } from '../../../../codegen/model/contract-model.js';

/** The repository root (real-file mode, with its tsconfig and the package self-reference). */
export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** Every fixture schema, relative to the repository root. */
export const fixtureFiles = readdirSync(new URL('../../../fixtures/schemas/', import.meta.url))
  .filter((name) => name.endsWith('.ts'))
  .map((name) => `test/fixtures/schemas/${name}`);

/** Extracts all fixture schemas from the real file system. */
export function extractFixtures(): ExtractResult {
  return extractContracts({ root: repoRoot, files: fixtureFiles, lint: false });
}

/** The contract file of `test/fixtures/schemas/<file>.ts`. */
export function fileOf(result: ExtractResult, file: string): ContractFile {
  const found = result.model.files.find((f) => f.path === `test/fixtures/schemas/${file}.ts`);
  if (!found) throw new Error(`no contract file ${file}`);
  return found;
}

/** A named type of `test/fixtures/schemas/<file>.ts`. */
export function typeOf(result: ExtractResult, file: string, name: string): NamedTypeModel {
  const found = fileOf(result, file).types.find((t) => t.name === name);
  if (!found) throw new Error(`no type ${name} in ${file}`);
  return found;
}
