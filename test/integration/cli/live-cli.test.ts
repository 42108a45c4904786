/**
 * `inspect`, `call`, `subscribe` and `publish` against the embedded router on 127.0.0.1, with the
 * weather callee serving its contract.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCall } from '../../../codegen/cli/commands/call.js';
import { runInspect } from '../../../codegen/cli/commands/inspect.js';
import { runPublish } from '../../../codegen/cli/commands/publish.js';
import { runSubscribe } from '../../../codegen/cli/commands/subscribe.js';
import { WeatherImpl } from '../../../examples/weather/service.js';
import type { InvocationContext, Session } from '../../../runtime/index.js';
import { type ChatMessage, ChatRoomsCallee, type RoomId } from '../../../schemas/generated/chat.js';
import { startTestRouter, type TestRouter } from '../../../runtime/testing/index.js';
import { until } from '../../helpers/timing.js';
import { capturingIo } from '../../helpers/live-fixtures.js';

let testRouter: TestRouter;
let service: Session;
let url: string;
const histories: [string, number | undefined][] = [];

/** A chat room callee: `history` answers one message per call, and records what it was asked. */
class Rooms extends ChatRoomsCallee {
  history(roomId: RoomId, limit: number | undefined, _context: InvocationContext): ChatMessage[] {
    histories.push([roomId, limit]);
    return [{ author: 'ada', text: `hello ${roomId}`, sentAt: new Date(0) }];
  }
}

const io = capturingIo;

beforeAll(async () => {
  testRouter = await startTestRouter();
  url = testRouter.url;
  service = await testRouter.connect();
  await new WeatherImpl({ readingsPerWatch: 3, readingIntervalMs: 1 }).register(service, {
    serveContract: true,
  });
  await service.register('com.plain.echo', (args) => args[0]);
  await new Rooms().register(service, { serveContract: true });
});

afterAll(async () => {
  await service.leave();
  await testRouter.close();
});

describe('inspect', () => {
  it('lists each serving service with its fingerprint, procedures and topics, then the others', async () => {
    const out = io();
    expect(await runInspect([url, '--realm', 'realm1'], out)).toBe(0);
    const text = out.stdout.join('\n');
    expect(text).toMatch(/^Weather {2}com\.example\.weather {2}sha256:[0-9a-f]{64}$/m);
    expect(text).toContain('  procedure  com.example.weather.getForecast');
    expect(text).toContain('  topic      com.example.weather.alert');
    expect(text).toContain('registered without a contract:\n  procedure  com.plain.echo');
    expect(text).not.toContain('._contract');
  });

  it('prints JSON with --format json', async () => {
    const out = io();
    expect(await runInspect([url, '--format', 'json'], out)).toBe(0);
    const parsed = JSON.parse(out.stdout.join('\n')) as {
      services: { service: string; procedures: string[] }[];
      procedures: string[];
    };
    expect(parsed.services.map((s) => s.service)).toEqual(['ChatRooms', 'Weather']);
    expect(parsed.services.find((s) => s.service === 'Weather')!.procedures).toHaveLength(3);
    expect(parsed.procedures).toEqual(['com.plain.echo']);
  });

  it('exits 2 with live.connect_failed when nothing listens', async () => {
    const out = io();
    expect(await runInspect(['ws://127.0.0.1:1/ws'], out)).toBe(2);
    expect(out.stderr.join('\n')).toContain('live.connect_failed');
  });
});

