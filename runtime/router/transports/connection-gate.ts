import type { Socket } from 'node:net';
import type { TransportReporter } from './transport-log.js';
import { TransportEventCode } from './transport-log.js';

/** Connection caps shared by every listener of one router. */
export interface ConnectionLimits {
  /** Open connections (any state, every listener) above which new ones are refused. */
  readonly maxConnections: number;
  /** Open connections from one remote address above which its new ones are refused. */
  readonly maxConnectionsPerIp: number;
}

/** Defaults of {@link ConnectionLimits}. */
export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  maxConnections: 10_000,
  maxConnectionsPerIp: 1_000,
};

/** Counters a test or an operator can read. */
export interface ConnectionStats {
  /** Connections open now (accepted and not yet closed). */
  open: number;
  /** Connections refused for a cap since the start. */
  refused: number;
}

/**
 * Counts open connections, in total and per remote address, and refuses new ones over the caps
 * (a slowloris client cannot take every file descriptor). One count per TCP connection, from
 * accept to close, whatever its state (handshake, session, closing).
 */
export interface ConnectionGate {
  readonly limits: ConnectionLimits;
  readonly stats: ConnectionStats;
  /**
   * Counts `socket` until it closes, or returns false (and reports `transport.connection_refused`)
   * when a cap is reached; the caller then refuses the connection at once.
   */
  admit(socket: Socket, peer: string): boolean;
}

/** Where the gate keeps a socket's counted address (its `remoteAddress` is gone after close). */
const GATE_IP = Symbol('wamp-contracts.gate-ip');
type GatedSocket = Socket & { [GATE_IP]?: string };

/** Creates the gate for one router. */
export function createConnectionGate(limits: ConnectionLimits, reporter: TransportReporter): ConnectionGate {
  const perIp = new Map<string, number>();
  const stats: ConnectionStats = { open: 0, refused: 0 };
  function release(this: GatedSocket): void {
    const ip = this[GATE_IP] as string;
    stats.open--;
    const n = (perIp.get(ip) ?? 1) - 1;
    if (n === 0) perIp.delete(ip);
    else perIp.set(ip, n);
  }
  return {
    limits,
    stats,
    admit(socket, peer) {
      const ip = socket.remoteAddress ?? 'unknown';
      const fromIp = perIp.get(ip) ?? 0;
      let why: string | undefined;
      if (stats.open >= limits.maxConnections) why = `${limits.maxConnections} connections open`;
      else if (fromIp >= limits.maxConnectionsPerIp)
        why = `${limits.maxConnectionsPerIp} connections open from ${ip}`;
      if (why !== undefined) {
        stats.refused++;
        reporter.report(TransportEventCode.CONNECTION_REFUSED, peer, why);
        return false;
      }
      stats.open++;
      perIp.set(ip, fromIp + 1);
      (socket as GatedSocket)[GATE_IP] = ip;
      // One shared handler for every socket (a socket closes once): no closure per connection.
      socket.on('close', release);
      return true;
    },
  };
}
