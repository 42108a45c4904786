import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { HeldWriter } from '../../../runtime/transport/write-batch.js';
import { flushHeldWrites, holdWrites, releaseWrites } from '../../../runtime/transport/write-batch.js';

/** A writer whose socket only counts cork levels. */
function fakeWriter(): HeldWriter & { corks: number } {
  const writer = {
    corks: 0,
    writesHeld: false,
    socket: undefined as unknown as Socket,
  };
  writer.socket = {
    cork: () => writer.corks++,
    uncork: () => writer.corks--,
  } as unknown as Socket;
  return writer;
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('write batching', () => {
  it('corks a socket once however often it is held in one turn', () => {
    const writer = fakeWriter();
    holdWrites(writer);
    holdWrites(writer);
    expect(writer.corks).toBe(1);
    flushHeldWrites();
  });

  it('uncorks every held socket at the end of the turn', async () => {
    const a = fakeWriter();
    const b = fakeWriter();
    holdWrites(a);
    holdWrites(b);
    await nextTurn();
    expect([a.corks, b.corks, a.writesHeld, b.writesHeld]).toEqual([0, 0, false, false]);
  });

  it('releases a socket early exactly once, even when the turn ends later', async () => {
    const writer = fakeWriter();
    holdWrites(writer);
    releaseWrites(writer);
    releaseWrites(writer);
    await nextTurn();
    expect(writer.corks).toBe(0);
  });

  it('holds a socket again after an early release and still uncorks it at the end of the turn', async () => {
    const writer = fakeWriter();
    holdWrites(writer);
    releaseWrites(writer);
    holdWrites(writer);
    expect(writer.corks).toBe(1);
    await nextTurn();
    expect(writer.corks).toBe(0);
  });
});