describe('call', () => {
  it('prints the result as one JSON line', async () => {
    const out = io();
    expect(await runCall([url, 'com.example.weather.getForecast', '["Paris", 2]'], out)).toBe(0);
    expect(JSON.parse(out.stdout[0]!)).toMatchObject({ city: 'Paris' });
    expect(out.stderr).toEqual([]);
  });

  it('streams progressive results before the final one', async () => {
    const out = io();
    const code = await runCall([url, 'com.example.weather.watchStation', '["harbor"]'], out);
    expect(out.stderr).toEqual([]);
    expect(code).toBe(0);
    expect(out.stdout).toHaveLength(4);
    expect(JSON.parse(out.stdout[0]!)).toMatchObject({ stationId: 'harbor' });
    expect(JSON.parse(out.stdout[3]!)).toMatchObject({ count: 3 });
  });

  it('sends a kwargs procedure its object as ArgumentsKw', async () => {
    const out = io();
    expect(
      await runCall([url, 'com.example.weather.setAlertLevel', '{"region":"north","level":2}'], out),
    ).toBe(0);
    expect(out.stdout).toEqual(['null']);
  });

  it('refuses arguments that do not fit the live contract with exit 4, sending nothing', async () => {
    const out = io();
    expect(await runCall([url, 'com.example.weather.getForecast', '[42]'], out)).toBe(4);
    expect(out.stderr).toEqual([
      'wamp-contracts call: live.contract_mismatch: com.example.weather.getForecast: arguments refused by the live contract at com.example.weather._contract:\n' +
        '  city: Invalid input: expected string, received number',
    ]);
    const few = io();
    expect(await runCall([url, 'com.example.weather.getForecast', '[]'], few)).toBe(4);
    expect(few.stderr.join('\n')).toContain('takes 1 to 2 argument(s) (city, days?), got 0');
    const kw = io();
    expect(await runCall([url, 'com.example.weather.setAlertLevel', '{"level":2}'], kw)).toBe(4);
    expect(kw.stderr.join('\n')).toContain('  region: Invalid input: expected string, received undefined');
  });

  it('checks the whole payload as the generated callee does: constraints, literals, unknown keys', async () => {
    const days = io();
    expect(await runCall([url, 'com.example.weather.getForecast', '["Paris", 20]'], days)).toBe(4);
    expect(days.stderr.join('\n')).toContain('  days: Too big: expected number to be <=14');
    const frac = io();
    expect(await runCall([url, 'com.example.weather.getForecast', '["Paris", 1.5]'], frac)).toBe(4);
    expect(frac.stderr.join('\n')).toContain('  days: Invalid input: expected int, received number');
    const many = io();
    const bad = '{"region": 7, "level": 4, "extra": true}';
    expect(await runCall([url, 'com.example.weather.setAlertLevel', bad], many)).toBe(4);
    expect(many.stderr.join('\n').split('\n').slice(1)).toEqual([
      '  region: Invalid input: expected string, received number',
      '  level: Invalid option: expected one of 1|2|3',
    ]);
    const extra = io();
    const unknown = '{"region": "north", "level": 2, "extra": true}';
    expect(await runCall([url, 'com.example.weather.setAlertLevel', unknown], extra)).toBe(4);
    expect(extra.stderr.join('\n')).toContain('  (root): Unrecognized key: "extra"');
  });

  it('reads a null in a positional gap as an absent optional parameter, as the callee does', async () => {
    const out = io();
    expect(await runCall([url, 'com.example.weather.getForecast', '["Paris", null]'], out)).toBe(0);
    expect(JSON.parse(out.stdout[0]!)).toMatchObject({ city: 'Paris' });
  });

  it('with --no-check sends what it is given, and the callee refuses it with its own issues', async () => {
    const out = io();
    expect(await runCall([url, 'com.example.weather.getForecast', '["Paris", 20]', '--no-check'], out)).toBe(
      3,
    );
    expect(out.stderr.join('\n')).toContain('error wamp.error.invalid_argument');
    expect(out.stderr.join('\n')).toContain('"path":[1]');
  });

  it('prints a typed error with its URI and payload and exits 3', async () => {
    const out = io();
    expect(await runCall([url, 'com.example.weather.getForecast', '["Atlantis"]'], out)).toBe(3);
    expect(out.stderr.join('\n')).toContain(
      'error com.example.weather.unknown_city {"args":[],"kwargs":{"city":"Atlantis"}}',
    );
  });

  it('calls a procedure without a contract unchecked, saying so', async () => {
    const out = io();
    expect(await runCall([url, 'com.plain.echo', '["hi"]'], out)).toBe(0);
    expect(out.stdout).toEqual(['"hi"']);
    expect(out.stderr.join('\n')).toContain('no contract declares com.plain.echo; arguments sent unchecked');
  });

  it('checks against local schemas with --schemas', async () => {
    const out = io();
    expect(
      await runCall([url, 'com.example.weather.getForecast', '[1]', '--schemas', 'schemas/weather.ts'], out),
    ).toBe(4);
    expect(out.stderr.join('\n')).toContain(
      'arguments refused by --schemas schemas/weather.ts:\n  city: Invalid input: expected string, received number',
    );
  });

  it('reads "\\u0000<base64>" as binary, checks it and sends it as binary (msgpack), and prints binary results that way', async () => {
    const peer = await testRouter.connect();
    await peer.register('com.example.attachments.upload', (args) => ({
      owner: args[1],
      price: 1,
      // Echoed only when it arrived as binary: a string here would make the result not fit.
      data: args[0] instanceof Uint8Array ? args[0] : 'not binary',
      uploadedAt: '2026-01-02T03:04:05Z',
      key: 'file-a',
      version: 'v1.2',
      color: 'red',
      priority: 10,
    }));
    try {
      const schemas = ['--schemas', 'test/fixtures/schemas/special.ts', '--serializer', 'msgpack'];
      const out = io();
      expect(
        await runCall([url, 'com.example.attachments.upload', '["\\u0000AAEC", "u1"]', ...schemas], out),
      ).toBe(0);
      expect(out.stderr).toEqual([]);
      // The result is checked (data is binary) and printed as the JSON serializer writes binary.
      expect(JSON.parse(out.stdout[0]!)).toMatchObject({ owner: 'u1', data: '\u0000AAEC' });
      const text = io();
      expect(await runCall([url, 'com.example.attachments.upload', '["AAEC", "u1"]', ...schemas], text)).toBe(
        4,
      );
      expect(text.stderr.join('\n')).toContain('  data: Invalid input: expected Uint8Array');
    } finally {
      await peer.leave();
    }
  });

  it('exits 1 on bad usage and bad JSON', async () => {
    expect(await runCall([url], io())).toBe(1);
    const out = io();
    expect(await runCall([url, 'com.plain.echo', '[oops'], out)).toBe(1);
    expect(out.stderr.join('\n')).toContain('live.usage: the arguments is not JSON');
  });
});

