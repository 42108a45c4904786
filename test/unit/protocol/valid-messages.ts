/** Well-formed example messages, one or more per type; shared by the decoder tests and fuzzers. */
import { MAX_ID } from '../../../runtime/protocol/index.js';

/** Fresh copies (tests may mutate them) of a valid message per type and payload length. */
export function validMessages(): Array<[name: string, message: unknown[]]> {
  const helloDetails = {
    roles: { caller: {}, subscriber: { features: { pattern_based_subscription: true } } },
  };
  const welcomeDetails = { roles: { broker: {}, dealer: { features: {} } } };

  return [
    ['HELLO', [1, 'com.example.realm', helloDetails]],
    ['WELCOME', [2, MAX_ID, welcomeDetails]],
    ['ABORT', [3, { message: 'bye' }, 'wamp.error.no_such_realm']],
    ['ABORT with args', [3, {}, 'wamp.error.no_such_realm', ['why']]],
    ['ABORT with kwargs', [3, {}, 'wamp.error.no_such_realm', [], { why: 1 }]],
    ['CHALLENGE', [4, 'wampcra', { challenge: '{}' }]],
    ['AUTHENTICATE', [5, 'c2lnbmF0dXJl', {}]],
    ['GOODBYE', [6, {}, 'wamp.close.close_realm']],
    ['ERROR', [8, 48, 7, {}, 'com.example.error']],
    ['ERROR with payload', [8, 68, 7, {}, 'wamp.error.canceled', [1], { a: 1 }]],
    ['PUBLISH', [16, 1, {}, 'com.example.topic']],
    ['PUBLISH with args', [16, 1, { acknowledge: true, exclude: [1, 2] }, 'com.example.topic', [1]]],
    ['PUBLISH with kwargs', [16, 1, { eligible_authid: ['alice'] }, 'com.example.topic', [], { a: 1 }]],
    ['PUBLISHED', [17, 1, 2]],
    ['SUBSCRIBE', [32, 1, {}, 'com.example.topic']],
    ['SUBSCRIBE prefix', [32, 1, { match: 'prefix' }, 'com.example.']],
    ['SUBSCRIBE wildcard', [32, 1, { match: 'wildcard' }, 'com..topic']],
    ['SUBSCRIBED', [33, 1, 2]],
    ['UNSUBSCRIBE', [34, 1, 2]],
    ['UNSUBSCRIBED', [35, 1]],
    ['UNSUBSCRIBED revocation', [35, 0, { subscription: 9, reason: 'gone' }]],
    ['EVENT', [36, 1, 2, {}]],
    ['EVENT with payload', [36, 1, 2, { publisher: 3, topic: 'a.b', trustlevel: 0 }, ['x'], { y: 1 }]],
    ['CALL', [48, 1, {}, 'com.example.add']],
    ['CALL with args', [48, 1, { receive_progress: true, timeout: 0 }, 'com.example.add', [1, 2]]],
    ['CANCEL', [49, 1, { mode: 'killnowait' }]],
    ['RESULT', [50, 1, {}]],
    ['RESULT with payload', [50, 1, { progress: true }, [3], { a: 1 }]],
    ['REGISTER', [64, 1, { invoke: 'roundrobin' }, 'com.example.add']],
    ['REGISTER wildcard', [64, 1, { match: 'wildcard' }, '.example.']],
    ['REGISTERED', [65, 1, 2]],
    ['UNREGISTER', [66, 1, 2]],
    ['UNREGISTERED', [67, 1]],
    ['UNREGISTERED revocation', [67, 0, { registration: 9 }]],
    ['INVOCATION', [68, 1, 2, {}]],
    ['INVOCATION with payload', [68, 1, 2, { caller: 5, procedure: 'a.b', timeout: 10 }, [1], { a: 1 }]],
    ['INTERRUPT', [69, 1, { mode: 'kill', reason: 'wamp.error.canceled' }]],
    ['YIELD', [70, 1, {}]],
    ['YIELD with args', [70, 1, { progress: false }, ['x']]],
    ['EVENT_RECEIVED', [337, 2]],
  ];
}
