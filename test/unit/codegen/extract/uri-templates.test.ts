import { describe, expect, it } from 'vitest';
import { extractInline, IMPORT } from './extract-inline.js';

const service = (members: string, extra = '') =>
  `${IMPORT}${extra}\nexport interface S extends Service<'com.example.s'> {\n${members}\n}\n`;
const topics = (members: string, extra = '') =>
  `${IMPORT}${extra}\nexport interface T extends Topics<'com.example.t'> {\n${members}\n}\n`;

function extract(source: string, strictUris = false) {
  const result = extractInline({ 'a.ts': source }, strictUris ? { strictUris } : {});
  return {
    model: result.model,
    codes: result.diagnostics.map((d) => d.code),
    diagnostics: result.diagnostics,
  };
}

describe('URI templates in the model', () => {
  it('splits a procedure template into segments and typed components, leaving the payload parameters', () => {
    const { model, codes } = extract(
      service(
        '  /** @uri com.example.s.{region}.room.{roomId}.get */\n  get(region: Region, roomId: RoomId, full?: boolean): string;',
        "export type Region = 'eu' | 'us';\nexport type RoomId = string & { __brand: 'RoomId' };",
      ),
    );
    expect(codes).toEqual([]);
    const procedure = model.files[0]!.services[0]!.procedures[0]!;
    expect(procedure.uri).toBe('com.example.s.{region}.room.{roomId}.get');
    expect(procedure.params.map((p) => p.name)).toEqual(['full']);
    expect(procedure.uriTemplate).toEqual({
      template: 'com.example.s.{region}.room.{roomId}.get',
      segments: [
        { literal: 'com' },
        { literal: 'example' },
        { literal: 's' },
        { component: 'region' },
        { literal: 'room' },
        { component: 'roomId' },
        { literal: 'get' },
      ],
      components: [
        { name: 'region', type: { kind: 'ref', name: 'Region', file: 'a.ts', typeArgs: [] }, numeric: false },
        { name: 'roomId', type: { kind: 'ref', name: 'RoomId', file: 'a.ts', typeArgs: [] }, numeric: false },
      ],
    });
    // The model stays plain JSON.
    expect(JSON.parse(JSON.stringify(model))).toEqual(model);
  });

  it('reads a topic method as a templated topic whose return type is the payload', () => {
    const { model, codes } = extract(
      topics(
        '  /** @uri com.example.t.ticket.{id}.updated */\n  updated(\n    /** @int */\n    id: number,\n  ): { text: string };\n  plain: string;',
      ),
    );
    expect(codes).toEqual([]);
    const [templated, plain] = model.files[0]!.topics[0]!.topics;
    expect(templated?.uriTemplate?.components).toEqual([
      { name: 'id', type: { kind: 'number' }, numeric: true, constraints: { int: true } },
    ]);
    expect(templated?.payload.kind).toBe('object');
    expect(plain?.uriTemplate).toBeUndefined();
  });

  it('accepts string literal unions, template literal types and number literals as components', () => {
    const { codes } = extract(
      service(
        `  /** @uri com.x.{a}.{b}.{c}.get */\n  get(a: 'x' | 'y', b: \`v\${number}\`, c: 1 | 2): void;`,
      ),
    );
    expect(codes).toEqual([]);
  });

  it.each([
    ['boolean', 'boolean', 'only strings'],
    ['a mixed union', "'a' | 1", 'mixes strings and numbers'],
    ['an array', 'string[]', 'only strings'],
    ['an optional string', 'string | undefined', 'only strings'],
  ])('refuses %s as a component type (WC1062)', (_label, type, reason) => {
    const { diagnostics } = extract(service(`  /** @uri com.x.{id}.get */\n  get(id: ${type}): void;`));
    expect(diagnostics.map((d) => d.code)).toEqual(['WC1062']);
    expect(diagnostics[0]?.message).toContain(reason);
  });

  it('refuses an optional component parameter and one out of template order (WC1064)', () => {
    expect(extract(service('  /** @uri com.x.{id}.get */\n  get(id?: string): void;')).codes).toEqual([
      'WC1064',
    ]);
    const swapped = extract(service('  /** @uri com.x.{a}.{b}.get */\n  get(b: string, a: string): void;'));
    expect(swapped.codes).toEqual(['WC1064', 'WC1064']);
  });

  it.each([
    ['an unclosed brace', 'com.x.{id.get'],
    ['a component starting the URI', '{id}.x.get'],
    ['text around a component', 'com.x.id{id}.get'],
  ])('reports %s as a malformed template (WC1060)', (_label, uri) => {
    expect(extract(service(`  /** @uri ${uri} */\n  get(id: string): void;`)).codes).toEqual(['WC1060']);
  });

  it('reports a topic property with components, which has nothing to type them (WC1061)', () => {
    expect(extract(topics('  /** @uri com.t.room.{roomId}.message */\n  message: string;')).codes).toEqual([
      'WC1061',
    ]);
  });

  it('reports a topic method without components, and a topic parameter that is not a component', () => {
    expect(extract(topics('  plain(id: string): string;\n  other: string;')).codes).toEqual(['WC1024']);
    const extra = extract(topics('  /** @uri com.t.{id}.x */\n  x(id: string, other: string): string;'));
    expect(extra.codes).toEqual(['WC1064']);
  });

  it('checks a template against the URI rules with its components filled (WC2003, WC2002, strict WC2004)', () => {
    expect(extract(service('  /** @uri com..{id}.get */\n  get(id: string): void;')).codes).toEqual([
      'WC2003',
    ]);
    expect(extract(service('  /** @uri wamp.{id}.get */\n  get(id: string): void;')).codes).toEqual([
      'WC2002',
    ]);
    // Braces are not what the strict rule judges: only the fixed text is.
    expect(
      extract(service('  /** @uri com.x.{roomId}.get */\n  get(roomId: string): void;'), true).codes,
    ).toEqual([]);
  });

  it('reports templates that can name the same URI as another member (WC2050), and only those', () => {
    const same = extract(
      service(
        '  /** @uri com.x.{a}.get */\n  one(a: string): void;\n  /** @uri com.x.{b}.get */\n  two(b: string): void;',
      ),
    );
    expect(same.codes).toEqual(['WC2050']);
    const apart = extract(
      service(
        '  /** @uri com.x.{a}.get */\n  one(a: string): void;\n  /** @uri com.x.{b}.set */\n  two(b: string): void;\n  /** @uri com.x.get */\n  three(): void;',
      ),
    );
    expect(apart.codes).toEqual([]);
    // A topic and a procedure live in different namespaces.
    const mixed = extract(
      `${service('  /** @uri com.x.{a}.get */\n  one(a: string): void;')}\nexport interface T extends Topics<'com.x'> {\n  /** @uri com.x.lobby.get */\n  t: string;\n}\n`,
    );
    expect(mixed.codes).toEqual([]);
  });
});