describe('publish and subscribe', () => {
  it('subscribe prints checked events published by publish, and stops after --count', async () => {
    const sub = io();
    const running = runSubscribe([url, 'com.example.weather.alert', '--count', '2'], sub);
    await until(() => sub.stderr.some((l) => l.includes('subscribed to')));
    const alert = { region: 'north', level: 2, message: 'wind' };
    const pub = io();
    expect(await runPublish([url, 'com.example.weather.alert', JSON.stringify(alert)], pub)).toBe(0);
    expect(JSON.parse(pub.stdout[0]!)).toHaveProperty('publication');
    // An event that does not fit the contract is still shown, with a note.
    await service.publish('com.example.weather.alert', [{ region: 'x' }]);
    expect(await running).toBe(0);
    expect(sub.stdout.map((l) => JSON.parse(l))).toEqual([alert, { region: 'x' }]);
    expect(sub.stderr.join('\n')).toContain(
      'event does not fit the contract:\n  level: Invalid option: expected one of 1|2|3\n  message: Invalid input: expected string, received undefined',
    );
  });

  it('publish refuses a payload that does not fit with exit 4, listing each problem', async () => {
    const out = io();
    expect(await runPublish([url, 'com.example.weather.alert', '"just text"'], out)).toBe(4);
    expect(out.stderr.join('\n')).toContain('  (root): Invalid input: expected object, received string');
    const deep = io();
    expect(await runPublish([url, 'com.example.weather.alert', '{"region":"n","level":5}'], deep)).toBe(4);
    expect(deep.stderr.join('\n').split('\n').slice(1)).toEqual([
      '  level: Invalid option: expected one of 1|2|3',
      '  message: Invalid input: expected string, received undefined',
    ]);
  });

  it('publish sends properties a subscriber does not know, saying it ignores them', async () => {
    const out = io();
    const alert = { region: 'n', level: 1, message: 'm', colour: 'red' };
    expect(await runPublish([url, 'com.example.weather.alert', JSON.stringify(alert)], out)).toBe(0);
    expect(out.stderr).toEqual([
      'wamp-contracts publish: a generated subscriber ignores (root): Unrecognized key: "colour"',
    ]);
  });

  it('subscribe ends with 0 when stopped', async () => {
    const controller = new AbortController();
    const sub = io(controller.signal);
    const running = runSubscribe([url, 'com.example.weather.alert'], sub);
    await until(() => sub.stderr.some((l) => l.includes('subscribed to')));
    controller.abort();
    expect(await running).toBe(0);
  });
});

