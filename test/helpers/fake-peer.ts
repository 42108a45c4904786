/**
 * An in-test client driving the router through `attach()` with a recording PeerLink: no sockets,
 * deterministic, fast. Messages are plain arrays; `inbox` holds what the router sent.
 */
import type { Dict, WampMessage } from '../../runtime/protocol/messages.js';
import type { PeerHandle, PeerLink } from '../../runtime/transport/peer-link.js';
import type { Router } from '../../runtime/router/router.js';

/** Features a full-featured client announces (like autobahn-python's). */
export const ALL_ROLES: Dict = {
  caller: {
    features: {
      progressive_call_results: true,
      progressive_call_invocations: true,
      call_canceling: true,
      caller_identification: true,
    },
  },
  callee: {
    features: {
      progressive_call_results: true,
      progressive_call_invocations: true,
      call_canceling: true,
      call_timeout: true,
      caller_identification: true,
      pattern_based_registration: true,
      shared_registration: true,
    },
  },
  publisher: { features: { publisher_identification: true, publisher_exclusion: true } },
  subscriber: { features: { pattern_based_subscription: true, publisher_identification: true } },
};

/** Roles with no advanced features at all. */
export const BASIC_ROLES: Dict = { caller: {}, callee: {}, publisher: {}, subscriber: {} };

/** Lets pending promise callbacks (authentication, internal procedures) run. */
export function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A recording client connection. */
export class FakePeer implements PeerLink {
  readonly inbox: unknown[][] = [];
  closedWith: { code: number; reason: string } | undefined = undefined;
  bufferedAmount = 0;
  readonly transportDetails: Dict = { type: 'test' };
  readonly handle: PeerHandle;
  sessionId = 0;
  welcome: Dict | undefined = undefined;
  private requestSeq = 0;

  constructor(router: Router) {
    this.handle = router.attach(this);
  }

  send(message: WampMessage): void {
    if (this.closedWith !== undefined) throw new Error('send on a closed link');
    this.inbox.push(message as unknown[]);
  }

  close(code: number, reason: string): void {
    this.closedWith ??= { code, reason };
  }

  /** Feeds one value to the router as if it arrived on the wire. */
  receive(value: unknown): void {
    this.handle.receive(value);
  }

  /** The next request id of this client's single counter (B.6). */
  nextRequest(): number {
    return ++this.requestSeq;
  }

  /** Removes and returns everything received so far. */
  take(): unknown[][] {
    return this.inbox.splice(0, this.inbox.length);
  }

  /** Removes and returns the received messages of one type. */
  takeType(type: number): unknown[][] {
    const out = this.inbox.filter((m) => m[0] === type);
    const rest = this.inbox.filter((m) => m[0] !== type);
    this.inbox.length = 0;
    this.inbox.push(...rest);
    return out;
  }

  /** The last message received, removing everything. */
  last(): unknown[] | undefined {
    return this.take().pop();
  }

  /** Sends HELLO and waits for WELCOME (throws on anything else). */
  async join(realm = 'realm1', roles: Dict = ALL_ROLES, extra: Dict = {}): Promise<this> {
    this.receive([1, realm, { roles, ...extra }]);
    await flush();
    const m = this.take();
    const w = m.find((x) => x[0] === 2);
    if (w === undefined) throw new Error(`no WELCOME: ${JSON.stringify(m)}`);
    this.sessionId = w[1] as number;
    this.welcome = w[2] as Dict;
    return this;
  }

  /** REGISTER; returns the registration id (throws if refused). */
  register(procedure: string, options: Dict = {}): number {
    const req = this.nextRequest();
    this.receive([64, req, options, procedure]);
    const m = this.take().find((x) => x[1] === req || x[2] === req);
    if (m?.[0] !== 65) throw new Error(`REGISTER refused: ${JSON.stringify(m)}`);
    return m[2] as number;
  }

  /** SUBSCRIBE; returns the subscription id (throws if refused). Retained EVENTs stay in the inbox. */
  subscribe(topic: string, options: Dict = {}): number {
    const req = this.nextRequest();
    this.receive([32, req, options, topic]);
    const i = this.inbox.findIndex((x) => x[0] === 33 && x[1] === req);
    if (i < 0) throw new Error(`SUBSCRIBE refused: ${JSON.stringify(this.inbox)}`);
    const [m] = this.inbox.splice(i, 1);
    return (m as unknown[])[2] as number;
  }

  /** CALL; returns the request id. */
  call(procedure: string, args?: unknown[], kwargs?: Dict, options: Dict = {}): number {
    const req = this.nextRequest();
    const m: unknown[] = [48, req, options, procedure];
    if (args !== undefined || kwargs !== undefined) m.push(args ?? []);
    if (kwargs !== undefined) m.push(kwargs);
    this.receive(m);
    return req;
  }

  /** PUBLISH; returns the request id. */
  publish(topic: string, args?: unknown[], kwargs?: Dict, options: Dict = {}): number {
    const req = this.nextRequest();
    const m: unknown[] = [16, req, options, topic];
    if (args !== undefined || kwargs !== undefined) m.push(args ?? []);
    if (kwargs !== undefined) m.push(kwargs);
    this.receive(m);
    return req;
  }

  /** Calls a procedure and waits for its final RESULT or ERROR (for meta procedures). */
  async callAndWait(procedure: string, args?: unknown[], kwargs?: Dict): Promise<unknown[]> {
    const req = this.call(procedure, args, kwargs);
    await flush();
    const i = this.inbox.findIndex(
      (x) =>
        (x[0] === 50 && x[1] === req && (x[2] as Dict).progress !== true) || (x[0] === 8 && x[2] === req),
    );
    if (i < 0) throw new Error(`no answer to ${procedure}: ${JSON.stringify(this.inbox)}`);
    const [m] = this.inbox.splice(i, 1);
    return m as unknown[];
  }
}
