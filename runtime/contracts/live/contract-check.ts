/** The result type of a contract check and its error: small, so a client imports them statically. */
import type { CompatFinding } from '../../contract-model/compat/compat-finding.js';

/** The outcome of `client.checkContract()`. */
export interface ContractCheck {
  /**
   * `compatible`: no finding of severity `error`; `incompatible`: at least one; `not-served`:
   * nothing answers at `<prefix>._contract` (the callee does not serve its contract).
   */
  readonly status: 'compatible' | 'incompatible' | 'not-served';
  /** The service checked and the URI its contract was read from. */
  readonly service: string;
  readonly uri: string;
  /** The fingerprint of the client's own contract. */
  readonly fingerprint: string;
  /** The fingerprint the callee serves; absent when `not-served`. */
  readonly liveFingerprint?: string;
  /**
   * Findings of category `WIRE_CONSUMER` with the client as the old side and the live callee as the
   * new one: each is a way the callee can refuse this client's calls or send what it cannot read.
   */
  readonly findings: readonly CompatFinding[];
}

/** Thrown by a call of a client with `checkContract: 'throw'` when the live contract is incompatible. */
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
