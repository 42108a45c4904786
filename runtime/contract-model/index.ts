/** The contract model: plain data describing services, topics, errors and named types. */
export type * from './contract-model.js';
