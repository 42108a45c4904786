/**
 * URI templates with an independent peer: autobahn-js publishes to a concrete room URI and calls a
 * concrete procedure URI; our generated topics client and callee, behind the embedded router, see
 * the components through the router's EVENT.Details.topic and INVOCATION.Details.procedure.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningRouter } from '../../../runtime/router/serve.js';
import { connect } from '../../../runtime/session/connect.js';
import type { Session } from '../../../runtime/session/session.js';
import { type AutobahnPeer, openAutobahn } from '../../helpers/autobahn-client.js';
import { until } from '../../helpers/timing.js';
import { listen } from '../../helpers/ws-listen.js';
import {
  ChatRoomsClient,
  type Room,
  type RoomId,
  RoomsCallee,
} from '../../golden/default/out/uri-templates.js';

class RoomsImpl extends RoomsCallee {
  getRoom(roomId: RoomId): Room {
    return { id: roomId, title: `Room ${roomId}` };
  }
  renameRoom(_region: string, roomId: RoomId, title: string): Room {
    return { id: roomId, title };
  }
  updateSettings(): void {}
  count(): number {
    return 0;
  }
}

let running: RunningRouter;
let session: Session;
let peer: AutobahnPeer;

beforeEach(async () => {
  running = await listen();
  session = await connect({ url: running.url, realm: 'realm1' });
  peer = await openAutobahn(running.url, 'realm1');
});

afterEach(async () => {
  peer.close();
  await session.leave();
  await running.close();
});

describe('URI templates with autobahn-js as the other peer', () => {
  it('gives subscribeAll the room of an event autobahn publishes to a concrete room URI', async () => {
    const got: unknown[] = [];
    await new ChatRoomsClient(session).subscribeAll.message((m, c) => void got.push([c.roomId, m]));
    await peer.session.publish(
      'com.example.chat.room.general.message',
      [{ text: 'hello', author: 'py' }],
      {},
      { acknowledge: true },
    );
    await until(() => got.length === 1);
    expect(got).toEqual([['general', { text: 'hello', author: 'py' }]]);
  });

  it('answers autobahn calling a concrete URI of a procedure family', async () => {
    await new RoomsImpl().register(session);
    expect(await peer.session.call('com.example.room.r5.get', [])).toEqual({ id: 'r5', title: 'Room r5' });
    const refused = await Promise.resolve(peer.session.call('com.example.room.mars.r5.rename', ['x'])).then(
      () => undefined,
      (error: { error?: unknown }) => error.error,
    );
    expect(refused).toBe('wamp.error.invalid_argument');
  });
});
