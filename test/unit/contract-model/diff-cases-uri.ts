/**
 * The diff table's rows for `@uri` templates (WCD140–WCD143, WCD307, WCD308): one change each,
 * with every finding it must produce and none more (see diff-cases.ts for the notation).
 */
import { type DiffCase, svc, tps } from './diff-cases.js';

const C = 'WIRE_CONSUMER';
const P = 'WIRE_PROVIDER';
const S = 'SOURCE';

/** A procedure `get` of `com.s` under `@uri uri` with the given parameters. */
const proc = (uri: string, params: string) => svc(`/** @uri ${uri} */\nget(${params}): void;`);
/** A topic `message` of `com.t` under `@uri uri` with the given component parameters. */
const topic = (uri: string, params: string) => tps(`/** @uri ${uri} */\nmessage(${params}): string;`);

const BRANDS = "export type A = string & { __brand: 'A' };\nexport type B = string & { __brand: 'B' };";
const ROOM = 'com.s.room.{region}.get';
const MSG = 'com.t.room.{roomId}.message';

export const URI_TEMPLATE_CASES: readonly DiffCase[] = [
  {
    name: 'an unchanged URI template has no findings',
    old: proc(ROOM, "region: 'eu' | 'us', limit?: number"),
    new: proc(ROOM, "region: 'eu' | 'us', limit?: number"),
    expected: [],
  },
  {
    name: "a procedure's component narrowed: new callees refuse old callers' URIs",
    old: proc(ROOM, "region: 'eu' | 'us'"),
    new: proc(ROOM, "region: 'eu'"),
    expected: [`WCD142 ${C} ${ROOM} uri[3]`],
  },
  {
    name: "a procedure's component widened: old callees refuse new callers' URIs",
    old: proc(ROOM, "region: 'eu'"),
    new: proc(ROOM, "region: 'eu' | 'us'"),
    expected: [`WCD142 ${P} ${ROOM} uri[3]`],
  },
  {
    name: "a number component's range narrowed with @minimum",
    old: proc('com.s.ticket.{id}.get', 'id: number'),
    new: proc('com.s.ticket.{id}.get', '/** @minimum 1 */ id: number'),
    expected: [`WCD142 ${C} com.s.ticket.{id}.get uri[3]`],
  },
  {
    name: "a topic's component narrowed: new subscribers refuse old publishers' URIs",
    old: topic(MSG, 'roomId: string'),
    new: topic(MSG, "roomId: 'a' | 'b'"),
    expected: [`WCD142 ${P} ${MSG} uri[3]`],
  },
  {
    name: "a topic's component widened: old subscribers refuse new publishers' URIs",
    old: topic(MSG, "roomId: 'a' | 'b'"),
    new: topic(MSG, 'roomId: string'),
    expected: [`WCD142 ${C} ${MSG} uri[3]`],
  },
  {
    name: 'a topic number component became a string: old subscribers refuse non-integer texts',
    old: topic('com.t.ticket.{id}.updated', 'id: number'),
    new: topic('com.t.ticket.{id}.updated', 'id: string'),
    expected: [`WCD142 ${C} com.t.ticket.{id}.updated uri[3]`],
  },
  {
    name: "a procedure's component renamed at the same position breaks nothing (positional)",
    old: proc('com.s.room.{roomId}.get', 'roomId: string'),
    new: proc('com.s.room.{room}.get', 'room: string'),
    expected: [],
  },
  {
    name: "a topic's component renamed is a SOURCE change (handlers read the components by name)",
    old: topic(MSG, 'roomId: string'),
    new: topic('com.t.room.{room}.message', 'room: string'),
    expected: [`WCD307 ${S} topics s.ts#T.message uri.roomId`],
  },
  {
    name: "a procedure's components reordered is a SOURCE change only",
    old: proc('com.s.{a}.{b}.get', 'a: string, b: string'),
    new: proc('com.s.{b}.{a}.get', 'b: string, a: string'),
    expected: [`WCD304 ${S} service s.ts#S.get uri`],
  },
  {
    name: "a component's brand changed: same wire, other TypeScript type",
    old: svc('/** @uri com.s.room.{id}.get */\nget(id: A): void;', BRANDS),
    new: svc('/** @uri com.s.room.{id}.get */\nget(id: B): void;', BRANDS),
    expected: [`WCD305 ${S} service s.ts#S.get uri.id`],
  },
  {
    name: 'a fixed URI became a template that still matches it: only old callees break',
    old: proc('com.s.room.lobby.get', ''),
    new: proc('com.s.room.{id}.get', 'id: string'),
    expected: [`WCD140 ${P} com.s.room.{id}.get uri[3]`, `WCD308 ${S} service s.ts#S.get uri`],
  },
  {
    name: 'a template became a fixed URI: old callers build URIs the new callee does not register',
    old: proc('com.s.room.{id}.get', 'id: string'),
    new: proc('com.s.room.lobby.get', ''),
    expected: [`WCD140 ${C} com.s.room.lobby.get uri[3]`, `WCD308 ${S} service s.ts#S.get uri`],
  },
  {
    name: 'a fixed topic became a template that still matches it: only old subscribers break',
    old: tps('/** @uri com.t.room.lobby.message */\nmessage: string;'),
    new: topic(MSG, 'roomId: string'),
    // New publishers reach rooms old subscribers never subscribed to; old publishers' lobby still fits.
    expected: [`WCD140 ${C} ${MSG} uri[3]`, `WCD308 ${S} topics s.ts#T.message uri`],
  },
  {
    name: 'a fixed URI became a number template its fixed text does not fit: both break',
    old: proc('com.s.ticket.latest.get', ''),
    new: proc('com.s.ticket.{id}.get', 'id: number'),
    expected: [
      `WCD140 ${C} com.s.ticket.{id}.get uri[3]`,
      `WCD140 ${P} com.s.ticket.{id}.get uri[3]`,
      `WCD308 ${S} service s.ts#S.get uri`,
    ],
  },
  {
    name: 'a fixed topic became a template of another length: nothing matches either way',
    old: tps('message: string;'),
    new: topic(MSG, 'roomId: string'),
    expected: [`WCD140 ${C} ${MSG} uri`, `WCD140 ${P} ${MSG} uri`, `WCD308 ${S} topics s.ts#T.message uri`],
  },
  {
    name: "a template's fixed text changed",
    old: proc(ROOM, 'region: string'),
    new: proc('com.s.rooms.{region}.get', 'region: string'),
    expected: [`WCD141 ${C} com.s.rooms.{region}.get uri[2]`, `WCD141 ${P} com.s.rooms.{region}.get uri[2]`],
  },
  {
    name: 'a component moved to another position: each side routes only one text of it',
    old: topic('com.t.{roomId}.room.message', 'roomId: string'),
    new: topic(MSG, 'roomId: string'),
    // New publishers write `room` where old subscribers parse a component (fine), and a component
    // where they expect `room` (only `room` routed): the consumer finding is at uri[3].
    expected: [`WCD141 ${C} ${MSG} uri[3]`, `WCD141 ${P} ${MSG} uri[2]`],
  },
  {
    name: 'fixed text became a component: old callees register only the old text',
    old: proc('com.s.eu.{id}.get', 'id: string'),
    new: proc('com.s.{region}.{id}.get', 'region: string, id: string'),
    expected: [`WCD143 ${P} com.s.{region}.{id}.get uri[2]`, `WCD308 ${S} service s.ts#S.get uri`],
  },
  {
    name: 'a component became fixed text: new callees register only that text',
    old: proc('com.s.{region}.{id}.get', "region: 'eu' | 'us', id: string"),
    new: proc('com.s.eu.{id}.get', 'id: string'),
    expected: [`WCD143 ${C} com.s.eu.{id}.get uri[2]`, `WCD308 ${S} service s.ts#S.get uri`],
  },
  {
    name: 'a component added as a new URI component: nothing matches either way',
    old: topic(MSG, 'roomId: string'),
    new: topic('com.t.room.{roomId}.{thread}.message', 'roomId: string, thread: string'),
    expected: [
      `WCD143 ${C} com.t.room.{roomId}.{thread}.message uri`,
      `WCD143 ${P} com.t.room.{roomId}.{thread}.message uri`,
      `WCD308 ${S} topics s.ts#T.message uri`,
    ],
  },
];