describe('@uri templates', () => {
  it('call matches a concrete URI to its template and sends it', async () => {
    histories.length = 0;
    const out = io();
    expect(await runCall([url, 'com.example.chat.room.general.history', '[5]'], out)).toBe(0);
    expect(out.stderr).toEqual([]);
    expect(JSON.parse(out.stdout[0]!)).toEqual([
      { author: 'ada', text: 'hello general', sentAt: '1970-01-01T00:00:00.000Z' },
    ]);
    expect(histories).toEqual([['general', 5]]);
  });

  it('call checks the arguments of a templated procedure against its parameters', async () => {
    histories.length = 0;
    const out = io();
    expect(await runCall([url, 'com.example.chat.room.general.history', '[500]'], out)).toBe(4);
    expect(out.stderr).toEqual([
      'wamp-contracts call: live.contract_mismatch: com.example.chat.room.general.history (com.example.chat.room.{roomId}.history): arguments refused by the live contract at com.example.chat._contract:\n' +
        '  limit: Too big: expected number to be <=100',
    ]);
    expect(histories).toEqual([]);
  });

  it('call refuses a component that is not a URI component, naming it', async () => {
    const out = io();
    expect(await runCall([url, 'com.example.chat.room.a#b.history', '[]'], out)).toBe(4);
    expect(out.stderr.join('\n')).toContain(
      `  {roomId}: "a#b" is not a URI component (non-empty, no '.', '#' or whitespace)`,
    );
  });

  it('publish checks a templated topic, its components and its payload (Date, lengths)', async () => {
    const sub = io();
    const running = runSubscribe([url, 'com.example.chat.room.general.message', '--count', '1'], sub);
    await until(() => sub.stderr.some((l) => l.includes('subscribed to')));
    const message = { author: 'ada', text: 'hi', sentAt: '2026-01-02T03:04:05Z' };
    const pub = io();
    expect(
      await runPublish([url, 'com.example.chat.room.general.message', JSON.stringify(message)], pub),
    ).toBe(0);
    expect(pub.stderr).toEqual([]);
    expect(await running).toBe(0);
    expect(sub.stdout.map((l) => JSON.parse(l))).toEqual([message]);
    expect(sub.stderr).toEqual([
      'wamp-contracts subscribe: subscribed to com.example.chat.room.general.message',
    ]);

    const bad = io();
    const wrong = { author: '', text: 'hi', sentAt: 'yesterday' };
    expect(await runPublish([url, 'com.example.chat.room.general.message', JSON.stringify(wrong)], bad)).toBe(
      4,
    );
    expect(bad.stderr.join('\n').split('\n')).toEqual([
      'wamp-contracts publish: live.contract_mismatch: com.example.chat.room.general.message (com.example.chat.room.{roomId}.message): payload refused by the live contract at com.example.chat._contract:',
      '  author: Too small: expected string to have >=1 characters',
      '  sentAt: Invalid ISO datetime',
    ]);
  });

  it('a URI of the template shape with no component values left is still refused', async () => {
    const out = io();
    expect(await runPublish([url, 'com.example.chat.room..message', '{}'], out)).toBe(4);
    expect(out.stderr.join('\n')).toContain('  {roomId}: "" is not a URI component');
  });
});

