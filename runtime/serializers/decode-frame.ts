/**
 * The safe entry point for untrusted frames: deserialize, then check the WAMP message.
 */
import { decodeMessage } from '../protocol/decode.js';
import type { DecodeResult } from '../protocol/violation.js';
import { violation } from '../protocol/violation.js';
import { isSerializeError } from './serialize-error.js';
import type { Serializer } from './types.js';

/** Short reason text from anything thrown, without trusting its shape. */
function reasonOf(err: unknown): string {
  try {
    return err instanceof Error ? String(err.message) : String(err);
  } catch {
    // A thrown object whose toString itself throws: still never throw from decodeFrame.
    return 'unprintable error';
  }
}

/** True for the engine's stack-overflow error (V8/JSC RangeError, SpiderMonkey InternalError). */
function isStackOverflow(err: unknown): boolean {
  return err instanceof Error && /call stack|too much recursion/i.test(reasonOf(err));
}

/**
 * Deserializes `data` with `serializer` and checks it with `decodeMessage`; never throws.
 *
 * Malformed bytes or text give `{ok:false, violation:{code:'serialization'}}`; nesting that
 * exhausts the stack or our limit gives code `too_deep`.
 */
export function decodeFrame(serializer: Serializer, data: string | Uint8Array): DecodeResult {
  let value: unknown;
  try {
    value = serializer.deserialize(data);
  } catch (err) {
    const deep = isStackOverflow(err) || (isSerializeError(err) && err.code === 'too_deep');
    return {
      ok: false,
      violation: violation(
        deep ? 'too_deep' : 'serialization',
        `${serializer.name} frame did not deserialize: ${reasonOf(err)}`,
      ),
    };
  }
  try {
    return decodeMessage(value);
  } catch (err) {
    // decodeMessage is documented never to throw; this guard keeps the promise of this function.
    return { ok: false, violation: violation('serialization', `message check failed: ${reasonOf(err)}`) };
  }
}
