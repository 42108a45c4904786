/**
 * An in-memory transport that joins a {@link PeerAcceptor} (the embedded router) directly,
 * without a socket. Every message passes through the serializer in both directions (serialize,
 * then deserialize on the other side), so the two peers never share mutable objects and the
 * serializer is exercised exactly as on a socket. Delivery is asynchronous (microtasks) and in
 * order, like a network: a reply never arrives inside the `send` call that caused it.
 */
import type { WampMessage } from '../protocol/messages.js';
import type { PeerAcceptor, PeerHandle, PeerLink } from './peer-link.js';
import { loadSerializer } from '../serializers/load-serializer.js';
import type { Serializer, SerializerName } from '../serializers/types.js';
import { ConnectionError } from './connection-error.js';
import { errorText } from '../protocol/error-text.js';
import type { CloseInfo, Transport, TransportFactory } from './types.js';
import { undecodable } from './undecodable.js';

/** Options of {@link createInMemoryTransportFactory}. */
export interface InMemoryTransportOptions {
  /** Default `json`; a name loads msgpack or CBOR on first use, as `connect()` does. */
  readonly serializer?: SerializerName | Serializer;
}

/** A `TransportFactory` whose transports attach to `acceptor` in memory. */
export function createInMemoryTransportFactory(
  acceptor: PeerAcceptor,
  options: InMemoryTransportOptions = {},
): TransportFactory {
  // Loaded once per factory (not per link); an unknown name rejects every open.
  let loading: Promise<Serializer> | undefined;
  return async () => {
    loading ??= loadSerializer(options.serializer ?? 'json');
    return new InMemoryTransport(acceptor, await loading);
  };
}

/** A FIFO of deliveries run in one microtask per burst. */
class Pipe {
  private readonly queue: Array<() => void> = [];
  private scheduled = false;

  push(delivery: () => void): void {
    this.queue.push(delivery);
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => this.flush());
  }

  private flush(): void {
    // Deliveries queued while flushing run in this same pass, keeping order.
    for (let i = 0; i < this.queue.length; i++) (this.queue[i] as () => void)();
    this.queue.length = 0;
    this.scheduled = false;
  }
}

class InMemoryTransport implements Transport {
  onMessage: (value: unknown) => void = () => undefined;
  onClose: (info: CloseInfo) => void = () => undefined;
  onPong: (() => void) | undefined = undefined;
  private readonly handle: PeerHandle;
  private readonly toRouter = new Pipe();
  private readonly toClient = new Pipe();
  private open = true;

  constructor(
    acceptor: PeerAcceptor,
    readonly serializer: Serializer,
  ) {
    const link: PeerLink = {
      send: (message) => this.fromRouter(message),
      close: (code, reason) => this.closeFromRouter(code, reason),
      bufferedAmount: 0,
      transportDetails: { type: 'in-memory', protocol: serializer.subprotocol },
    };
    this.handle = acceptor.attach(link);
  }

  send(message: WampMessage): void {
    if (!this.open) throw new ConnectionError('connection_lost', 'the in-memory link is closed');
    const frame = this.serializer.serialize(message);
    this.toRouter.push(() => {
      if (this.open) this.handle.receive(this.serializer.deserialize(frame));
    });
  }

  /** A ping's round trip through both pipes; the router end of a link in memory always answers. */
  ping(): void {
    if (!this.open) return;
    this.toRouter.push(() => {
      if (this.open) this.toClient.push(() => this.onPong?.());
    });
  }

  close(code = 1000, reason = ''): void {
    if (!this.open) return;
    this.open = false;
    this.toRouter.push(() => this.handle.closed());
    this.toClient.push(() => this.onClose({ code, reason, wasClean: true }));
  }

  private fromRouter(message: WampMessage): void {
    if (!this.open) return;
    const frame = this.serializer.serialize(message);
    this.toClient.push(() => {
      let value: unknown;
      try {
        value = this.serializer.deserialize(frame);
      } catch (error) {
        value = undecodable(errorText(error));
      }
      this.onMessage(value);
    });
  }

  private closeFromRouter(code: number, reason: string): void {
    if (!this.open) return;
    this.open = false;
    // Queued behind earlier messages, so an ABORT sent before close() still arrives first.
    this.toClient.push(() => this.onClose({ code, reason, wasClean: true }));
    this.toRouter.push(() => this.handle.closed());
  }
}
