import { describe, expectTypeOf, it } from 'vitest';
import type {
  CallOptions,
  EventContext,
  Id,
  InvocationContext,
  PublishOptions,
  SubscribeOptions,
  Subscription,
} from '../../../../runtime/contracts/index.js';
import type {
  ChatMessage,
  ChatRoomsClient,
  Region,
  Room,
  RoomId,
  RoomsCallee,
  RoomsClient,
} from '../../../golden/default/out/uri-templates.js';

type Rpc = RoomsClient['rpc'];
type MessageHandler = (
  payload: ChatMessage,
  components: { readonly roomId: RoomId },
  context: EventContext,
) => unknown;

describe('types of generated URI templates', () => {
  it('puts the components first on the caller, typed as declared', () => {
    expectTypeOf<Rpc['getRoom']>().toEqualTypeOf<
      (roomId: RoomId, includeMembers?: boolean, options?: CallOptions) => Promise<Room>
    >();
    expectTypeOf<Rpc['renameRoom']>().toEqualTypeOf<
      (region: Region, roomId: RoomId, title: string, options?: CallOptions) => Promise<Room>
    >();
  });

  it('puts the components first on the callee, before the payload and the context', () => {
    expectTypeOf<Parameters<RoomsCallee['getRoom']>>().toEqualTypeOf<
      [roomId: RoomId, includeMembers: boolean | undefined, context: InvocationContext]
    >();
  });

  it('publishes and subscribes one room with its id first', () => {
    expectTypeOf<ChatRoomsClient['publish']['message']>().toEqualTypeOf<
      (roomId: RoomId, payload: ChatMessage, options?: PublishOptions) => Promise<Id | undefined>
    >();
    expectTypeOf<ChatRoomsClient['subscribe']['message']>().toEqualTypeOf<
      (roomId: RoomId, handler: MessageHandler, options?: SubscribeOptions) => Promise<Subscription>
    >();
  });

  it('subscribes every room with a handler that receives the components', () => {
    expectTypeOf<ChatRoomsClient['subscribeAll']['message']>().toEqualTypeOf<
      (handler: MessageHandler, options?: SubscribeOptions) => Promise<Subscription>
    >();
    type Ticket = Parameters<Parameters<ChatRoomsClient['subscribeAll']['ticketUpdated']>[0]>[1];
    expectTypeOf<Ticket>().toEqualTypeOf<{ readonly ticketId: number }>();
  });

  it('offers subscribeAll only for topics with components', () => {
    expectTypeOf<keyof ChatRoomsClient['subscribeAll']>().toEqualTypeOf<
      'message' | 'presence' | 'ticketUpdated'
    >();
  });
});
