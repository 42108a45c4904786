/**
 * Transport-level keep-alive, the same for every transport that can ping (WebSocket ping frames
 * in Node, RawSocket PING frames, the in-memory link, and any custom transport implementing
 * `Transport.ping`): a ping every `interval` ms, and a link whose pong does not come back within
 * `timeout` ms is dropped, so the session notices a dead peer even when TCP has not.
 */
import type { PingOptions, Transport } from './types.js';

/** A running keep-alive on one transport; `stop()` when the transport is gone. */
export interface KeepAlive {
  readonly transport: Transport;
  stop(): void;
}

/**
 * Starts pinging `transport`; returns undefined when it cannot ping (the browser `WebSocket`, a
 * custom transport without `ping`) or when `ping.interval` is not positive.
 */
export function startKeepAlive(transport: Transport, ping: PingOptions): KeepAlive | undefined {
  if (typeof transport.ping !== 'function' || !(ping.interval > 0)) return undefined;
  let pongTimer: ReturnType<typeof setTimeout> | undefined;
  const stop = (): void => {
    clearInterval(pingTimer);
    if (pongTimer !== undefined) clearTimeout(pongTimer);
    pongTimer = undefined;
  };
  transport.onPong = () => {
    if (pongTimer !== undefined) clearTimeout(pongTimer);
    pongTimer = undefined;
  };
  const pingTimer = setInterval(() => {
    if (pongTimer !== undefined) return;
    try {
      transport.ping?.();
    } catch {
      // The transport is closing; its onClose ends this keep-alive.
      return;
    }
    pongTimer = setTimeout(() => {
      stop();
      // No pong in time: the link is dead even if TCP has not noticed yet.
      const reason = `no pong within ${ping.timeout} ms`;
      if (typeof transport.terminate === 'function') transport.terminate(reason);
      else transport.close(1000, reason);
    }, ping.timeout);
  }, ping.interval);
  return { transport, stop };
}
