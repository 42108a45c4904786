import { verifyTicket } from '../../auth/ticket.js';
import type { AuthContext } from './auth-context.js';
import { dynamicHandles } from './auth-context.js';
import type { AuthMethod } from './auth-method.js';
import { challenge, checkRole, helloAuthid, ready, unavailable, unknownPrincipal } from './auth-method.js';
import { askDynamicAuthenticator, isAuthStep } from './ask-dynamic-authenticator.js';
import { abort, DYNAMIC_PROVIDER, STATIC_PROVIDER, welcome } from './auth-steps.js';

/**
 * Ticket authentication: CHALLENGE `ticket` with `{}`, the client answers with its ticket. Static
 * users compare in constant time; with the dynamic authenticator the ticket is passed to it as
 * `details.ticket` and accepted when it answers with a role.
 */
export function createTicketMethod(ctx: AuthContext): AuthMethod {
  const configured =
    Object.values(ctx.users).some((u) => u.ticket !== undefined) || dynamicHandles(ctx, 'ticket');
  return {
    name: 'ticket',
    candidate(info) {
      if (!configured) return unavailable('ticket: not configured');
      const authid = helloAuthid(info);
      if (authid === undefined) return unavailable('ticket: HELLO has no authid');
      const user = Object.hasOwn(ctx.users, authid) ? ctx.users[authid] : undefined;
      const ticket = user?.ticket;
      // Static users first; only authids the config does not know go to the dynamic authenticator.
      if (user !== undefined && ticket !== undefined) {
        return ready(async () =>
          challenge(ctx, 'ticket', {}, async (signature) =>
            verifyTicket(ticket, signature)
              ? checkRole(ctx, welcome(authid, user.role, 'ticket', STATIC_PROVIDER))
              : abort('wamp.error.authentication_denied', `wrong ticket for ${authid}`),
          ),
        );
      }
      if (dynamicHandles(ctx, 'ticket')) {
        // The ticket itself goes to the authenticator, which decides; a normal answer admits.
        return ready(async () =>
          challenge(ctx, 'ticket', {}, async (signature) => {
            const answer = await askDynamicAuthenticator(ctx, info, 'ticket', { ticket: signature });
            if (isAuthStep(answer)) return answer;
            const step = welcome(
              answer.authid ?? authid,
              answer.role,
              'ticket',
              DYNAMIC_PROVIDER,
              answer.extra,
            );
            return checkRole(ctx, step);
          }),
        );
      }
      if (user !== undefined) return unavailable(`ticket: ${authid} has no ticket`);
      return unknownPrincipal(`ticket: no principal ${authid}`);
    },
  };
}
