/**
 * Live contracts over real sockets through the embedded router: a generated callee serving
 * `<prefix>._contract`, and generated clients checking it with the wire rules of `diff`.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WeatherImpl } from '../../../examples/weather/service.js';
import type { ContractModel, ServiceModel } from '../../../runtime/contract-model/index.js';
import { type ClientOptions, ContractSkewError } from '../../../runtime/contracts/index.js';
import {
  contractFingerprint,
  fetchLiveContract,
  LiveContractError,
  serviceModel,
} from '../../../runtime/contracts/live/index.js';
import type { Session } from '../../../runtime/index.js';
import { startTestRouter, type TestRouter } from '../../../runtime/testing/index.js';
import { contractModel } from '../../../schemas/generated/_contract-model.js';
import { WeatherClient, WeatherContract } from '../../../schemas/generated/weather.js';
import { editedWeatherClient } from '../../helpers/live-fixtures.js';

let testRouter: TestRouter;
let service: Session;
let client: Session;
let registered: WeatherImpl | undefined;

async function serve(options: { prefix?: string; serveContract?: boolean } = { serveContract: true }) {
  const impl = new WeatherImpl({ readingsPerWatch: 1, readingIntervalMs: 1 });
  await impl.register(service, options);
  registered = impl;
}

/** A Weather client on the test's client session whose own model is `edit` of the generated one. */
const clientWith = (edit: (service: ServiceModel) => ServiceModel, options: ClientOptions = {}) =>
  editedWeatherClient(client, edit, options);

const withExtraProcedure = (s: ServiceModel): ServiceModel => ({
  ...s,
  procedures: [...s.procedures, { ...s.procedures[0]!, name: 'gone', uri: `${s.prefix}.gone` }],
});

beforeAll(async () => {
  testRouter = await startTestRouter();
  service = await testRouter.connect();
  client = await testRouter.connect();
});

afterEach(async () => {
  await registered?.unregister();
  registered = undefined;
});

afterAll(async () => {
  await Promise.allSettled([client.leave(), service.leave()]);
  await testRouter.close();
});

describe('serving a contract', () => {
  it('answers <prefix>._contract with the service subset of the model and its fingerprint', async () => {
    await serve();
    const live = await fetchLiveContract(client, 'com.example.weather');
    const expected = serviceModel(contractModel, {
      name: 'Weather',
      file: 'schemas/weather.ts',
      topics: true,
    })!;
    expect(live.service).toBe('Weather');
    expect(live.model).toEqual(expected);
    expect(live.fingerprint).toBe(await contractFingerprint(expected));
    // The subset holds the service, the file's topics under its prefix, their types and errors; no other service.
    expect(live.model!.files.map((f) => f.path)).toEqual(['schemas/weather.ts']);
    const file = live.model!.files[0]!;
    expect(file.services.map((s) => s.name)).toEqual(['Weather']);
    expect(file.topics.map((t) => t.name)).toEqual(['WeatherEvents']);
    expect(file.types.map((t) => t.name).sort()).toEqual(['Forecast', 'Reading', 'Summary', 'WeatherAlert']);
    expect(file.errors.map((e) => e.name).sort()).toEqual(['UnknownCity', 'UnknownStation']);
  });

  it('answers the JSON Schema on request, and only the fingerprint when asked for it', async () => {
    await serve();
    const schema = await fetchLiveContract(client, 'com.example.weather', { format: 'jsonschema' });
    expect(schema.model).toBeUndefined();
    expect(JSON.stringify(schema.jsonSchema)).toContain('com.example.weather.getForecast');
    const fp = await fetchLiveContract(client, 'com.example.weather', { format: 'fingerprint' });
    expect(fp.fingerprint).toBe(schema.fingerprint);
    expect(fp.model).toBeUndefined();
  });

  it('is off unless asked for', async () => {
    await serve({});
    const error = await fetchLiveContract(client, 'com.example.weather').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LiveContractError);
    expect((error as LiveContractError).code).toBe('live.not_served');
  });

  it('serves under the mounted prefix, with the URIs rewritten to it', async () => {
    await serve({ prefix: 'com.example.mounted', serveContract: true });
    const live = await fetchLiveContract(client, 'com.example.mounted');
    const uris = live.model!.files.flatMap((f) => f.services.flatMap((s) => s.procedures.map((p) => p.uri)));
    expect(uris).toContain('com.example.mounted.getForecast');
    expect(uris.every((u) => u.startsWith('com.example.mounted.'))).toBe(true);
    const check = await new WeatherClient(client, { prefix: 'com.example.mounted' }).checkContract();
    expect(check.status).toBe('compatible');
  });

  it('unregisters the contract procedure with the service', async () => {
    await serve();
    await registered!.unregister();
    registered = undefined;
    await expect(fetchLiveContract(client, 'com.example.weather')).rejects.toMatchObject({
      code: 'live.not_served',
    });
  });
});

