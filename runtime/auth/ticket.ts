/**
 * Ticket authentication: the client sends its ticket verbatim as AUTHENTICATE.Signature, so the
 * router's only computation is a constant-time comparison (use TLS: the secret crosses the wire).
 */
import { constantTimeEqual } from './constant-time-equal.js';

/** The AUTHENTICATE signature for ticket auth: the ticket itself. */
export function signTicket(ticket: string): string {
  return ticket;
}

/** Router side: true when the presented ticket equals the expected one (constant time). */
export function verifyTicket(expected: string, presented: string): boolean {
  return constantTimeEqual(expected, presented);
}
