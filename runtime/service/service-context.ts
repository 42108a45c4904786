/**
 * What the service host hands a service class: `run` calls `new Class(context)`, so a callee can
 * publish events, call other services and log through the session the host connected for it.
 */
import type { Session } from '../session/session.js';

/**
 * The argument of a hosted service's constructor. Keep it and use `session` in methods: it is the
 * host's one session, the same object across reconnects.
 *
 * @example
 * ```ts
 * export class GreeterImpl extends GreeterCallee {
 *   constructor(private readonly host: ServiceContext) { super(); }
 *   async greet(name: string): Promise<Greeting> {
 *     await this.host.session.publish('com.example.greeter.greeted', [name]);
 *     return { text: `Hello, ${name}!`, length: name.length + 8 };
 *   }
 * }
 * ```
 */
export interface ServiceContext {
  /**
   * The session the service is registered on. Reading it before the host has joined (in the
   * constructor) throws: the host constructs the class first, so a broken class fails before it
   * connects.
   */
  readonly session: Session;
  /** The export name the service was loaded as (`GreeterImpl`, `default`). */
  readonly name: string;
  /** Aborted when the host starts to stop (a signal, a lost session); long-running work can end early. */
  readonly signal: AbortSignal;
  /** Writes one line to the host's log, after the service's name. */
  log(line: string): void;
}

/** The host's side of a {@link ServiceContext}: hands it the session, then aborts it on stop. */
export interface ServiceContextControl {
  readonly context: ServiceContext;
  attach(session: Session): void;
  abort(why: string): void;
}

/** Creates the context of the service loaded as `name`, logging through `log`. */
export function createServiceContext(name: string, log: (line: string) => void): ServiceContextControl {
  let current: Session | undefined;
  const controller = new AbortController();
  const context: ServiceContext = {
    get session(): Session {
      if (current === undefined)
        throw new Error(
          `${name}: context.session is not joined yet; keep the context and use the session in methods, not in the constructor`,
        );
      return current;
    },
    name,
    signal: controller.signal,
    log: (line) => log(`${name}: ${line}`),
  };
  return {
    context,
    attach: (session) => {
      current = session;
    },
    abort: (why) => controller.abort(why),
  };
}
