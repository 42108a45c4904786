/**
 * The zod schema of `router.json`; `docs/router-config.md` documents every key.
 *
 * Every key has a default, so `{}` is a valid config: one WebSocket listener on
 * `ws://127.0.0.1:8080/ws`, realm `realm1`, anonymous access, no authorization rules.
 */
import { z } from 'zod';
import { MAX_TIMER_MS } from '../../protocol/timer-limit.js';
import { isLoosePatternUri, isLooseUri } from '../../protocol/uri.js';

const MiB = 1024 * 1024;

/** Defaults, shared with the CLI and the docs. */
export const ROUTER_DEFAULTS = {
  host: '127.0.0.1',
  port: 8080,
  rawSocketPort: 8081,
  path: '/ws',
  realm: 'realm1',
  anonymousRole: 'anonymous',
  maxMessageSize: 16 * MiB,
  maxQueueBytes: 8 * MiB,
  highWaterBytes: 1 * MiB,
  lowWaterBytes: 256 * 1024,
  slowConsumerTimeoutMs: 10_000,
  openTimeoutMs: 30_000,
  dynamicAuthTimeoutMs: 10_000,
  maxAuthextraDepth: 16,
  maxAuthextraBytes: 16 * 1024,
  maxFailuresPerAuthid: 5,
  maxFailuresPerAddress: 20,
  failureWindowMs: 60_000,
  maxTrackedKeys: 10_000,
  metaApi: 'restricted',
  maxConnections: 10_000,
  maxConnectionsPerIp: 1_000,
  handshakeTimeoutMs: 10_000,
  pingIntervalMs: 30_000,
  pingTimeoutMs: 10_000,
  tcpKeepAliveMs: 60_000,
  maxRegistrationsPerSession: 1_000,
  maxSubscriptionsPerSession: 1_000,
  maxCallsPerSession: 1_000,
  maxTestamentsPerSession: 100,
  maxRetainedTopics: 10_000,
} as const;

const uri = z.string().refine(isLooseUri, {
  message: 'must be a URI (dot-separated, no spaces or #)',
  params: { code: 'invalid_uri' },
});
const port = z.int().min(0).max(65535);
const host = z.string().min(1).default(ROUTER_DEFAULTS.host);
const roleName = z.string().min(1);
const hex32 = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/, 'must be a 32-byte Ed25519 public key in hex (64 characters)');

const tls = z.strictObject({
  /** Path to the PEM certificate (chain), relative to the config file. */
  cert: z.string().min(1),
  /** Path to the PEM private key, relative to the config file. */
  key: z.string().min(1),
});

const webSocketTransport = z.strictObject({
  type: z.literal('websocket'),
  host,
  port: port.default(ROUTER_DEFAULTS.port),
  path: z.string().startsWith('/', 'must start with /').default(ROUTER_DEFAULTS.path),
  tls: tls.optional(),
});

const rawSocketTransport = z.strictObject({
  type: z.literal('rawsocket'),
  host,
  port: port.default(ROUTER_DEFAULTS.rawSocketPort),
});

const wampcraCredential = z.strictObject({
  secret: z.string().min(1),
  /** Present means salted WAMP-CRA: the key is PBKDF2(secret, salt, iterations, keylen). */
  salt: z.string().min(1).optional(),
  iterations: z.int().min(1).max(10_000_000).optional(),
  keylen: z.int().min(1).max(1024).optional(),
});

const user = z.strictObject({
  role: roleName,
  ticket: z.string().min(1).optional(),
  wampcra: wampcraCredential.optional(),
  cryptosign: z.strictObject({ pubkeys: z.array(hex32).min(1) }).optional(),
  /** Realms this user may join; absent: every realm. */
  realms: z.array(uri).min(1).optional(),
});

const dynamicAuth = z.strictObject({
  /** The procedure a trusted session registers; called with `[realm, authid, details]`. */
  procedure: uri,
  /** The realm it is registered in (default: the first realm). */
  realm: uri.optional(),
  /** Methods it answers for. */
  methods: z
    .array(z.enum(['ticket', 'wampcra', 'cryptosign']))
    .min(1)
    .default(['ticket', 'wampcra', 'cryptosign']),
  /** A call unanswered this long fails the login and is cancelled. */
  timeoutMs: z.int().min(1).max(600_000).default(ROUTER_DEFAULTS.dynamicAuthTimeoutMs),
  /** HELLO.Details.authextra nested deeper than this is refused before it is forwarded. */
  maxAuthextraDepth: z.int().min(1).max(64).default(ROUTER_DEFAULTS.maxAuthextraDepth),
  /** HELLO.Details.authextra (and authid) larger than this, measured as JSON text, is refused. */
  maxAuthextraBytes: z
    .int()
    .min(64)
    .max(1024 * 1024)
    .default(ROUTER_DEFAULTS.maxAuthextraBytes),
});

