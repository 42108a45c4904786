/**
 * Hosts a callee as a long-lived service (what `wamp-contracts run` does): load it, connect with
 * reconnect on, register, log each lifecycle event on one line, and on a stop request unregister,
 * drain calls in flight, and leave.
 */
import { ErrorUri, type InvokePolicy } from '../protocol/index.js';
import type { SerializerName } from '../serializers/types.js';
import { connect } from '../session/connect.js';
import type {
  AuthOptions,
  DisconnectInfo,
  JoinInfo,
  RestoreFailedInfo,
  RestoreRetryInfo,
} from '../session/connect-options.js';
import type { Session } from '../session/session.js';
import type { RegisterOptions } from '../session/types.js';
import { createInflightTracker, type InflightTracker, trackingSession } from './inflight-tracker.js';
import type { CalleeLike } from './is-contract-callee.js';
import { type LoadedService, loadService, type ModuleImporter, type ServiceTarget } from './load-service.js';
import { createServiceContext, type ServiceContextControl } from './service-context.js';
import { ServiceError, ServiceErrorCode } from './service-error.js';

/** Which service to host and how to reach the router. */
export interface HostServiceOptions {
  /** The services to host in this process, on one session (each `module#Export`). */
  readonly targets: readonly ServiceTarget[];
  readonly url: string;
  readonly realm: string;
  readonly auth: AuthOptions | undefined;
  readonly serializer: SerializerName;
  /** Mount the service under this prefix instead of its contract's. */
  readonly prefix: string | undefined;
  /** How long shutdown waits for calls in flight, ms. */
  readonly drainTimeout: number;
  /** Reconnect attempts per outage (Infinity: never give up). */
  readonly maxRetries: number;
  /** Upper bound of one reconnect delay, ms. */
  readonly maxRetryDelay: number;
  /**
   * After a reconnect, how long a registration the router refuses is retried before the service
   * stops with `run.register_failed`, ms (default 30_000; 0: stop at the first refusal).
   */
  readonly restoreRetryPeriod?: number;
  /**
   * How the router picks among several callees of a shared registration (REGISTER `invoke`), for
   * running several copies of a service; default `single` (a second copy is refused).
   */
  readonly invoke?: InvokePolicy;
  /** Ask the router to disclose each caller (REGISTER `disclose_caller`): `context.caller`, `callerAuthid`, `callerAuthrole`. */
  readonly discloseCaller?: boolean;
  /** Also serve each class's live contract as `<prefix>._contract` (docs/live-contracts.md). */
  readonly serveContract?: boolean;
}

/** What the host talks to: where modules resolve, where log lines go, and where stop requests come from. */
export interface ServiceHostIo {
  /** Directory the target's path is resolved against. */
  readonly cwd: string;
  /** One line per lifecycle event; nothing is logged once {@link hostService} has returned. */
  log(line: string): void;
  /** Subscribes to stop requests (e.g. SIGINT/SIGTERM); returns an unsubscribe function. */
  onStop(listener: (why: string) => void): () => void;
  /** Replaces the module importer (tests). */
  readonly importer?: ModuleImporter;
}

/**
 * Loads the service and serves it until a stop request or a fatal error. Resolves with `undefined`
 * after a requested stop (unregistered, drained, left), or with the {@link ServiceError} that ended it.
 */
export async function hostService(
  options: HostServiceOptions,
  io: ServiceHostIo,
): Promise<ServiceError | undefined> {
  // Session events that fire after the host has returned (a late close) are not reported.
  let active = true;
  const log = (line: string): void => {
    if (active) io.log(line);
  };
  // Each class gets its context before it is constructed; the session follows once joined.
  const contexts: ServiceContextControl[] = [];
  const services: LoadedService[] = [];
  try {
    for (const target of options.targets) {
      const contextFor = (name: string) => {
        const control = createServiceContext(name, log);
        contexts.push(control);
        return control.context;
      };
      services.push(await loadService(target, io.cwd, io.importer, contextFor));
    }
  } catch (error) {
    if (error instanceof ServiceError) return error;
    throw error;
  }
  // Stop requests before the session exists are remembered; a second one cuts the drain short.
  let stopWhy: string | undefined;
  let wakeStop: (why: string) => void = () => {};
  let hurry: () => void = () => {};
  const stopped = new Promise<string>((resolve) => {
    wakeStop = resolve;
  });
  const hurried = new Promise<void>((resolve) => {
    hurry = resolve;
  });
  const unsubscribe = io.onStop((why) => {
    if (stopWhy === undefined) {
      stopWhy = why;
      wakeStop(why);
    } else {
      log(`${why} again: not waiting for calls in flight`);
      hurry();
    }
  });
  try {
    const stop: StopControl = { stopped, hurried, stopping: () => stopWhy !== undefined };
    return await serve(services, contexts, options, log, stop);
  } finally {
    for (const control of contexts) control.abort('the service host stopped');
    active = false;
    unsubscribe();
  }
}

