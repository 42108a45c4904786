/**
 * Per-connection outbound limits and publisher backpressure, shared by all listeners of one router.
 *
 * Every connection's outbound bytes are its socket's write buffer (`bufferedAmount`). After each
 * send the link reports to {@link FlowControl.afterSend}:
 * - when the backlog it already had before a frame is above `maxQueueBytes`, the connection is
 *   failed at once (`overflow`): a single large message never trips the limit on its own;
 * - above `highWaterBytes` it becomes *congested*. EVENTs for a congested connection never pause
 *   their publisher (so rotating non-reading subscribers cannot hold a publisher or the healthy
 *   subscribers back); they queue up to `maxQueueBytes` and beyond it are shed (not written,
 *   counted in `shedEvents`) instead of failing the connection. For other
 *   messages (INVOCATION, RESULT...) the connection whose inbound message caused the send (the
 *   "source") stops being read until every congested connection has drained to `lowWaterBytes`;
 *   when the source is unknown (the router answered asynchronously), every other connection is
 *   paused instead;
 * - a congested connection that makes no drain progress for `slowConsumerTimeoutMs` is failed
 *   (`slow_consumer`), so a peer that stopped reading cannot hold publishers back for ever.
 * A consumer that keeps up (backlog under `highWaterBytes`) receives everything, in order.
 */

/** The limits applied to every connection. */
export interface FlowLimits {
  /** Above this many buffered bytes a connection holds back the connections sending to it. */
  readonly highWaterBytes: number;
  /** Below this many buffered bytes it releases them again. */
  readonly lowWaterBytes: number;
  /** Above this many buffered bytes the connection is closed. */
  readonly maxQueueBytes: number;
  /** A congested connection that drains nothing for this long is closed. */
  readonly slowConsumerTimeoutMs: number;
}

/** Why flow control ended a connection. */
export type FlowFailure = 'overflow' | 'slow_consumer';

/** One connection as flow control sees it; implemented by the transport links. */
export interface FlowPeer {
  /** Bytes buffered for this connection and not yet written to the kernel. */
  readonly bufferedAmount: number;
  /** Stops reading inbound data (socket pause). */
  pauseReading(): void;
  /** Starts reading inbound data again. */
  resumeReading(): void;
  /** Ends the connection because of a flow-control limit. */
  failFlow(kind: FlowFailure, detail: string): void;
}