const throttle = z.strictObject({
  /** Failed logins per authid within the window before that authid is refused (0: off). */
  maxFailuresPerAuthid: z.int().min(0).default(ROUTER_DEFAULTS.maxFailuresPerAuthid),
  /** Failed logins per remote address within the window before that address is refused (0: off). */
  maxFailuresPerAddress: z.int().min(0).default(ROUTER_DEFAULTS.maxFailuresPerAddress),
  /** How long a failure counts, from the first failure of its key. */
  windowMs: z.int().min(1).default(ROUTER_DEFAULTS.failureWindowMs),
  /** Most authids plus addresses tracked at once; the oldest entry goes first. */
  maxTrackedKeys: z.int().min(1).max(10_000_000).default(ROUTER_DEFAULTS.maxTrackedKeys),
});

const THROTTLE_DEFAULTS = {
  maxFailuresPerAuthid: ROUTER_DEFAULTS.maxFailuresPerAuthid,
  maxFailuresPerAddress: ROUTER_DEFAULTS.maxFailuresPerAddress,
  windowMs: ROUTER_DEFAULTS.failureWindowMs,
  maxTrackedKeys: ROUTER_DEFAULTS.maxTrackedKeys,
};

const auth = z.strictObject({
  anonymous: z
    .strictObject({ allow: z.boolean().default(true), role: roleName.default(ROUTER_DEFAULTS.anonymousRole) })
    .default({ allow: true, role: ROUTER_DEFAULTS.anonymousRole }),
  users: z.record(z.string().min(1), user).default({}),
  dynamic: dynamicAuth.optional(),
  throttle: throttle.default(THROTTLE_DEFAULTS),
});

const rule = z
  .strictObject({
    uri: z.string(),
    match: z.enum(['exact', 'prefix', 'wildcard']).default('exact'),
    allow: z.array(z.enum(['call', 'register', 'publish', 'subscribe'])).min(1),
  })
  .refine((r) => (r.match === 'exact' ? isLooseUri(r.uri) : isLoosePatternUri(r.uri, r.match)), {
    message: 'uri is not valid for its match policy',
    path: ['uri'],
    params: { code: 'invalid_uri' },
  });

const authorization = z.strictObject({
  /** Rules per role; a role not listed here may do nothing. Absent: every action is allowed. */
  roles: z.record(roleName, z.array(rule)).optional(),
  /** `restricted`: anonymous sessions may not kill, remove or inspect other sessions via the meta API. */
  metaApi: z.enum(['open', 'restricted']).default(ROUTER_DEFAULTS.metaApi),
});

const limits = z.strictObject({
  maxMessageSize: z
    .int()
    .min(512)
    .max(1024 * MiB)
    .default(ROUTER_DEFAULTS.maxMessageSize),
  maxQueueBytes: z.int().min(1024).default(ROUTER_DEFAULTS.maxQueueBytes),
  // Sockets signal 'drain' only past their own 16 KiB mark; a lower high water would rarely release.
  highWaterBytes: z
    .int()
    .min(16 * 1024)
    .default(ROUTER_DEFAULTS.highWaterBytes),
  lowWaterBytes: z.int().min(0).default(ROUTER_DEFAULTS.lowWaterBytes),
  // Delays above 2^31-1 ms would fire after 1 ms in setTimeout: a config error, not a surprise.
  slowConsumerTimeoutMs: z.int().min(1).max(MAX_TIMER_MS).default(ROUTER_DEFAULTS.slowConsumerTimeoutMs),
  /** A connection not welcomed this long after connecting is closed (0: never). */
  openTimeoutMs: z.int().min(0).max(MAX_TIMER_MS).default(ROUTER_DEFAULTS.openTimeoutMs),
  /** Open connections over every listener above which new ones are refused. */
  maxConnections: z.int().min(1).default(ROUTER_DEFAULTS.maxConnections),
  /** Open connections from one remote address above which its new ones are refused. */
  maxConnectionsPerIp: z.int().min(1).default(ROUTER_DEFAULTS.maxConnectionsPerIp),
  /** WebSocket upgrade request / RawSocket handshake deadline after the TCP connect. */
  handshakeTimeoutMs: z.int().min(1).max(MAX_TIMER_MS).default(ROUTER_DEFAULTS.handshakeTimeoutMs),
  /** Keep-alive: ping a connection that sent nothing this long (0: off). */
  pingIntervalMs: z.int().min(0).max(MAX_TIMER_MS).default(ROUTER_DEFAULTS.pingIntervalMs),
  /** Keep-alive: close a pinged connection that answers nothing this long. */
  pingTimeoutMs: z.int().min(1).max(MAX_TIMER_MS).default(ROUTER_DEFAULTS.pingTimeoutMs),
  /** TCP keep-alive initial delay on accepted sockets (0: off). */
  tcpKeepAliveMs: z.int().min(0).max(MAX_TIMER_MS).default(ROUTER_DEFAULTS.tcpKeepAliveMs),
  maxRegistrationsPerSession: z.int().min(1).default(ROUTER_DEFAULTS.maxRegistrationsPerSession),
  maxSubscriptionsPerSession: z.int().min(1).default(ROUTER_DEFAULTS.maxSubscriptionsPerSession),
  /** Calls one session may have in flight as caller. */
  maxCallsPerSession: z.int().min(1).default(ROUTER_DEFAULTS.maxCallsPerSession),
  maxTestamentsPerSession: z.int().min(1).default(ROUTER_DEFAULTS.maxTestamentsPerSession),
  /** Topics with a retained event, per realm; the oldest is evicted beyond it. */
  maxRetainedTopics: z.int().min(1).default(ROUTER_DEFAULTS.maxRetainedTopics),
});

