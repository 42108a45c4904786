import { describe, expect, it } from 'vitest';
import {
  applyUriNaming,
  isLooseContractUri,
  isStrictContractUri,
} from '../../../../codegen/model/uri-rules.js';

describe('URI naming and rules', () => {
  it.each([
    ['getForecast', 'get_forecast'],
    ['HTTPServerStatus', 'http_server_status'],
    ['v2Ping', 'v2_ping'],
    ['already_snake', 'already_snake'],
    ['kebab-name', 'kebab_name'],
  ])('snake_case turns %s into %s', (name, expected) => {
    expect(applyUriNaming(name, 'snake_case')).toBe(expected);
  });

  it('as-is keeps the member name', () => {
    expect(applyUriNaming('getForecast', 'as-is')).toBe('getForecast');
  });

  it('accepts camelCase under the loose rule only', () => {
    expect([isLooseContractUri('com.x.getA'), isStrictContractUri('com.x.getA')]).toEqual([true, false]);
  });

  it('rejects empty components, whitespace and # under the loose rule', () => {
    expect(['com..a', 'com.a.', 'com a', 'com.#'].map(isLooseContractUri)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
