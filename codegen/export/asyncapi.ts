/**
 * The ContractModel → an AsyncAPI 3.0 document, seen from the services that implement the contract:
 * each procedure is a request/reply operation the callee receives (CALL in, RESULT, progressive
 * RESULTs or ERRORs back), each topic an operation the publisher sends. Payloads are the JSON
 * Schema export's (runtime/contract-model/json-schema.ts), embedded per message as standalone
 * JSON Schema 2020-12 documents (Multi Format Schema Objects), since AsyncAPI's own schema
 * dialect is draft-07 based and has no `prefixItems`. Pure: no I/O. See docs/export.md.
 */
import {
  type ContractModel,
  contractJsonSchema,
  entryKey,
  JSON_SCHEMA_DIALECT,
  type JsonSchema,
  type JsonSchemaWarning,
  type WireSerializer,
} from 'wamp-contracts/contract-model';

/** The `schemaFormat` of every payload: JSON Schema 2020-12 as JSON. */
export const PAYLOAD_SCHEMA_FORMAT = 'application/schema+json;version=2020-12';

/** Options of {@link contractAsyncApi}. */
export interface AsyncApiOptions {
  /** `info.title` (default `WAMP contract`). */
  readonly title?: string;
  /** `info.version`, the version of the contract (default `0.0.0`). */
  readonly version?: string;
  /** Whose wire form binary values take (see the JSON Schema export). Default `json`. */
  readonly serializer?: WireSerializer;
}

/** The AsyncAPI document and the JSON Schema export's warnings. */
export interface ContractAsyncApi {
  readonly document: JsonSchema;
  readonly warnings: readonly JsonSchemaWarning[];
}

/** A name AsyncAPI accepts as a component or channel key (`^[\w\d.\-_]+$`). */
function safeKey(text: string): string {
  return text.replace(/[^\w.-]/g, '_');
}

/**
 * The AsyncAPI 3.0 document of `model`: one channel per procedure and topic (its `address` is the
 * WAMP URI), one operation each, payloads as JSON Schema 2020-12. Deterministic.
 *
 * @example
 * const { document } = contractAsyncApi(model, { title: 'Weather', version: '1.2.0' });
 */
