export type { FlowControl, FlowFailure, FlowLimits, FlowPeer, FlowStats } from './flow-control.js';
export { createFlowControl } from './flow-control.js';
export type { LinkContext } from './link-context.js';
export type { Listener } from './listener.js';
export type { RawSocketListenerOptions } from './rawsocket-listener.js';
export { listenRawSocket } from './rawsocket-listener.js';
export type {
  TransportCounters,
  TransportEvent,
  TransportEventCodeValue,
  TransportLog,
  TransportReporter,
} from './transport-log.js';
export { createTransportReporter, TransportEventCode } from './transport-log.js';
export type { WebSocketListenerOptions } from './websocket-listener.js';
export { listenWebSocket } from './websocket-listener.js';
