/** A registration as the callee keeps it across reconnects, and as the user holds it. */
import type { Dict, Id } from '../protocol/messages.js';
import type { InvocationHandler, Registration } from './types.js';

/**
 * One registration: procedure, options and handler. It outlives reconnects: the session
 * re-registers it and updates `id`; it is also what the user holds as a {@link Registration}.
 */
export class RegistrationEntry implements Registration {
  /** The router's registration id on the current link (0 while not registered). */
  id: Id = 0;
  active = true;

  constructor(
    readonly procedure: string,
    readonly options: Dict,
    readonly handler: InvocationHandler,
    private readonly release: (entry: RegistrationEntry) => Promise<void>,
  ) {}

  unregister(): Promise<void> {
    return this.release(this);
  }

  /** `await using`: unregisters when the scope ends. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.release(this);
  }
}
