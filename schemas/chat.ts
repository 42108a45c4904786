/**
 * A chat: per-room events and per-room procedures, addressed by the room's id in the URI
 * (`@uri` templates with typed components).
 */
import type { Service, Topics } from 'wamp-contracts/schema';

/** A room id: a short name such as `general`. */
export type RoomId = string & { __brand: 'RoomId' };

/** A message posted in a room. */
export interface ChatMessage {
  /** @minLength 1 @maxLength 64 */
  author: string;
  /** @minLength 1 @maxLength 2000 */
  text: string;
  sentAt: Date;
}

/** Events of the chat's rooms. */
export interface ChatEvents extends Topics<'com.example.chat'> {
  /**
   * A message was posted in a room.
   * @uri com.example.chat.room.{roomId}.message
   */
  message(roomId: RoomId): ChatMessage;
}

/** Procedures of one room. */
export interface ChatRooms extends Service<'com.example.chat'> {
  /**
   * The latest messages of a room, newest last.
   * @uri com.example.chat.room.{roomId}.history
   */
  history(
    roomId: RoomId,
    /** @int @minimum 1 @maximum 100 */
    limit?: number,
  ): Promise<ChatMessage[]>;
}