/** The whole `router.json`. */
export const routerConfigSchema = z.strictObject({
  realms: z.array(uri).min(1).default([ROUTER_DEFAULTS.realm]),
  transports: z
    .array(z.discriminatedUnion('type', [webSocketTransport, rawSocketTransport]))
    .min(1)
    .default([
      {
        type: 'websocket',
        host: ROUTER_DEFAULTS.host,
        port: ROUTER_DEFAULTS.port,
        path: ROUTER_DEFAULTS.path,
      },
    ]),
  auth: auth.default({
    anonymous: { allow: true, role: ROUTER_DEFAULTS.anonymousRole },
    users: {},
    throttle: THROTTLE_DEFAULTS,
  }),
  authorization: authorization.optional(),
  limits: limits.default({
    maxMessageSize: ROUTER_DEFAULTS.maxMessageSize,
    maxQueueBytes: ROUTER_DEFAULTS.maxQueueBytes,
    highWaterBytes: ROUTER_DEFAULTS.highWaterBytes,
    lowWaterBytes: ROUTER_DEFAULTS.lowWaterBytes,
    slowConsumerTimeoutMs: ROUTER_DEFAULTS.slowConsumerTimeoutMs,
    openTimeoutMs: ROUTER_DEFAULTS.openTimeoutMs,
    maxConnections: ROUTER_DEFAULTS.maxConnections,
    maxConnectionsPerIp: ROUTER_DEFAULTS.maxConnectionsPerIp,
    handshakeTimeoutMs: ROUTER_DEFAULTS.handshakeTimeoutMs,
    pingIntervalMs: ROUTER_DEFAULTS.pingIntervalMs,
    pingTimeoutMs: ROUTER_DEFAULTS.pingTimeoutMs,
    tcpKeepAliveMs: ROUTER_DEFAULTS.tcpKeepAliveMs,
    maxRegistrationsPerSession: ROUTER_DEFAULTS.maxRegistrationsPerSession,
    maxSubscriptionsPerSession: ROUTER_DEFAULTS.maxSubscriptionsPerSession,
    maxCallsPerSession: ROUTER_DEFAULTS.maxCallsPerSession,
    maxTestamentsPerSession: ROUTER_DEFAULTS.maxTestamentsPerSession,
    maxRetainedTopics: ROUTER_DEFAULTS.maxRetainedTopics,
  }),
});

/** A validated config with every default filled in. */
export type RouterConfig = z.output<typeof routerConfigSchema>;
/** What a user writes: every key optional. */
export type RouterConfigInput = z.input<typeof routerConfigSchema>;
/** One transport entry of a validated config. */
export type TransportConfig = RouterConfig['transports'][number];
/** One user of a validated config. */
export type UserConfig = RouterConfig['auth']['users'][string];
/** One authorization rule of a validated config. */
export type RuleConfig = NonNullable<NonNullable<RouterConfig['authorization']>['roles']>[string][number];
/** The `auth.throttle` section of a validated config. */
export type ThrottleConfig = RouterConfig['auth']['throttle'];
