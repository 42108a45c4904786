import { beforeAll, describe, expect, it } from 'vitest';
import type { ExtractResult } from '../../../../codegen/extract/index.js';
import { extractFixtures, fileOf, typeOf } from './fixture-model.js';
import { arr, B, lit, N, NULL, obj, opt, prop, ref, S, UNDEFINED, union } from './model-builders.js';

let result: ExtractResult;
beforeAll(() => {
  result = extractFixtures();
});

describe('type constructs (test/fixtures/schemas)', () => {
  it('extracts the fixtures without diagnostics', () => {
    expect(result.diagnostics).toEqual([]);
  });

  it('lists files sorted by path, including imported type-only files', () => {
    expect(result.model.files.map((f) => f.path.replace('test/fixtures/schemas/', ''))).toEqual([
      'constraints.ts',
      'cycle-a.ts',
      'cycle-b.ts',
      'generics.ts',
      'objects.ts',
      'primitives.ts',
      'recursive.ts',
      'services.ts',
      'shared-types.ts',
      'special.ts',
      'streams.ts',
      'topics.ts',
      'unions.ts',
      'uri-templates.ts',
    ]);
  });

  it('converts primitives, null, literals and literal unions', () => {
    expect(typeOf(result, 'primitives', 'Primitives').type).toEqual(
      obj(
        prop('text', S),
        prop('count', N),
        prop('flag', B),
        prop('nothing', NULL),
        prop('maybeText', union(S, NULL)),
        prop('exactly', lit('exact')),
        prop('answer', lit(42)),
        prop('yes', lit(true)),
        prop('sky', union(lit('sun'), lit('cloud'), lit('rain'))),
        prop('level', union(lit(1), lit(2), lit(3))),
      ),
    );
  });

  it('keeps optional (?) distinct from | undefined', () => {
    expect(typeOf(result, 'primitives', 'Optionals').type).toEqual(
      obj(
        opt('absentAllowed', S),
        prop('undefinedAllowed', union(S, UNDEFINED)),
        opt('both', union(N, UNDEFINED)),
      ),
    );
  });

  it('converts arrays, readonly arrays and tuples with labels, optional and rest elements', () => {
    expect(typeOf(result, 'primitives', 'Collections').type).toEqual(
      obj(
        prop('names', arr(S)),
        prop('scores', arr(N)),
        prop('frozen', { kind: 'array', element: S, readonly: true }),
        prop('alsoFrozen', { kind: 'array', element: B, readonly: true }),
        prop('point', {
          kind: 'tuple',
          elements: [
            { type: N, optional: false, rest: false },
            { type: N, optional: false, rest: false },
          ],
        }),
        prop('labelled', {
          kind: 'tuple',
          elements: [
            { type: N, optional: false, rest: false, name: 'x' },
            { type: N, optional: false, rest: false, name: 'y' },
            { type: S, optional: true, rest: false, name: 'label' },
          ],
        }),
        prop('headAndRest', {
          kind: 'tuple',
          elements: [
            { type: S, optional: false, rest: false },
            { type: N, optional: false, rest: true },
          ],
        }),
        prop('matrix', arr(arr(N))),
      ),
    );
  });

  it('refers to nested and imported interfaces by name and keeps inline objects inline', () => {
    expect(typeOf(result, 'objects', 'Customer').type).toEqual(
      obj(
        prop('id', S),
        prop('address', ref('shared-types', 'Address'), { docs: { description: 'The delivery address.' } }),
        prop('contact', obj(prop('email', S), opt('phone', S))),
        prop('tags', arr(S), { readonly: true }),
      ),
    );
  });

  it('adds imported named types to the file that declares them', () => {
    expect(fileOf(result, 'shared-types').types.map((t) => [t.name, t.type])).toEqual([
      ['Address', obj(prop('street', S), prop('city', S), opt('postcode', S))],
      ['Audited', obj(prop('createdBy', S), prop('version', N))],
    ]);
  });

  it('converts Record and index signatures to records', () => {
    expect(typeOf(result, 'objects', 'Lookups').type).toEqual(
      obj(
        prop('byId', { kind: 'record', key: S, value: ref('objects', 'Customer') }),
        prop('bySky', { kind: 'record', key: union(lit('sun'), lit('rain')), value: N }),
        prop('counts', { kind: 'record', key: S, value: N }),
      ),
    );
  });

  it('merges an intersection of object types into one object', () => {
    const merged = typeOf(result, 'objects', 'AuditedCustomer').type;
    expect(merged.kind).toBe('object');
    expect(merged.kind === 'object' && merged.properties.map((p) => p.name)).toEqual([
      'id',
      'address',
      'contact',
      'tags',
      'createdBy',
      'version',
    ]);
  });

  it('distributes an intersection over a union into a discriminated union of merged objects', () => {
    const address = [prop('street', S), prop('city', S), opt('postcode', S)];
    expect(typeOf(result, 'objects', 'Tagged').type).toEqual({
      kind: 'union',
      members: [
        obj(...address, prop('kind', lit('home'))),
        obj(...address, prop('kind', lit('work')), prop('company', S)),
      ],
      discriminant: 'kind',
    });
  });

  it('resolves mapped and utility types into plain objects', () => {
    expect(typeOf(result, 'objects', 'Patches').type).toEqual(
      obj(
        prop('partial', obj(opt('street', S), opt('city', S), opt('postcode', S))),
        prop('picked', obj(prop('id', S), prop('tags', arr(S), { readonly: true }))),
        prop('omitted', obj(prop('street', S), prop('city', S))),
        prop('required', obj(prop('street', S), prop('city', S), prop('postcode', S))),
        prop('frozen', obj(prop('createdBy', S, { readonly: true }), prop('version', N, { readonly: true }))),
        prop('flags', obj(prop('a', B), prop('b', B))),
      ),
    );
  });

  it('detects a discriminated union of inline objects', () => {
    expect(typeOf(result, 'unions', 'Shape').type).toEqual({
      kind: 'union',
      members: [
        obj(prop('type', lit('circle')), prop('radius', N)),
        obj(prop('type', lit('square')), prop('side', N)),
        obj(prop('type', lit('rect')), prop('width', N), prop('height', N)),
      ],
      discriminant: 'type',
    });
  });

  it('detects a discriminated union of named interfaces', () => {
    expect(typeOf(result, 'unions', 'NamedShape').type).toEqual({
      kind: 'union',
      members: [ref('unions', 'Circle'), ref('unions', 'Square')],
      discriminant: 'kind',
    });
  });

  it('keeps plain unions without a discriminant', () => {
    expect(typeOf(result, 'unions', 'Primitive').type).toEqual(union(S, N, B));
    expect(typeOf(result, 'unions', 'Contact').type).toEqual(
      union(obj(prop('email', S)), obj(prop('phone', S))),
    );
  });

  it('converts a generic interface with type parameters', () => {
    const page = typeOf(result, 'generics', 'Page');
    expect(page.typeParams).toEqual(['T']);
    expect(page.type).toEqual(obj(prop('items', arr({ kind: 'typeParam', name: 'T' })), opt('next', S)));
  });

  it('converts a generic alias with a defaulted parameter', () => {
    const generic = typeOf(result, 'generics', 'Result');
    expect(generic.typeParams).toEqual(['T', 'E']);
    expect(generic.type).toEqual({
      kind: 'union',
      members: [
        obj(prop('ok', lit(true)), prop('value', { kind: 'typeParam', name: 'T' })),
        obj(prop('ok', lit(false)), prop('error', { kind: 'typeParam', name: 'E' })),
      ],
      discriminant: 'ok',
    });
  });

  it('instantiates generic named types with type arguments, filling defaults', () => {
    const [list, find, counts] = fileOf(result, 'generics').services[0]?.procedures ?? [];
    expect(list?.result).toEqual(ref('generics', 'Page', [ref('generics', 'User')]));
    expect(find?.result).toEqual(ref('generics', 'Result', [ref('generics', 'User'), S]));
    expect(counts?.result).toEqual(ref('generics', 'Result', [N, obj(prop('code', N))]));
  });

  it('marks directly and mutually recursive types', () => {
    const flags = fileOf(result, 'recursive').types.map((t) => [t.name, t.recursive]);
    expect(flags).toEqual([
      ['TreeNode', true],
      ['Folder', true],
      ['Entry', true],
      ['Json', true],
    ]);
    expect(typeOf(result, 'recursive', 'TreeNode').type).toEqual(
      obj(prop('name', S), prop('children', arr(ref('recursive', 'TreeNode')))),
    );
  });

  it('does not mark non-recursive types', () => {
    expect(typeOf(result, 'objects', 'Customer').recursive).toBe(false);
  });

  it('converts a recursive union with an index signature', () => {
    const json = ref('recursive', 'Json');
    expect(typeOf(result, 'recursive', 'Json').type).toEqual(
      union(S, N, B, NULL, arr(json), { kind: 'record', key: S, value: json }),
    );
  });

  it('converts branded primitives', () => {
    expect(typeOf(result, 'special', 'UserId').type).toEqual({ kind: 'brand', base: S, brand: 'UserId' });
    expect(typeOf(result, 'special', 'Cents').type).toEqual({ kind: 'brand', base: N, brand: 'Cents' });
  });

  it('converts string and numeric enums', () => {
    expect(typeOf(result, 'special', 'Color').type).toEqual({
      kind: 'enum',
      name: 'Color',
      members: [
        { name: 'Red', value: 'red' },
        { name: 'Green', value: 'green' },
      ],
    });
    expect(typeOf(result, 'special', 'Priority').type).toEqual({
      kind: 'enum',
      name: 'Priority',
      members: [
        { name: 'Low', value: 0 },
        { name: 'High', value: 10 },
      ],
    });
  });

  it('converts Uint8Array, Date, template literals and enum refs', () => {
    expect(typeOf(result, 'special', 'Attachment').type).toEqual(
      obj(
        prop('owner', ref('special', 'UserId')),
        prop('price', ref('special', 'Cents')),
        prop('data', { kind: 'binary' }),
        prop('uploadedAt', { kind: 'date' }),
        prop('key', { kind: 'template', parts: ['file-', S] }),
        prop('version', { kind: 'template', parts: ['v', N, '.', N] }),
        prop('color', ref('special', 'Color')),
        prop('priority', ref('special', 'Priority')),
      ),
    );
  });

  it('reads constraint tags on properties', () => {
    const signUp = typeOf(result, 'constraints', 'SignUp').type;
    const constraints = signUp.kind === 'object' ? signUp.properties.map((p) => [p.name, p.constraints]) : [];
    expect(constraints).toEqual([
      ['login', { minLength: 3, maxLength: 32, pattern: '^[a-z][a-z0-9_]*$' }],
      ['email', { format: 'email' }],
      ['age', { int: true, minimum: 13 }],
      ['locale', { default: 'en' }],
      ['roles', { minLength: 1, maxLength: 5 }],
      ['mail', undefined],
      ['legacy', undefined],
      ['completion', undefined],
    ]);
  });

  it('reads @deprecated with and without text, and descriptions', () => {
    const signUp = typeOf(result, 'constraints', 'SignUp').type;
    const docs =
      signUp.kind === 'object' ? Object.fromEntries(signUp.properties.map((p) => [p.name, p.docs])) : {};
    expect(docs.mail).toEqual({ description: 'Use `email` instead.', deprecated: 'since 2.0' });
    expect(docs.legacy).toEqual({ deprecated: '' });
    expect(docs.login).toEqual({ description: 'The login name.' });
  });

  it('reads constraint tags on a named type alias', () => {
    const percent = typeOf(result, 'constraints', 'Percent');
    expect([percent.type, percent.constraints]).toEqual([N, { minimum: 0, maximum: 100 }]);
  });

  it('reads constraints on parameters from JSDoc on the parameter', () => {
    const available = fileOf(result, 'constraints').services[0]?.procedures[1];
    expect(available?.params).toEqual([
      {
        name: 'login',
        type: S,
        optional: false,
        docs: { description: 'the name to check' },
        constraints: { minLength: 3, maxLength: 32 },
      },
      { name: 'suggestions', type: N, optional: true, constraints: { int: true, minimum: 1, default: 5 } },
    ]);
  });

  it('records where a named type is declared', () => {
    expect(typeOf(result, 'primitives', 'Primitives').location).toEqual({
      file: 'test/fixtures/schemas/primitives.ts',
      line: 5,
      column: 18,
    });
  });
});
