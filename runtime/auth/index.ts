/** Credential computations shared by the client session and the router (WebCrypto; browser-safe). */
export type { AuthComputationErrorCode } from './auth-error.js';
export { AuthComputationError, isAuthComputationError } from './auth-error.js';
export { constantTimeEqual } from './constant-time-equal.js';
export {
  createCryptosignChallenge,
  cryptosignPublicKey,
  cryptosignSign,
  cryptosignVerify,
} from './cryptosign.js';
export { decodeHex, encodeHex } from './hex.js';
export { signTicket, verifyTicket } from './ticket.js';
export type { WampCraChallengeExtra, WampCraChallengeOptions } from './wampcra.js';
export {
  createWampCraChallenge,
  deriveWampCraKey,
  respondToWampCraChallenge,
  signWampCraChallenge,
  verifyWampCraSignature,
  WAMPCRA_DEFAULT_ITERATIONS,
  WAMPCRA_DEFAULT_KEYLEN,
} from './wampcra.js';
