import type { Socket } from 'node:net';

/**
 * Write batching for Node socket connections (router links and the client WebSocket transport): the first frame a connection sends in an event-loop turn
 * corks its socket, and one `setImmediate` per turn uncorks every held socket, so all frames of
 * the turn leave in a single `writev` syscall per connection instead of one per frame (the
 * syscalls were ~73 % of the time spent routing a PUBLISH; see bench/RESULTS.md).
 *
 * Corked bytes still count in `socket.writableLength`, so flow control sees them. A connection
 * whose held bytes pass {@link MAX_HELD_BYTES} is released at once, keeping the extra buffering
 * per connection small.
 */

/** A connection whose socket writes can be held until the end of the turn. */
export interface HeldWriter {
  readonly socket: Socket;
  /** True while this module holds one cork on `socket`; only this module changes it. */
  writesHeld: boolean;
}

/** Above this many buffered bytes a held socket is flushed without waiting for the turn's end. */
export const MAX_HELD_BYTES = 64 * 1024;

let held: HeldWriter[] = [];
let scheduled = false;

/** Corks `writer`'s socket until the end of the current turn (no-op when already held). */
export function holdWrites(writer: HeldWriter): void {
  if (writer.writesHeld) return;
  writer.writesHeld = true;
  writer.socket.cork();
  held.push(writer);
  if (!scheduled) {
    scheduled = true;
    // setImmediate, not nextTick: it also batches across every socket read of this poll phase.
    setImmediate(flushHeldWrites);
  }
}

/** Uncorks `writer`'s socket now when this module holds it (before a close, or past the cap). */
export function releaseWrites(writer: HeldWriter): void {
  if (!writer.writesHeld) return;
  writer.writesHeld = false;
  writer.socket.uncork();
}

/** Releases every held socket; runs once per turn, and before listeners drop their connections. */
export function flushHeldWrites(): void {
  scheduled = false;
  // Swapped first: a hold made while uncorking (none today) lands in the next batch, not lost.
  const list = held;
  held = [];
  for (let i = 0; i < list.length; i++) releaseWrites(list[i]!);
}
