/**
 * Explicit `undefined` for an optional property (`{ limit: undefined }`) type-checks without
 * `exactOptionalPropertyTypes`, but the generated validators, like the wire, know only present or
 * absent. On the way out such a property is read as absent: when validation fails and the value
 * holds one, it is validated again without them. The common path pays nothing.
 */

/** True for `{}` literals and `Object.create(null)` dicts (not Dates, arrays, bytes or class instances). */
function isDict(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** True when a dict anywhere in `value` has a property whose value is `undefined`. */
export function hasUndefinedProperty(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(hasUndefinedProperty);
  if (!isDict(value)) return false;
  for (const key in value) {
    const item = value[key];
    if (item === undefined || hasUndefinedProperty(item)) return true;
  }
  return false;
}

/** A copy of `value` whose dicts lack the properties that held `undefined`; arrays keep every element. */
export function withoutUndefined(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (!isDict(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key in value) {
    const item = value[key];
    if (item !== undefined) {
      Object.defineProperty(out, key, {
        value: withoutUndefined(item),
        writable: true,
        enumerable: true,
        configurable: true,
      });
    }
  }
  return out;
}
