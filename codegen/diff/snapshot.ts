/**
 * Contract snapshots: the plain ContractModel as stable JSON (sorted keys, two-space indent, a
 * trailing newline; every path in the model is already relative), written by `gen --snapshot` and
 * read by `diff --against <file>`.
 */
import type { ContractModel } from '../model/contract-model.js';
import { DiffError, DiffErrorCode } from './diff-error.js';

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
}

/** The snapshot text of a model: the same model always gives the same bytes. */
export function snapshotText(model: ContractModel): string {
  return `${JSON.stringify(sortKeys(model), null, 2)}\n`;
}

/** Parses a snapshot, checking the outline of a model (its version and the shape of each file). */
export function parseSnapshot(text: string, source: string): ContractModel {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DiffError(DiffErrorCode.SNAPSHOT_INVALID, `${source} is not JSON: ${(error as Error).message}`);
  }
  const model = value as { modelVersion?: unknown; files?: unknown };
  if (
    typeof value !== 'object' ||
    value === null ||
    (model.modelVersion !== 1 && model.modelVersion !== 2) ||
    !Array.isArray(model.files)
  )
    throw new DiffError(
      DiffErrorCode.SNAPSHOT_INVALID,
      `${source} is not a contract snapshot of model version 1 or 2`,
    );
  for (const file of model.files as unknown[]) {
    const f = file as Record<string, unknown>;
    const ok =
      typeof f === 'object' &&
      f !== null &&
      typeof f.path === 'string' &&
      ['services', 'topics', 'errors', 'types'].every((k) => Array.isArray(f[k]));
    if (!ok)
      throw new DiffError(
        DiffErrorCode.SNAPSHOT_INVALID,
        `${source}: every file needs a path and services, topics, errors and types arrays`,
      );
  }
  return value as ContractModel;
}
