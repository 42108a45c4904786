/**
 * A link that dies while WELCOME is being written (a kill for an overflowing queue, a socket
 * error) must not leave a session behind in the realm: nobody could ever remove it.
 */
import { describe, expect, it } from 'vitest';
import { MessageType } from '../../../runtime/protocol/index.js';
import { helloMessage } from '../../../runtime/protocol/encode.js';
import type { Dict, WampMessage } from '../../../runtime/protocol/messages.js';
import { createRouter } from '../../../runtime/router/index.js';
import type { PeerHandle, PeerLink } from '../../../runtime/transport/peer-link.js';

describe('a link that closes while WELCOME is sent', () => {
  it('leaves no session in the realm', async () => {
    const router = createRouter({ realms: ['realm1'] });
    let handle: PeerHandle | undefined;
    const sent: number[] = [];
    const link: PeerLink = {
      send(message: WampMessage) {
        sent.push(message[0]);
        // The transport fails on this very write and reports the link gone at once.
        if (message[0] === MessageType.WELCOME) handle?.closed();
      },
      close() {},
      bufferedAmount: 0,
      transportDetails: {} as Dict,
    };
    handle = router.attach(link);
    handle.receive(helloMessage('realm1', { roles: { caller: {}, callee: {} } }));
    // The anonymous authenticator answers on a later turn.
    for (let i = 0; i < 20 && !sent.includes(MessageType.WELCOME); i++)
      await new Promise((r) => setTimeout(r, 5));
    expect(sent).toContain(MessageType.WELCOME);
    expect(router.sessionCount()).toBe(0);
    await router.close();
  });
});