describe('a live contract from a hostile or broken peer', () => {
  const location = { file: 'evil.ts', line: 1, column: 1 };
  /** A peer serving `answer` at com.evil._contract, and counting calls to com.evil.proc. */
  async function evilPeer(model: unknown, answer?: unknown) {
    const peer = await testRouter.connect();
    let calls = 0;
    await peer.register(
      'com.evil._contract',
      () =>
        answer ?? {
          protocol: 'wamp-contracts.live/1',
          service: 'Evil',
          prefix: 'com.evil',
          fingerprint: `sha256:${'0'.repeat(64)}`,
          model,
        },
    );
    await peer.register('com.evil.proc', () => ++calls);
    await peer.register('com.evil.topic.echo', () => 'unused');
    return { peer, calls: () => calls };
  }
  const procedureWith = (type: unknown) => ({
    modelVersion: 2,
    files: [
      {
        path: 'evil.ts',
        topics: [
          {
            name: 'EvilEvents',
            prefix: 'com.evil',
            location,
            topics: [{ name: 'news', uri: 'com.evil.news', payload: type, kwargs: false, location }],
          },
        ],
        errors: [],
        types: [],
        services: [
          {
            name: 'Evil',
            prefix: 'com.evil',
            location,
            procedures: [
              {
                name: 'proc',
                uri: 'com.evil.proc',
                params: [{ name: 'x', type, optional: false }],
                kwargs: false,
                result: { kind: 'unknown' },
                throws: [],
                location,
              },
            ],
          },
        ],
      },
    ],
  });

  it('refuses to check with a contract nested beyond the bound: exit 6, nothing sent', async () => {
    let deep: unknown = { kind: 'string' };
    for (let i = 0; i < 100; i++) deep = { kind: 'array', element: deep };
    const { peer, calls } = await evilPeer(procedureWith(deep));
    try {
      const out = io();
      expect(await runCall([url, 'com.evil.proc', '["x"]'], out)).toBe(6);
      expect(out.stderr).toEqual([
        'wamp-contracts call: live.contract_unusable: the live contract at com.evil._contract cannot be used to check: a type is nested deeper than 64 levels (--no-check sends without checking)',
      ]);
      expect(calls()).toBe(0);
      // --no-check is the way past it.
      const sent = io();
      expect(await runCall([url, 'com.evil.proc', '["x"]', '--no-check'], sent)).toBe(0);
      expect(calls()).toBe(1);
    } finally {
      await peer.leave();
    }
  });

  it('call shows a result that does not fit the contract, with its problems on stderr (exit 0)', async () => {
    // com.evil.proc answers a number (its call count); this contract says a string.
    const model = procedureWith({ kind: 'string' });
    const procedure = model.files[0]!.services[0]!.procedures[0]!;
    procedure.result = { kind: 'string' };
    const { peer } = await evilPeer(model);
    try {
      const out = io();
      expect(await runCall([url, 'com.evil.proc', '["x"]'], out)).toBe(0);
      expect(out.stdout).toEqual(['1']);
      expect(out.stderr).toEqual([
        'wamp-contracts call: the result does not fit the contract:\n  (root): Invalid input: expected string, received number',
      ]);
    } finally {
      await peer.leave();
    }
  });

  it('refuses a malformed model and an answer that is not a live contract with exit 6', async () => {
    const broken = await evilPeer(procedureWith({ kind: 'object', properties: 'nope' }));
    try {
      const out = io();
      expect(await runCall([url, 'com.evil.proc', '["x"]'], out)).toBe(6);
      expect(out.stderr.join('\n')).toContain('cannot be used to check: object properties is not a list');
    } finally {
      await broken.peer.leave();
    }
    const garbage = await evilPeer(undefined, { protocol: 'something/9' });
    try {
      const out = io();
      expect(await runCall([url, 'com.evil.proc', '["x"]'], out)).toBe(6);
      expect(out.stderr.join('\n')).toContain(
        'live.contract_unusable: the live contract at com.evil._contract cannot be used to check: the answer of com.evil._contract is not wamp-contracts.live/1',
      );
      expect(garbage.calls()).toBe(0);
    } finally {
      await garbage.peer.leave();
    }
  });

  it('subscribe prints events unchecked, saying so once, when the contract is unusable', async () => {
    const { peer } = await evilPeer(procedureWith({ kind: 'template', parts: 7 }));
    try {
      const sub = io();
      const running = runSubscribe([url, 'com.evil.news', '--count', '1'], sub);
      await until(() => sub.stderr.some((l) => l.includes('subscribed to')));
      await peer.publish('com.evil.news', ['hello']);
      expect(await running).toBe(0);
      expect(sub.stdout).toEqual(['"hello"']);
      expect(sub.stderr[0]).toBe(
        'wamp-contracts subscribe: the live contract at com.evil._contract cannot be used to check: template parts is not a list (--no-check sends without checking); events are not checked',
      );
    } finally {
      await peer.leave();
    }
  });
});