describe('checkContract', () => {
  it('reports compatible with equal fingerprints for the same generated contract', async () => {
    await serve();
    const check = await new WeatherClient(client).checkContract();
    expect(check).toMatchObject({
      status: 'compatible',
      service: 'Weather',
      uri: 'com.example.weather._contract',
    });
    expect(check.liveFingerprint).toBe(check.fingerprint);
    expect(check.findings).toEqual([]);
  });

  it('reports a procedure the callee does not register as WCD100 (procedure removed)', async () => {
    await serve();
    const check = await clientWith(withExtraProcedure).checkContract();
    expect(check.status).toBe('incompatible');
    expect(check.liveFingerprint).not.toBe(check.fingerprint);
    expect(check.findings.map((f) => [f.rule, f.category, f.subject])).toEqual([
      ['WCD100', 'WIRE_CONSUMER', 'com.example.weather.gone'],
    ]);
  });

  it('ignores what only breaks an older callee: a procedure the client lacks', async () => {
    await serve();
    const check = await clientWith((s) => ({ ...s, procedures: s.procedures.slice(1) })).checkContract();
    expect(check.status).toBe('compatible');
    expect(check.findings).toEqual([]);
  });

  it('says not-served when the callee does not serve its contract', async () => {
    await serve({});
    const check = await new WeatherClient(client).checkContract();
    expect(check).toMatchObject({ status: 'not-served', findings: [] });
    expect(check.liveFingerprint).toBeUndefined();
  });

  it('rejects a well-formed answer whose model is malformed with live.invalid_answer, not a TypeError', async () => {
    // A peer at the contract URI: a valid envelope, a model whose types are null where nodes belong.
    const served = serviceModel(contractModel, { name: 'Weather' });
    const broken = JSON.parse(
      JSON.stringify(served, (k, v) =>
        k === 'type' && typeof v === 'object' && v?.kind === 'string' ? null : v,
      ),
    ) as ContractModel;
    const registration = await service.register(`${WeatherContract.prefix}._contract`, () => ({
      protocol: 'wamp-contracts.live/1',
      service: 'Weather',
      prefix: WeatherContract.prefix,
      fingerprint: `sha256:${'0'.repeat(64)}`,
      model: broken,
    }));
    try {
      const error = await new WeatherClient(client).checkContract().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(LiveContractError);
      expect((error as LiveContractError).code).toBe('live.invalid_answer');
      expect((error as Error).message).toMatch(/is not a usable contract model/);
    } finally {
      await registration.unregister();
    }
  });
});

describe('checkContract on first use', () => {
  it("'throw' fails calls with ContractSkewError when the live contract is incompatible", async () => {
    await serve();
    const weather = clientWith(withExtraProcedure, { checkContract: 'throw' });
    const error = await weather.rpc.getForecast('Paris').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractSkewError);
    expect((error as ContractSkewError).check.findings[0]?.rule).toBe('WCD100');
    await expect(weather.rpc.getForecast('Paris')).rejects.toBeInstanceOf(ContractSkewError);
  });

  it('a callback receives the check once and the calls go on', async () => {
    await serve();
    const checks: string[] = [];
    const weather = new WeatherClient(client, { checkContract: (c) => checks.push(c.status) });
    const [a, b] = await Promise.all([weather.rpc.getForecast('Paris'), weather.rpc.getForecast('Oslo')]);
    expect([a.city, b.city]).toEqual(['Paris', 'Oslo']);
    expect(checks).toEqual(['compatible']);
  });
});
