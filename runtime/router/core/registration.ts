/** A registration: one id per (procedure, match) pair, shared by its callees (D.7, D.8). */
import type { InvokePolicy, MatchPolicy } from '../../protocol/messages.js';
import { type Indexed, patternParts } from './uri-index.js';

/** One callee of a registration, with its own REGISTER options. */
export interface CalleeEntry<Callee> {
  readonly callee: Callee;
  /** REGISTER.Options.disclose_caller. */
  readonly discloseCaller: boolean;
  /** REGISTER.Options.forward_timeout (honoured only for callees announcing call_timeout). */
  readonly forwardTimeout: boolean;
}

/** A procedure registration and its callees, in registration order. */
export class Registration<Callee> implements Indexed {
  readonly parts: readonly string[] | undefined;
  /** ISO-8601 creation time, reported by the registration meta API. */
  readonly created = new Date().toISOString();
  readonly callees: CalleeEntry<Callee>[] = [];
  /** Index of the next callee under `roundrobin`. */
  next = 0;

  constructor(
    readonly id: number,
    readonly uri: string,
    readonly match: MatchPolicy,
    readonly invoke: InvokePolicy,
  ) {
    this.parts = patternParts(uri, match);
  }

  /** Picks the callee for one call according to the invoke policy. */
  pick(): CalleeEntry<Callee> {
    const callees = this.callees;
    const n = callees.length;
    if (n === 1 || this.invoke === 'single' || this.invoke === 'first')
      return callees[0] as CalleeEntry<Callee>;
    if (this.invoke === 'last') return callees[n - 1] as CalleeEntry<Callee>;
    if (this.invoke === 'random') return callees[Math.floor(Math.random() * n)] as CalleeEntry<Callee>;
    if (this.next >= n) this.next = 0;
    return callees[this.next++] as CalleeEntry<Callee>;
  }

  /** The index of `callee` among the callees, or -1. */
  indexOf(callee: Callee): number {
    const callees = this.callees;
    for (let i = 0; i < callees.length; i++)
      if ((callees[i] as CalleeEntry<Callee>).callee === callee) return i;
    return -1;
  }

  /** `RegistrationDetails` as the meta API reports it. */
  details(): { id: number; created: string; uri: string; match: MatchPolicy; invoke: InvokePolicy } {
    return { id: this.id, created: this.created, uri: this.uri, match: this.match, invoke: this.invoke };
  }
}
