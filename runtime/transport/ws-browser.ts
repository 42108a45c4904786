/**
 * WebSocket client transport on the global `WebSocket` (browsers, Deno, Node >= 22).
 * Nothing on this module's import path touches a Node-only module.
 */
import type { WampMessage } from '../protocol/messages.js';
import type { Serializer } from '../serializers/types.js';
import { ConnectionError } from './connection-error.js';
import { errorText } from '../protocol/error-text.js';
import type { CloseInfo, Transport, TransportFactory } from './types.js';
import { undecodable } from './undecodable.js';

/** Options of {@link createBrowserWebSocketTransportFactory}. */
export interface BrowserWebSocketTransportOptions {
  readonly url: string;
  readonly serializer: Serializer;
}

/** A `TransportFactory` opening a global `WebSocket` that offers the serializer's subprotocol. */
export function createBrowserWebSocketTransportFactory(
  options: BrowserWebSocketTransportOptions,
): TransportFactory {
  return () =>
    new Promise<Transport>((resolve, reject) => {
      const Ctor = (globalThis as { WebSocket?: typeof WebSocket }).WebSocket;
      if (Ctor === undefined) {
        reject(new ConnectionError('connect_failed', 'no global WebSocket in this runtime'));
        return;
      }
      const ws = new Ctor(options.url, [options.serializer.subprotocol]);
      // ArrayBuffer, not Blob: binary serializers need the bytes synchronously.
      ws.binaryType = 'arraybuffer';
      ws.onerror = () => reject(new ConnectionError('connect_failed', `WebSocket to ${options.url} failed`));
      ws.onclose = (event) =>
        reject(new ConnectionError('connect_failed', `WebSocket closed before opening (${event.code})`));
      ws.onopen = () => {
        if (ws.protocol !== options.serializer.subprotocol) {
          ws.onclose = null;
          ws.close(1002, 'subprotocol mismatch');
          reject(new ConnectionError('connect_failed', `server agreed subprotocol "${ws.protocol}"`));
          return;
        }
        resolve(new BrowserWebSocketTransport(ws, options.serializer));
      };
    });
}

/** An open browser WebSocket carrying one WAMP message per WebSocket message. */
class BrowserWebSocketTransport implements Transport {
  onMessage: (value: unknown) => void = () => undefined;
  onClose: (info: CloseInfo) => void = () => undefined;

  constructor(
    private readonly ws: WebSocket,
    readonly serializer: Serializer,
  ) {
    ws.onerror = null;
    ws.onmessage = (event: MessageEvent) => this.receive(event.data);
    ws.onclose = (event: CloseEvent) =>
      this.onClose({ code: event.code, reason: event.reason, wasClean: event.wasClean });
  }

  send(message: WampMessage): void {
    if (this.ws.readyState !== 1) throw new ConnectionError('connection_lost', 'the WebSocket is not open');
    this.ws.send(this.serializer.serialize(message) as string | Uint8Array<ArrayBuffer>);
  }

  close(code = 1000, reason = ''): void {
    // Browsers only accept 1000 and 3000-4999 from scripts.
    this.ws.close(code === 1000 || (code >= 3000 && code <= 4999) ? code : 1000, reason);
  }

  private receive(data: unknown): void {
    let value: unknown;
    try {
      value = this.serializer.deserialize(
        typeof data === 'string' ? data : new Uint8Array(data as ArrayBuffer),
      );
    } catch (error) {
      value = undecodable(`${this.serializer.name} frame did not deserialize: ${errorText(error)}`);
    }
    this.onMessage(value);
  }
}
