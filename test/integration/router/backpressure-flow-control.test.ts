/** The flow controller on its own, with fake connections (no sockets, no timing). */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FlowFailure, FlowPeer } from '../../../runtime/router/transports/flow-control.js';
import { createFlowControl } from '../../../runtime/router/transports/flow-control.js';

class FakePeer implements FlowPeer {
  bufferedAmount = 0;
  paused = false;
  failed: FlowFailure | undefined;
  pauseReading(): void {
    this.paused = true;
  }
  resumeReading(): void {
    this.paused = false;
  }
  failFlow(kind: FlowFailure): void {
    this.failed = kind;
  }
}

const limits = { highWaterBytes: 100, lowWaterBytes: 20, maxQueueBytes: 1000, slowConsumerTimeoutMs: 50 };

afterEach(() => {
  vi.useRealTimers();
});

function setup() {
  const flow = createFlowControl(limits);
  const publisher = new FakePeer();
  const subscriber = new FakePeer();
  const bystander = new FakePeer();
  for (const p of [publisher, subscriber, bystander]) flow.add(p);
  /** Simulates the router sending `bytes` to `to` while handling a message from `from`. */
  const route = (from: FakePeer | undefined, to: FakePeer, bytes: number) => {
    if (from !== undefined) flow.beginInbound(from);
    to.bufferedAmount += bytes;
    flow.afterSend(to, bytes);
    if (from !== undefined) flow.endInbound();
  };
  return { flow, publisher, subscriber, bystander, route };
}

describe('flow control', () => {
  it('pauses only the source of a send that congests a connection', () => {
    const { publisher, subscriber, bystander, route } = setup();
    route(publisher, subscriber, 150);
    expect(publisher.paused).toBe(true);
    expect(bystander.paused).toBe(false);
    expect(subscriber.paused).toBe(false);
  });

  it('resumes the source once the congested connection drains below low water', () => {
    const { flow, publisher, subscriber, route } = setup();
    route(publisher, subscriber, 150);
    subscriber.bufferedAmount = 10;
    flow.drained(subscriber);
    expect(publisher.paused).toBe(false);
  });

  it('keeps the source paused while the connection is still above low water', () => {
    const { flow, publisher, subscriber, route } = setup();
    route(publisher, subscriber, 150);
    subscriber.bufferedAmount = 50;
    flow.drained(subscriber);
    expect(publisher.paused).toBe(true);
  });

  it('pauses every other connection when the source of a send is unknown', () => {
    const { publisher, subscriber, bystander, route } = setup();
    route(undefined, subscriber, 150);
    expect(publisher.paused).toBe(true);
    expect(bystander.paused).toBe(true);
    expect(subscriber.paused).toBe(false);
  });

  it('lets a new connection in unpaused while the congestion has a known source', () => {
    const { flow, publisher, subscriber, route } = setup();
    route(publisher, subscriber, 150);
    const newcomer = new FakePeer();
    flow.add(newcomer);
    expect(newcomer.paused).toBe(false);
  });

  it('holds a new connection back while an unattributed congestion lasts', () => {
    const { flow, subscriber, route } = setup();
    route(undefined, subscriber, 150);
    const newcomer = new FakePeer();
    flow.add(newcomer);
    expect(newcomer.paused).toBe(true);
    subscriber.bufferedAmount = 0;
    flow.drained(subscriber);
    expect(newcomer.paused).toBe(false);
  });

  it('fails a connection whose backlog before a frame exceeds maxQueueBytes', () => {
    const { publisher, subscriber, route } = setup();
    route(publisher, subscriber, 600);
    route(publisher, subscriber, 600);
    expect(subscriber.failed).toBeUndefined();
    route(publisher, subscriber, 10);
    expect(subscriber.failed).toBe('overflow');
  });

  it('does not fail a connection for one message larger than maxQueueBytes', () => {
    const { publisher, subscriber, route } = setup();
    route(publisher, subscriber, 5000);
    expect(subscriber.failed).toBeUndefined();
  });

  it('releases paused sources when the congested connection is removed', () => {
    const { flow, publisher, subscriber, route } = setup();
    route(publisher, subscriber, 150);
    flow.remove(subscriber);
    expect(publisher.paused).toBe(false);
  });

  it('fails a congested connection that drains nothing for slowConsumerTimeoutMs', () => {
    vi.useFakeTimers();
    const { flow, publisher, subscriber, route } = setup();
    route(publisher, subscriber, 150);
    vi.advanceTimersByTime(limits.slowConsumerTimeoutMs + 1);
    expect(subscriber.failed).toBe('slow_consumer');
    expect(publisher.paused).toBe(false);
    expect(flow.stats.slowConsumers).toBe(1);
  });

  it('gives a congested connection that drains slowly more time', () => {
    vi.useFakeTimers();
    const { publisher, subscriber, route } = setup();
    route(publisher, subscriber, 150);
    subscriber.bufferedAmount = 120;
    vi.advanceTimersByTime(limits.slowConsumerTimeoutMs + 1);
    expect(subscriber.failed).toBeUndefined();
    vi.advanceTimersByTime(limits.slowConsumerTimeoutMs + 1);
    expect(subscriber.failed).toBe('slow_consumer');
  });
});

describe('flow control: release without a drain event', () => {
  it('releases the sources when the timer finds the connection drained', () => {
    vi.useFakeTimers();
    const flow = createFlowControl(limits);
    const publisher = new FakePeer();
    const subscriber = new FakePeer();
    flow.add(publisher);
    flow.add(subscriber);
    flow.beginInbound(publisher);
    subscriber.bufferedAmount = 150;
    flow.afterSend(subscriber, 150);
    flow.endInbound();
    subscriber.bufferedAmount = 0;
    vi.advanceTimersByTime(limits.slowConsumerTimeoutMs + 1);
    expect(subscriber.failed).toBeUndefined();
    expect(publisher.paused).toBe(false);
  });
});