export function contractAsyncApi(model: ContractModel, options: AsyncApiOptions = {}): ContractAsyncApi {
  const serializer = options.serializer ?? 'json';
  const { schema, warnings } = contractJsonSchema(model, { serializer });
  const defs = schema.$defs as Record<string, JsonSchema>;
  const channels: JsonSchema = {};
  const operations: JsonSchema = {};

  for (const file of model.files) {
    for (const service of file.services) {
      for (const procedure of service.procedures) {
        const key = entryKey('procedure', procedure.uri);
        const entry = defs[key] as JsonSchema;
        const parts = entry.$defs as Record<string, JsonSchema>;
        const channelId = safeKey(`procedure.${procedure.uri}`);
        const messages: JsonSchema = {};
        const call = parts.kwargs === undefined ? 'args' : 'kwargs';
        messages.call = message(`CALL ${procedure.uri}`, [key, call], defs, procedure.docs?.description);
        const replies = [];
        if (parts.result !== undefined || procedure.result.kind === 'void') {
          messages.result =
            parts.result === undefined
              ? { name: 'result', title: `RESULT of ${procedure.uri} (no Arguments)` }
              : message(`RESULT of ${procedure.uri}`, [key, 'result'], defs);
          replies.push('result');
        }
        if (parts.progress !== undefined) {
          messages.progress = message(`Progressive RESULT of ${procedure.uri}`, [key, 'progress'], defs);
          replies.push('progress');
        }
        for (const uri of (entry['x-wamp-errors'] as string[] | undefined) ?? []) {
          const id = safeKey(`error.${uri}`);
          const error = defs[entryKey('error', uri)] as JsonSchema;
          messages[id] =
            error.$defs === undefined
              ? { name: id, title: `ERROR ${uri} (no payload)`, 'x-wamp-uri': uri }
              : { ...message(`ERROR ${uri}`, [entryKey('error', uri), 'payload'], defs), 'x-wamp-uri': uri };
          replies.push(id);
        }
        // The message id is its name too, first, for readers of the document.
        for (const [id, m] of Object.entries(messages)) messages[id] = { name: id, ...(m as JsonSchema) };
        channels[channelId] = channel(procedure.uri, messages, procedure.docs?.description);
        const ref = (id: string) => ({ $ref: `#/channels/${channelId}/messages/${id}` });
        operations[safeKey(`${service.name}.${procedure.name}`)] = {
          action: 'receive',
          channel: { $ref: `#/channels/${channelId}` },
          title: `${service.name}.${procedure.name}`,
          ...(procedure.docs?.description === undefined ? {} : { description: procedure.docs.description }),
          messages: [ref('call')],
          reply: { channel: { $ref: `#/channels/${channelId}` }, messages: replies.map(ref) },
          'x-wamp-uri': procedure.uri,
        };
      }
    }
    for (const topics of file.topics) {
      for (const topic of topics.topics) {
        const channelId = safeKey(`topic.${topic.uri}`);
        const event = {
          name: 'event',
          ...message(`EVENT ${topic.uri}`, [entryKey('topic', topic.uri), 'payload'], defs),
        };
        channels[channelId] = channel(topic.uri, { event }, topic.docs?.description);
        operations[safeKey(`${topics.name}.${topic.name}`)] = {
          action: 'send',
          channel: { $ref: `#/channels/${channelId}` },
          title: `${topics.name}.${topic.name}`,
          ...(topic.docs?.description === undefined ? {} : { description: topic.docs.description }),
          messages: [{ $ref: `#/channels/${channelId}/messages/event` }],
          'x-wamp-uri': topic.uri,
        };
      }
    }
  }

  const document: JsonSchema = {
    asyncapi: '3.0.0',
    info: {
      title: options.title ?? 'WAMP contract',
      version: options.version ?? '0.0.0',
      description: `WAMP procedures and topics. Payloads are JSON Schema 2020-12 of the ${serializer} wire form; see x-wamp-placement for where each travels (Arguments or ArgumentsKw).`,
    },
    defaultContentType: 'application/json',
    channels: sortKeys(channels),
    operations: sortKeys(operations),
  };
  return { document, warnings };
}

function channel(uri: string, messages: JsonSchema, description: string | undefined): JsonSchema {
  return {
    address: uri,
    ...(description === undefined ? {} : { description }),
    messages,
    'x-wamp-uri': uri,
  };
}

/** A message whose payload is the `$defs` entry at `keys`, as a standalone 2020-12 schema. */
function message(
  title: string,
  keys: readonly string[],
  defs: Record<string, JsonSchema>,
  description?: string,
) {
  let part: JsonSchema = defs[keys[0] as string] as JsonSchema;
  for (const key of keys.slice(1)) part = (part.$defs as Record<string, JsonSchema>)[key] as JsonSchema;
  const out: JsonSchema = { title };
  if (description !== undefined) out.description = description;
  out.payload = { schemaFormat: PAYLOAD_SCHEMA_FORMAT, schema: standalone(part, defs) };
  if (typeof part['x-wamp-placement'] === 'string') out['x-wamp-placement'] = part['x-wamp-placement'];
  return out;
}

/** `schema` with the named types it reaches (through `#/$defs/...` references) as its own `$defs`. */
function standalone(schema: JsonSchema, defs: Record<string, JsonSchema>): JsonSchema {
  const reached = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) for (const item of value) visit(item);
    else if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value)) {
        if (k === '$ref' && typeof v === 'string' && v.startsWith('#/$defs/')) {
          const name = decodeURIComponent(v.slice('#/$defs/'.length)).replace(/~1/g, '/').replace(/~0/g, '~');
          if (!reached.has(name) && defs[name] !== undefined) {
            reached.add(name);
            visit(defs[name]);
          }
        } else visit(v);
      }
    }
  };
  visit(schema);
  const out: JsonSchema = { $schema: JSON_SCHEMA_DIALECT, ...schema };
  if (reached.size > 0) out.$defs = Object.fromEntries([...reached].sort().map((name) => [name, defs[name]]));
  return out;
}

function sortKeys(value: JsonSchema): JsonSchema {
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, value[k]]),
  );
}
