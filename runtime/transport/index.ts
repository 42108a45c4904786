/** Client transports. Node-only ones (`ws-node`, `rawsocket-node`) are loaded on demand by `connect()`. */
export type { CloseInfo, Transport, TransportFactory } from './types.js';
export type { InMemoryTransportOptions } from './in-memory.js';
export { createInMemoryTransportFactory } from './in-memory.js';
export type { BrowserWebSocketTransportOptions } from './ws-browser.js';
export { createBrowserWebSocketTransportFactory } from './ws-browser.js';
export type { Undecodable } from './undecodable.js';
export { isUndecodable, undecodable } from './undecodable.js';
