/**
 * The default library the extractor compiles schemas against: the global types the checker requires,
 * the utility types, and the built-ins schemas name (Date, Uint8Array, Promise, Map, ...), declared with
 * only the members extraction looks at. Parsing and binding it costs a fraction of `lib.es5.d.ts`
 * (about 5 KB against 218 KB), which is most of a cold run's library cost; `lib: 'typescript'` switches
 * back to TypeScript's own es5 and collection libs for schemas that need more.
 */
export const SCHEMA_LIB_FILE_NAME = 'lib.wamp-contracts-schema.d.ts';

/** The text of the schema library. */
export const SCHEMA_LIB_TEXT = `/// <reference no-default-lib="true"/>
interface Object {}
interface Function {}
interface CallableFunction extends Function {}
interface NewableFunction extends Function {}
interface IArguments { length: number; [index: number]: unknown; }
interface String { readonly length: number; }
interface Number {}
interface Boolean {}
interface Symbol {}
interface RegExp { readonly source: string; }
interface Error { name: string; message: string; }
interface Array<T> { length: number; [n: number]: T; }
interface ReadonlyArray<T> { readonly length: number; readonly [n: number]: T; }
interface ConcatArray<T> { readonly length: number; readonly [n: number]: T; }
interface ArrayLike<T> { readonly length: number; readonly [n: number]: T; }
interface TemplateStringsArray extends ReadonlyArray<string> { readonly raw: readonly string[]; }
interface ThisType<T> {}
interface PromiseLike<T> {
  then<A = T, B = never>(
    onfulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): PromiseLike<A | B>;
}
interface Promise<T> {
  then<A = T, B = never>(
    onfulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B>;
}
interface Date { getTime(): number; toISOString(): string; }
interface ArrayBuffer { readonly byteLength: number; }
type ArrayBufferLike = ArrayBuffer;
interface Uint8Array<TArrayBuffer extends ArrayBufferLike = ArrayBufferLike> {
  readonly length: number;
  readonly buffer: TArrayBuffer;
  [index: number]: number;
}
interface Map<K, V> { readonly size: number; get(key: K): V | undefined; }
interface ReadonlyMap<K, V> { readonly size: number; get(key: K): V | undefined; }
interface WeakMap<K, V> { get(key: K): V | undefined; }
interface Set<T> { readonly size: number; has(value: T): boolean; }
interface ReadonlySet<T> { readonly size: number; has(value: T): boolean; }
interface WeakSet<T> { has(value: T): boolean; }
type PropertyKey = string | number | symbol;
type Partial<T> = { [P in keyof T]?: T[P] };
type Required<T> = { [P in keyof T]-?: T[P] };
type Readonly<T> = { readonly [P in keyof T]: T[P] };
type Pick<T, K extends keyof T> = { [P in K]: T[P] };
type Record<K extends keyof any, T> = { [P in K]: T };
type Exclude<T, U> = T extends U ? never : T;
type Extract<T, U> = T extends U ? T : never;
type Omit<T, K extends keyof any> = Pick<T, Exclude<keyof T, K>>;
type NonNullable<T> = T & {};
type Parameters<T extends (...args: any) => any> = T extends (...args: infer P) => any ? P : never;
type ConstructorParameters<T extends abstract new (...args: any) => any> =
  T extends abstract new (...args: infer P) => any ? P : never;
type ReturnType<T extends (...args: any) => any> = T extends (...args: any) => infer R ? R : any;
type InstanceType<T extends abstract new (...args: any) => any> = T extends abstract new (...args: any) => infer R ? R : any;
type Awaited<T> = T extends null | undefined
  ? T
  : T extends object & { then(onfulfilled: infer F, ...args: infer _): any }
    ? F extends (value: infer V, ...args: infer _) => any
      ? Awaited<V>
      : never
    : T;
type Uppercase<S extends string> = intrinsic;
type Lowercase<S extends string> = intrinsic;
type Capitalize<S extends string> = intrinsic;
type Uncapitalize<S extends string> = intrinsic;
type NoInfer<T> = intrinsic;
`;
