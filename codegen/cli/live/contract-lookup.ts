/**
 * Finding the contract of a URI for `call`, `publish` and `subscribe`: from `--schemas`, or from
 * the live contract served under one of the URI's prefixes (`a.b.c.d` asks `a.b.c._contract`, then
 * `a.b._contract`, `a._contract`). A URI matches a procedure or topic by its exact text or, for a
 * `@uri` template, by shape (uri-match.ts). Then the payload is checked (check-payload.ts).
 */
import type { ContractModel, ProcedureModel, TopicModel } from 'wamp-contracts/contract-model';
import {
  contractProcedureUri,
  fetchLiveContract,
  LiveContractError,
  LiveContractErrorCode,
} from 'wamp-contracts/live';
import type { Session } from 'wamp-contracts';
import { errorText } from 'wamp-contracts/protocol';
import {
  LiveCommandError,
  LiveExitCode,
  type LiveIo,
  type LiveValues,
  localModel,
  sessionEnded,
  str,
  timeoutOf,
} from './live-command.js';
import { ModelSchemaError, ModelSchemas } from './model-schema.js';
import { matchTemplate } from './uri-match.js';

/** A procedure's or topic's contract, with the validators of its model. */
export interface FoundContract<T extends ProcedureModel | TopicModel> {
  readonly entry: T;
  readonly model: ContractModel;
  readonly schemas: ModelSchemas;
  /** Where the contract came from: `the live contract at P._contract` or `--schemas GLOB`. */
  readonly source: string;
  /** For a template: the problems of the concrete URI's components (empty when they fit). */
  readonly componentIssues: readonly string[];
}

/** Every URI prefix a live contract may be served under for `uri`: `a.b.c.d` → `a.b.c`, `a.b`, `a`. */
function prefixesOf(uri: string): string[] {
  const parts = uri.split('.');
  const out: string[] = [];
  for (let i = parts.length - 1; i > 0; i--) out.push(parts.slice(0, i).join('.'));
  return out;
}

/** The error for a contract that cannot check anything (exit 6). */
export function unusable(source: string, why: string): LiveCommandError {
  return new LiveCommandError(
    'live.contract_unusable',
    LiveExitCode.CONTRACT_UNUSABLE,
    `${source} cannot be used to check: ${why} (--no-check sends without checking)`,
  );
}

/** The entry of `model` that `uri` names: an exact URI first, then a template of the same shape. */
function findEntry<T extends ProcedureModel | TopicModel>(
  model: ContractModel,
  uri: string,
  kind: 'procedure' | 'topic',
  source: string,
): FoundContract<T> | undefined {
  let schemas: ModelSchemas;
  let entries: (ProcedureModel | TopicModel)[];
  try {
    schemas = new ModelSchemas(model);
    entries = model.files.flatMap((file): (ProcedureModel | TopicModel)[] =>
      kind === 'procedure'
        ? file.services.flatMap((s) => s.procedures)
        : file.topics.flatMap((t) => t.topics),
    );
    if (!entries.every((e) => typeof e?.uri === 'string')) throw new ModelSchemaError('an entry has no URI');
    const exact = entries.find((e) => e.uriTemplate === undefined && e.uri === uri);
    if (exact !== undefined) return { entry: exact as T, model, schemas, source, componentIssues: [] };
    for (const entry of entries) {
      if (entry.uriTemplate === undefined) continue;
      const match = matchTemplate(entry.uriTemplate, uri, schemas);
      if (match.matches) return { entry: entry as T, model, schemas, source, componentIssues: match.issues };
    }
    return undefined;
  } catch (error) {
    if (error instanceof ModelSchemaError) throw unusable(source, error.message);
    if (error instanceof TypeError)
      throw unusable(source, `the contract model is malformed (${error.message})`);
    throw error;
  }
}

/**
 * The contract of `uri` (a procedure or topic): from `--schemas` when given, else from the nearest
 * live contract that declares it. Undefined when none does; `notes` collects the prefixes whose
 * contract could not be read (not authorized, timed out), for the "not checked" note.
 */
export async function contractOf<T extends ProcedureModel | TopicModel>(
  session: Session,
  uri: string,
  kind: 'procedure' | 'topic',
  schemas: string | undefined,
  timeout: number,
  notes: string[] = [],
): Promise<FoundContract<T> | undefined> {
  if (schemas !== undefined) return findEntry<T>(localModel(schemas), uri, kind, `--schemas ${schemas}`);
  for (const prefix of prefixesOf(uri)) {
    const at = contractProcedureUri(prefix);
    let model: ContractModel | undefined;
    try {
      model = (await fetchLiveContract(session, prefix, { timeout })).model;
    } catch (error) {
      const ended = sessionEnded(session, error);
      if (ended !== undefined) throw ended;
      if (error instanceof LiveContractError && error.code === LiveContractErrorCode.INVALID_ANSWER)
        throw unusable(`the live contract at ${at}`, error.message);
      if (!(error instanceof LiveContractError && error.code === LiveContractErrorCode.NOT_SERVED))
        notes.push(`${at}: ${errorText(error)}`);
      continue;
    }
    if (model === undefined) continue;
    const found = findEntry<T>(model, uri, kind, `the live contract at ${at}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** What a command checks: its name, what it sends (`arguments`, `payload`), and the check itself. */
export interface PayloadCheck<T extends ProcedureModel | TopicModel> {
  readonly command: string;
  readonly kind: T extends ProcedureModel ? 'procedure' : 'topic';
  readonly what: string;
  readonly mismatches: (found: FoundContract<T>) => string[];
}

/**
 * The contract of `uri` with the URI's components and the payload checked against it: throws
 * `live.contract_mismatch` (exit 4) listing each problem when they do not fit or when `--schemas`
 * does not declare the URI, `live.contract_unusable` (exit 6) when the contract cannot be used.
 * Undefined with `--no-check`, or, with a note on stderr, when no contract declares the URI.
 */
export async function checkedEntry<T extends ProcedureModel | TopicModel>(
  session: Session,
  uri: string,
  values: LiveValues,
  io: LiveIo,
  check: PayloadCheck<T>,
): Promise<FoundContract<T> | undefined> {
  if (values['no-check'] === true) return undefined;
  const schemas = str(values, 'schemas');
  const notes: string[] = [];
  const found = await contractOf<T>(session, uri, check.kind, schemas, timeoutOf(values), notes);
  if (found === undefined) {
    if (schemas !== undefined)
      throw new LiveCommandError(
        'live.contract_mismatch',
        LiveExitCode.CONTRACT_MISMATCH,
        `${schemas} declares no ${check.kind} ${uri}`,
      );
    const why = notes.length === 0 ? '' : ` (${notes.join('; ')})`;
    io.err(
      `wamp-contracts ${check.command}: no contract declares ${uri}${why}; ${check.what} sent unchecked`,
    );
    return undefined;
  }
  let problems: string[];
  try {
    problems = [...found.componentIssues, ...check.mismatches(found)];
  } catch (error) {
    if (error instanceof ModelSchemaError) throw unusable(found.source, error.message);
    throw error;
  }
  if (problems.length > 0) {
    const name = found.entry.uri === uri ? uri : `${uri} (${found.entry.uri})`;
    throw new LiveCommandError(
      'live.contract_mismatch',
      LiveExitCode.CONTRACT_MISMATCH,
      `${name}: ${check.what} refused by ${found.source}:\n${problems.map((p) => `  ${p}`).join('\n')}`,
    );
  }
  return found;
}
