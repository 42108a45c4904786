/** `wamp-contracts/testing`: a test router, wait helpers and in-memory session pairs. */
export type { TestRouter, TestRouterOptions } from './start-test-router.js';
export { startTestRouter } from './start-test-router.js';
export type { InMemoryConnectOptions, InMemoryPair } from './in-memory-pair.js';
export { connectInMemory, createInMemoryPair } from './in-memory-pair.js';
export type { WaitOptions } from './wait-for.js';
export { waitForRegistration, waitForSubscription } from './wait-for.js';
