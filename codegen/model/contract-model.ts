/**
 * The ContractModel is declared in the runtime (`wamp-contracts/contract-model`) so that a running
 * service and the router can read it too; the generator re-exports it for its own modules.
 */
export type * from 'wamp-contracts/contract-model';

/** A generated file: where it goes and what it says. */
export interface GeneratedFile {
  /** POSIX path relative to the output directory. */
  readonly path: string;
  readonly text: string;
}
