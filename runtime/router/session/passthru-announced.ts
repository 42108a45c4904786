/** Payload passthru mode (D.21) is a protocol violation from a peer that did not announce it. */
import { MessageType } from '../../protocol/message-type.js';
import type { WampMessage } from '../../protocol/messages.js';
import { Feature } from '../core/features.js';

/**
 * The violation text when `m` uses payload passthru mode (`ppt_scheme`) and the sender did not
 * announce `payload_passthru_mode` for the role it sends it as; else undefined.
 */
export function unannouncedPassthru(m: WampMessage, features: number): string | undefined {
  let role: number;
  let name: string;
  switch (m[0]) {
    case MessageType.CALL:
      if (m[2].ppt_scheme === undefined) return undefined;
      role = Feature.CALLER_PASSTHRU;
      name = 'caller';
      break;
    case MessageType.PUBLISH:
      if (m[2].ppt_scheme === undefined) return undefined;
      role = Feature.PUBLISHER_PASSTHRU;
      name = 'publisher';
      break;
    case MessageType.YIELD:
      if (m[2].ppt_scheme === undefined) return undefined;
      role = Feature.CALLEE_PASSTHRU;
      name = 'callee';
      break;
    case MessageType.ERROR:
      if (m[3].ppt_scheme === undefined) return undefined;
      role = Feature.CALLEE_PASSTHRU;
      name = 'callee';
      break;
    default:
      return undefined;
  }
  return (features & role) !== 0
    ? undefined
    : `payload passthru mode (ppt_scheme) used without announcing payload_passthru_mode for the ${name} role`;
}
