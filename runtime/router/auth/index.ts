export type { AuthContext, DynamicAuthSettings, DynamicInvoker } from './auth-context.js';
export type { AuthenticatorOptions } from './create-authenticator.js';
export { createAuthenticator } from './create-authenticator.js';
export type { AuthorizationSettings } from './create-authorizer.js';
export { createAuthorizer, knownRoles } from './create-authorizer.js';
export type { DynamicAnswer } from './ask-dynamic-authenticator.js';
export type { RuleMatch } from './uri-matcher.js';
export { uriMatches } from './uri-matcher.js';