interface PeerState {
  congested: boolean;
  paused: boolean;
  lastBuffered: number;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/** Counters a test or an operator can read. */
export interface FlowStats {
  congestions: number;
  pauses: number;
  overflows: number;
  slowConsumers: number;
  /** EVENTs not written to a connection because its backlog was above `maxQueueBytes`. */
  shedEvents: number;
}

/** The shared controller; see the module comment. */
export interface FlowControl {
  readonly limits: FlowLimits;
  readonly stats: FlowStats;
  /** Registers a new connection. */
  add(peer: FlowPeer): void;
  /** Forgets a closed connection (releasing whatever it held back). */
  remove(peer: FlowPeer): void;
  /** Marks `peer` as the source of whatever is sent until {@link FlowControl.endInbound}. */
  beginInbound(peer: FlowPeer): void;
  /** Ends the attribution started by {@link FlowControl.beginInbound}. */
  endInbound(): void;
  /**
   * Called by a link after writing a frame of `frameBytes` bytes. `holdSource` false (EVENTs):
   * a congested receiver never pauses the sender; its events are shed instead ({@link shed}).
   */
  afterSend(peer: FlowPeer, frameBytes: number, holdSource?: boolean): void;
  /**
   * True when an EVENT for `peer` must be shed (its backlog is above `maxQueueBytes`): counted,
   * and the connection is marked congested so `slowConsumerTimeoutMs` runs for it.
   */
  shed(peer: FlowPeer): boolean;
  /** Called by a link when its socket emitted `drain`. */
  drained(peer: FlowPeer): void;
  /** Outbound bytes buffered over every connection now (a diagnostic; walks every connection). */
  queuedBytes(): number;
}

/** Creates the flow controller for one router. */
export function createFlowControl(limits: FlowLimits): FlowControl {
  const states = new Map<FlowPeer, PeerState>();
  const congested = new Set<FlowPeer>();
  const stats: FlowStats = { congestions: 0, pauses: 0, overflows: 0, slowConsumers: 0, shedEvents: 0 };
  let source: FlowPeer | undefined;
  // True while some congestion could not be attributed: then everyone, newcomers too, is held.
  let holdAll = false;

  function pause(peer: FlowPeer): void {
    const state = states.get(peer);
    if (state === undefined || state.paused || state.congested) return;
    state.paused = true;
    stats.pauses++;
    peer.pauseReading();
  }

  function releaseAll(): void {
    holdAll = false;
    for (const [peer, state] of states) {
      if (!state.paused) continue;
      state.paused = false;
      peer.resumeReading();
    }
  }

  function clearCongestion(peer: FlowPeer, state: PeerState): void {
    state.congested = false;
    if (state.timer !== undefined) clearTimeout(state.timer);
    state.timer = undefined;
    congested.delete(peer);
    if (congested.size === 0) releaseAll();
  }

  function armTimer(peer: FlowPeer, state: PeerState): void {
    state.lastBuffered = peer.bufferedAmount;
    state.timer = setTimeout(() => {
      state.timer = undefined;
      if (!state.congested) return;
      const now = peer.bufferedAmount;
      if (now <= limits.lowWaterBytes) {
        // Drained without a 'drain' event (possible when the backlog never passed the socket's own mark).
        clearCongestion(peer, state);
        return;
      }
      if (now < state.lastBuffered) {
        // Draining slowly is fine; only a consumer that makes no progress is cut off.
        armTimer(peer, state);
        return;
      }
      stats.slowConsumers++;
      clearCongestion(peer, state);
      peer.failFlow('slow_consumer', `no outbound progress for ${limits.slowConsumerTimeoutMs} ms`);
    }, limits.slowConsumerTimeoutMs);
    state.timer.unref?.();
  }

  function congest(peer: FlowPeer, state: PeerState): void {
    if (state.congested) return;
    state.congested = true;
    congested.add(peer);
    stats.congestions++;
    armTimer(peer, state);
  }

  return {
    limits,
    stats,
    shed(peer) {
      if (peer.bufferedAmount <= limits.maxQueueBytes) return false;
      const state = states.get(peer);
      if (state === undefined) return false;
      stats.shedEvents++;
      congest(peer, state);
      return true;
    },
    add(peer) {
      states.set(peer, { congested: false, paused: false, lastBuffered: 0, timer: undefined });
      if (holdAll) pause(peer);
    },
    remove(peer) {
      const state = states.get(peer);
      if (state === undefined) return;
      if (state.congested) clearCongestion(peer, state);
      states.delete(peer);
      if (source === peer) source = undefined;
    },
    beginInbound(peer) {
      source = peer;
    },
    endInbound() {
      source = undefined;
    },
    afterSend(peer, frameBytes, holdSource = true) {
      const buffered = peer.bufferedAmount;
      if (buffered <= limits.highWaterBytes) return;
      const state = states.get(peer);
      if (state === undefined) return;
      // The backlog before this frame counts, so one large message never trips the limit alone.
      if (buffered - frameBytes > limits.maxQueueBytes) {
        stats.overflows++;
        if (state.congested) clearCongestion(peer, state);
        peer.failFlow('overflow', `outbound queue exceeded ${limits.maxQueueBytes} bytes`);
        return;
      }
      congest(peer, state);
      // A publisher is never held back by its subscribers: their events are shed instead.
      if (!holdSource) return;
      if (source !== undefined && source !== peer) {
        pause(source);
      } else if (source === undefined) {
        holdAll = true;
        for (const other of states.keys()) if (other !== peer) pause(other);
      }
    },
    queuedBytes() {
      let total = 0;
      for (const peer of states.keys()) total += peer.bufferedAmount;
      return total;
    },
    drained(peer) {
      const state = states.get(peer);
      if (state === undefined || !state.congested) return;
      if (peer.bufferedAmount <= limits.lowWaterBytes) clearCongestion(peer, state);
    },
  };
}
