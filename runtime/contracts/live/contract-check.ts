/** The result type of a contract check and its error: small, so a client imports them statically. */
import type { CompatFinding } from '../../contract-model/compat/compat-finding.js';

/** The outcome of `client.checkContract()`. */
export interface ContractCheck {
  /**
   * `compatible`: no finding of severity `error`; `incompatible`: at least one; `not-served`:
   * nothing answers at `<prefix>._contract` (the callee does not serve its contract) or, for a
   * topics client, the contract served there does not declare its topics interface.
   */
  readonly status: 'compatible' | 'incompatible' | 'not-served';
  /**
   * Who is checked: a service client (`caller`), or a topics client as the `subscriber` or the
   * `publisher` of its topics.
   */
  readonly role: 'caller' | 'subscriber' | 'publisher';
  /** The service (or topics interface) checked and the URI its contract was read from. */
  readonly service: string;
  readonly uri: string;
  /** The fingerprint of the client's own contract. */
  readonly fingerprint: string;
  /** The fingerprint the callee serves; absent when `not-served`. */
  readonly liveFingerprint?: string;
  /**
   * Findings with the client as the old side and the live contract as the new one. A caller or
   * subscriber gets those of category `WIRE_CONSUMER`: each is a way the callee can refuse its
   * calls, or the live side can send what it cannot read. A publisher gets those of category
   * `WIRE_PROVIDER`: each is a way subscribers built from the live contract refuse its events.
   */
  readonly findings: readonly CompatFinding[];
}

/**
 * Thrown by a call (or a publish or subscribe of a topics client) with `checkContract: 'throw'` when
 * the live contract is incompatible.
 */
export class ContractSkewError extends Error {
  override readonly name = 'ContractSkewError';
  readonly code = 'live.incompatible';
  readonly check: ContractCheck;
  constructor(check: ContractCheck) {
    const first = check.findings.find((f) => f.severity === 'error');
    super(
      `${check.service} at ${check.uri} is incompatible with this client (${check.findings.length} finding(s))` +
        (first === undefined ? '' : `: ${first.rule} ${first.subject}: ${first.message}`),
    );
    this.check = check;
  }
}

/** How a client reacts to its check: `'throw'` fails its operations while incompatible, a function just receives it. */
export type CheckContractMode = 'throw' | ((check: ContractCheck) => void);

/**
 * One check shared by every operation that waits for it: `run` is called by the first waiter, and
 * again by the next one when it could not run (e.g. a timeout). With `'throw'`, waiters reject with
 * a {@link ContractSkewError} while the contract is incompatible.
 */
export function checkGate(run: () => Promise<ContractCheck>, mode: CheckContractMode): () => Promise<void> {
  let checked: Promise<void> | undefined;
  return () => {
    checked ??= run().then(
      (check) => {
        if (mode !== 'throw') mode(check);
        else if (check.status === 'incompatible') throw new ContractSkewError(check);
      },
      (error: unknown) => {
        checked = undefined;
        throw error;
      },
    );
    return checked;
  };
}
