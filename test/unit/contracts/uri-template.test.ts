import { describe, expect, it } from 'vitest';
import {
  ContractCallee,
  ContractClient,
  ContractTopicsClient,
  createUriTemplate,
  INVALID_URI_COMPONENT,
  type ServiceContract,
  type SessionApi,
  type TopicsContract,
  z,
} from '../../../runtime/contracts/index.js';
import { ErrorUri } from '../../../runtime/protocol/uris.js';
import { isWampError, type WampError } from '../../../runtime/protocol/wamp-error.js';

const rooms = createUriTemplate('com.example.{region}.room.{roomId}.message', [
  { name: 'region', schema: z.enum(['eu', 'us']) },
  { name: 'roomId', schema: z.string() },
]);
const tickets = createUriTemplate('com.example.ticket.{id}', [
  { name: 'id', schema: z.number().min(0), numeric: true },
]);

function thrown(run: () => unknown): WampError {
  try {
    run();
  } catch (error) {
    if (isWampError(error)) return error;
    throw error;
  }
  throw new Error('expected a throw');
}

describe('URI templates at run time', () => {
  it('derives the wildcard pattern with every component empty', () => {
    expect(rooms.wildcard).toBe('com.example..room..message');
    expect(tickets.wildcard).toBe('com.example.ticket.');
  });

  it('formats and parses back several components in template order', () => {
    const uri = rooms.format(['eu', 'Lobby-1']);
    expect(uri).toBe('com.example.eu.room.Lobby-1.message');
    expect(rooms.parse(uri)).toEqual(['eu', 'Lobby-1']);
  });

  it('writes numeric components as canonical integers and reads them back as numbers', () => {
    expect(tickets.format([-0])).toBe('com.example.ticket.0');
    expect(tickets.parse('com.example.ticket.120')).toEqual([120]);
  });

  it.each([
    ['a dot', 'a.b'],
    ['an empty string', ''],
    ['a space', 'a b'],
    ['a tab', 'a\tb'],
    ['a hash', 'a#b'],
  ])('refuses to format a component with %s', (_label, value) => {
    const error = thrown(() => rooms.format(['eu', value]));
    expect(error.uri).toBe(ErrorUri.INVALID_ARGUMENT);
    expect(error.kwargs.issues).toEqual([
      expect.objectContaining({ code: INVALID_URI_COMPONENT, path: ['roomId'] }),
    ]);
  });

  it('refuses values of the wrong type, including a fraction or an unsafe integer for a numeric component', () => {
    expect(thrown(() => rooms.format(['mars', 'x'])).uri).toBe(ErrorUri.INVALID_ARGUMENT);
    expect(thrown(() => rooms.format(['eu', 5])).uri).toBe(ErrorUri.INVALID_ARGUMENT);
    expect(thrown(() => tickets.format([1.5])).uri).toBe(ErrorUri.INVALID_ARGUMENT);
    expect(thrown(() => tickets.format([2 ** 60])).uri).toBe(ErrorUri.INVALID_ARGUMENT);
  });

  it.each([
    ['another literal', 'com.example.eu.hall.r1.message'],
    ['fewer components', 'com.example.eu.room.message'],
    ['more components', 'com.example.eu.room.r1.x.message'],
    ['an empty component', 'com.example.eu.room..message'],
    ['a component outside its type', 'com.example.mars.room.r1.message'],
  ])('refuses to parse a URI with %s', (_label, uri) => {
    expect(thrown(() => rooms.parse(uri)).uri).toBe(ErrorUri.INVALID_ARGUMENT);
  });

  it.each(['1e3', '01', '1.5', '+1', ' 1', '99999999999999999999', 'abc'])(
    'refuses %j as a numeric component',
    (text) => {
      expect(thrown(() => tickets.parse(`com.example.ticket.${text}`)).uri).toBe(ErrorUri.INVALID_ARGUMENT);
    },
  );

  it('refuses a missing concrete URI (a router that does not name it)', () => {
    expect(String(thrown(() => rooms.parse(undefined)).args[0])).toContain('did not name the concrete URI');
  });

  it('rejects a template that disagrees with its components', () => {
    expect(() => createUriTemplate('a.{x}', [])).toThrow(TypeError);
    expect(() => createUriTemplate('a.b', [{ name: 'x', schema: z.string() }])).toThrow(TypeError);
  });
});

describe('URI templates of contracts', () => {
  const components = [{ name: 'roomId', schema: z.string() }];
  const service: ServiceContract = {
    name: 'Rooms',
    prefix: 'com.example.room',
    procedures: [
      {
        name: 'get',
        uri: 'com.example.room.{roomId}.get',
        components,
        params: 0,
        kwargs: false,
        args: z.tuple([]),
        codec: false,
      },
    ],
  };
  const topics: TopicsContract = {
    name: 'RoomEvents',
    prefix: 'com.example.room',
    topics: [
      {
        name: 'joined',
        uri: 'com.example.room.{roomId}.joined',
        components,
        kwargs: false,
        payload: z.string(),
        codec: false,
      },
    ],
  };
  // Nothing is sent: the template is built when the client or the handler is set up.
  const session = {} as SessionApi;
  type Methods = Record<string, (...args: unknown[]) => unknown>;
  class Client extends ContractClient<Methods> {}
  class Events extends ContractTopicsClient<Methods, Methods> {}

  it('builds them with the factory the contract passes (generated code passes createUriTemplate)', () => {
    const client = new Client(session, {
      ...service,
      uriTemplate: createUriTemplate,
    });
    expect(typeof client.rpc.get).toBe('function');
  });

  it('refuses a contract with components but no uriTemplate, naming the member', async () => {
    const message =
      /Rooms\.get has URI components but the contract has no uriTemplate: run `wamp-contracts gen` again/;
    expect(() => new Client(session, service)).toThrow(message);
    expect(() => new Events(session, topics)).toThrow(
      /RoomEvents\.joined has URI components but the contract has no uriTemplate/,
    );
    class Rooms extends ContractCallee {
      get(): void {}
    }
    await expect(new Rooms(service).register(session)).rejects.toThrow(message);
  });
});