/** Stop requests as promises: the first signal (`stopped`) and a second one (`hurried`). */
interface StopControl {
  readonly stopped: Promise<string>;
  readonly hurried: Promise<void>;
  stopping(): boolean;
}

async function serve(
  services: readonly LoadedService[],
  contexts: readonly ServiceContextControl[],
  options: HostServiceOptions,
  log: (line: string) => void,
  stop: StopControl,
): Promise<ServiceError | undefined> {
  const { stopped, hurried } = stop;
  const callees = services.map((s) => s.callee);
  // Our own shutdown is reported by its own lines, not as a lost session.
  let leaving = false;
  const stopping = (): boolean => leaving || stop.stopping();
  const tracker = createInflightTracker();
  let registered = 0;
  let lost: ((error: Error | undefined) => void) | undefined;
  const sessionLost = new Promise<Error | undefined>((resolve) => {
    lost = resolve;
  });
  // A registration the router still refuses after a reconnect and the retry period ends the
  // service: a half-served contract is worse.
  let refusedOnJoin = 0;
  let refused: ((error: ServiceError) => void) | undefined;
  const registrationLost = new Promise<ServiceError>((resolve) => {
    refused = resolve;
  });
  log(`connecting to ${options.url} (realm ${options.realm}, ${options.serializer})`);
  const connecting = connect({
    url: options.url,
    realm: options.realm,
    serializer: options.serializer,
    ...(options.auth === undefined ? {} : { auth: options.auth }),
    reconnect: { maxAttempts: options.maxRetries, maxDelay: options.maxRetryDelay },
    restoreRetry: { period: options.restoreRetryPeriod ?? 30_000 },
    onJoin: (info: JoinInfo) => {
      if (!info.reconnected) log(`joined ${describeJoin(info)}`);
      else if (refusedOnJoin === 0)
        log(`rejoined ${describeJoin(info)}; ${procedures(registered)} registered again`);
      else
        log(
          `rejoined ${describeJoin(info)}; ${refusedOnJoin} of ${procedures(registered)} refused, retrying`,
        );
      refusedOnJoin = 0;
    },
    onRestoreRetry: (info: RestoreRetryInfo) => {
      if (info.attempt === 1) refusedOnJoin++;
      if (stopping()) return;
      log(
        `the router refused ${info.kind} ${info.uri} (${message(info.error)}); retrying in ${info.delay} ms`,
      );
    },
    onRestoreFailed: (info: RestoreFailedInfo) => {
      const text = `after reconnecting, the router refused ${info.kind} ${info.uri}: ${message(info.error)} (${info.attempts} attempts)`;
      refused?.(new ServiceError(ServiceErrorCode.REGISTER_FAILED, text));
    },
    onDisconnect: (info: DisconnectInfo) => {
      if (stopping()) return;
      const why = `${info.code}${info.reason === '' ? '' : ` ${info.reason}`}`;
      log(`disconnected (${why})${info.willReconnect ? '; will reconnect' : ''}`);
    },
    onReconnecting: (attempt: number, delay: number) => {
      const of = Number.isFinite(options.maxRetries) ? `/${options.maxRetries}` : '';
      log(`reconnecting in ${delay} ms (attempt ${attempt}${of})`);
    },
    onLeave: (reason: string, message: string) => {
      // A lost link is reported by the disconnect line; a GOODBYE or ABORT reason is worth its own.
      if (stopping() || reason === ErrorUri.NETWORK_FAILURE) return;
      log(`session ended: ${reason}${message === '' ? '' : ` (${message})`}`);
    },
    onError: (error: unknown, where: string) => {
      // A restore given up is reported by onRestoreFailed. A callee's exception keeps its stack.
      if (!where.startsWith('restoring ')) log(`error in ${where}: ${message(error)}${stackOf(error)}`);
    },
    onClose: (error?: Error) => lost?.(error),
  });
  const first = await Promise.race([
    connecting.then(
      (session) => ({ session }),
      (error: unknown) => ({ error }),
    ),
    stopped.then((why) => ({ why })),
  ]);
  if ('why' in first) {
    // The connection attempt cannot be aborted; close it if it ever succeeds.
    connecting.then(
      (session) => session.close(),
      (error: unknown) => log(`connection attempt ended: ${message(error)}`),
    );
    log(`${first.why}: stopped before joining`);
    return undefined;
  }
  if ('error' in first) {
    return new ServiceError(ServiceErrorCode.CONNECT_FAILED, message(first.error));
  }
  const session = first.session;
  for (const control of contexts) control.attach(session);
  const registerOptions: RegisterOptions = {
    ...(options.invoke === undefined ? {} : { invoke: options.invoke }),
    ...(options.discloseCaller === true ? { discloseCaller: true } : {}),
  };
  const tracked = trackingSession(session, tracker);
  for (const service of services) {
    const { callee } = service;
    const prefix = options.prefix ?? callee.contract.prefix;
    try {
      const registrations = await callee.register(tracked, {
        ...(options.prefix === undefined ? {} : { prefix: options.prefix }),
        ...(options.serveContract === true ? { serveContract: true } : {}),
        registerOptions,
      });
      registered += registrations.length;
      const ready = services.length === 1 ? '; ready' : '';
      log(`registered ${procedures(registrations.length)} of ${prefix} (${service.exportName})${ready}`);
    } catch (error) {
      // All or nothing: the services registered so far are withdrawn with the session.
      await Promise.allSettled(callees.map((c) => c.unregister()));
      await session.leave().catch((leaveError: unknown) => log(`leave failed: ${message(leaveError)}`));
      const text = `registering ${service.exportName} (${prefix}) failed: ${message(error)}`;
      return new ServiceError(ServiceErrorCode.REGISTER_FAILED, text);
    }
  }
  if (services.length > 1) log(`${services.length} services, ${procedures(registered)}; ready`);
  const outcome = await Promise.race([
    stopped.then((why) => ({ why })),
    sessionLost.then((error) => ({ error })),
    registrationLost.then((refusal) => ({ refusal })),
  ]);
  if ('error' in outcome) {
    const why = outcome.error === undefined ? 'the session closed' : message(outcome.error);
    return new ServiceError(ServiceErrorCode.SESSION_LOST, why);
  }
  const why = 'why' in outcome ? outcome.why : 'registration refused';
  leaving = true;
  for (const control of contexts) control.abort(why);
  await shutdown(session, callees, tracker, options.drainTimeout, why, hurried, log);
  return 'refusal' in outcome ? outcome.refusal : undefined;
}

