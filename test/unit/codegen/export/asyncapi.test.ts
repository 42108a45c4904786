/**
 * The AsyncAPI export is a valid AsyncAPI 3.0 document (checked against the official schema of
 * `@asyncapi/specs` with ajv), and its payloads are the JSON Schema export's, usable on their own.
 */
import specs from '@asyncapi/specs';
import { Ajv } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { contractAsyncApi, PAYLOAD_SCHEMA_FORMAT } from '../../../../codegen/export/asyncapi.js';
import { extractContracts } from '../../../../codegen/extract/index.js';
import { WAMP_SCHEMA_KEYWORDS } from '../../../../runtime/contract-model/index.js';
import { fixtureFiles, ROOT } from '../../../golden/golden-cases.js';

const model = extractContracts({ root: ROOT, files: fixtureFiles(), naming: 'as-is' }).model;
const { document, warnings } = contractAsyncApi(model, { title: 'Fixtures', version: '1.2.3' });

// biome-ignore lint/suspicious/noExplicitAny: a JSON document read by path in assertions.
type Json = Record<string, any>;
const doc = document as Json;

/** The official AsyncAPI 3.0.0 JSON Schema (draft-07), compiled once. */
function asyncApiValidator() {
  // The spec bundles the draft-07 meta-schema under its own definitions; ajv's copy would clash with it.
  const ajv = new Ajv({ strict: false, allErrors: true, meta: false, validateSchema: false });
  formats.default(ajv);
  return ajv.compile(specs.schemas['3.0.0'] as object);
}
const validateAsyncApi = asyncApiValidator();

function payloadValidator(schema: object) {
  const ajv = new Ajv2020({ strict: true, strictTuples: false });
  formats.default(ajv);
  ajv.addVocabulary([...WAMP_SCHEMA_KEYWORDS]);
  return ajv.compile(schema);
}

describe('AsyncAPI 3.0 export', () => {
  it('is valid against the official AsyncAPI 3.0.0 schema', () => {
    const ok = validateAsyncApi(document);
    expect(validateAsyncApi.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(warnings).toEqual([]);
  });

  it('is refused by the same validator when a required part is missing (the check is not vacuous)', () => {
    const { info: _info, ...withoutInfo } = doc;
    expect(validateAsyncApi(withoutInfo)).toBe(false);
    const badAction = structuredClone(doc);
    badAction.operations['Weather.getForecast'].action = 'call';
    expect(validateAsyncApi(badAction)).toBe(false);
  });

  it('describes a procedure as a request/reply operation the callee receives, on a channel at its URI', () => {
    const op = doc.operations['Weather.getForecast'];
    expect(op.action).toBe('receive');
    expect(op.channel).toEqual({ $ref: '#/channels/procedure.com.example.weather.getForecast' });
    expect(op.messages).toEqual([
      { $ref: '#/channels/procedure.com.example.weather.getForecast/messages/call' },
    ]);
    expect(op.reply.messages.map((m: Json) => m.$ref.split('/').pop())).toEqual([
      'result',
      'error.com.example.weather.unknown_city',
      'error.com.example.weather.busy',
    ]);
    expect(doc.channels['procedure.com.example.weather.getForecast'].address).toBe(
      'com.example.weather.getForecast',
    );
    expect(doc.info).toMatchObject({ title: 'Fixtures', version: '1.2.3' });
  });

  it('lists progressive results as a reply message and uses the @uri of a procedure and topic', () => {
    const watch = doc.operations['Weather.watchStation'];
    expect(watch.reply.messages.map((m: Json) => m.$ref.split('/').pop())).toEqual(['result', 'progress']);
    expect(doc.channels['procedure.com.example.legacy.ping_v1'].address).toBe('com.example.legacy.ping_v1');
    expect(doc.channels['topic.com.example.weather.legacy.tick'].address).toBe(
      'com.example.weather.legacy.tick',
    );
  });

  it('describes a topic as an operation the publisher sends', () => {
    const op = doc.operations['WeatherEvents.alert'];
    expect(op.action).toBe('send');
    expect(op.channel).toEqual({ $ref: '#/channels/topic.com.example.weather.alert' });
    const event = doc.channels['topic.com.example.weather.alert'].messages.event;
    expect(event['x-wamp-placement']).toBe('args[0]');
    expect(doc.channels['topic.com.example.weather.stationAdded'].messages.event['x-wamp-placement']).toBe(
      'kwargs',
    );
  });

  it('embeds each payload as a standalone JSON Schema 2020-12 document that validates wire payloads', () => {
    const call = doc.channels['procedure.com.example.weather.getForecast'].messages.call.payload;
    expect(call.schemaFormat).toBe(PAYLOAD_SCHEMA_FORMAT);
    const args = payloadValidator(call.schema);
    expect(args(['Paris'])).toBe(true);
    expect(args(['Paris', null])).toBe(true);
    expect(args([])).toBe(false);
    expect(args(['Paris', 3, 4])).toBe(false);
    // A payload that reaches named types carries them (here recursively) in its own $defs.
    const folder = payloadValidator(
      doc.channels['procedure.com.example.tree.folder'].messages.result.payload.schema,
    );
    expect(folder({ name: 'f', entries: [{ kind: 'folder', folder: { name: 'g', entries: [] } }] })).toBe(
      true,
    );
    expect(folder({ name: 'f', entries: [{ kind: 'folder', folder: { name: 'g' } }] })).toBe(false);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(contractAsyncApi(model, { title: 'Fixtures', version: '1.2.3' }).document)).toBe(
      JSON.stringify(document),
    );
  });
});