// Unregister first so no new call arrives, then wait for running ones, then GOODBYE.
async function shutdown(
  session: Session,
  callees: readonly CalleeLike[],
  tracker: InflightTracker,
  drainTimeout: number,
  why: string,
  hurried: Promise<void>,
  log: (line: string) => void,
): Promise<void> {
  log(`${why}: unregistering`);
  for (const callee of callees) {
    try {
      await callee.unregister();
    } catch (error) {
      log(`unregister failed: ${message(error)}; leaving anyway`);
    }
  }
  if (tracker.count > 0) {
    log(`waiting for ${tracker.count} call(s) in flight (up to ${drainTimeout} ms)`);
    const idle = await Promise.race([tracker.idle(drainTimeout), hurried.then(() => false)]);
    if (!idle) log(`${tracker.count} call(s) still running; leaving without their results`);
  }
  await session.leave();
  for (const callee of callees) await dispose(callee, log);
  log(`left ${session.realm} after ${tracker.started} call(s); bye`);
}

// A service may own resources: `Symbol.asyncDispose`/`Symbol.dispose` runs after GOODBYE.
async function dispose(callee: CalleeLike, log: (line: string) => void): Promise<void> {
  const target = callee as unknown as Partial<AsyncDisposable & Disposable>;
  const asyncDispose = target[Symbol.asyncDispose];
  const syncDispose = target[Symbol.dispose];
  try {
    if (typeof asyncDispose === 'function') await asyncDispose.call(target);
    else if (typeof syncDispose === 'function') syncDispose.call(target);
  } catch (error) {
    log(`dispose failed: ${message(error)}`);
  }
}

function procedures(count: number): string {
  return count === 1 ? '1 procedure' : `${count} procedures`;
}

function describeJoin(info: JoinInfo): string {
  const who = [info.authid, info.authrole].filter((s) => s !== undefined && s !== '').join('/');
  return `${info.realm} as session ${info.sessionId}${who === '' ? '' : ` (${who})`}`;
}

// The stack frames of an Error (its `at ...` lines), on lines of their own; nothing otherwise.
function stackOf(error: unknown): string {
  if (!(error instanceof Error) || typeof error.stack !== 'string') return '';
  const frames = error.stack.split('\n').filter((line) => /^\s+at /.test(line));
  return frames.length === 0 ? '' : `\n${frames.join('\n')}`;
}

function message(error: unknown): string {
  if (error instanceof Error) {
    const uri = (error as { uri?: unknown }).uri;
    return typeof uri === 'string' && !error.message.includes(uri)
      ? `${uri}: ${error.message}`
      : error.message;
  }
  return String(error);
}
