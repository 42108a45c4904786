/**
 * Files `wamp-contracts init` writes, as string constants (the build compiles `.ts` only, so
 * templates cannot live in separate asset files).
 */

/** Where the example contract goes, relative to the package. */
export const EXAMPLE_SCHEMA_PATH = 'schemas/greeter.ts';

/** The example contract: a service with one procedure and a typed error, and one topic. */
export const EXAMPLE_SCHEMA = `/**
 * An example contract written by \`wamp-contracts init\`: edit it or replace it, then run \`npm run gen\`.
 * The schema language is described in docs/schema-language.md of the wamp-contracts package.
 */
import type { Service, Topics, WampError } from 'wamp-contracts/schema';

/** A greeting for one person. */
export interface Greeting {
  text: string;
  /** @format date-time */
  at: string;
}

/** The name is not allowed. */
export type NameRefused = WampError<'com.example.greeter.name_refused', { name: string }>;

/** Greets people. */
export interface Greeter extends Service<'com.example.greeter'> {
  /**
   * Greets one person.
   * @param name who to greet
   * @throws NameRefused
   */
  greet(/** @minLength 1 @maxLength 64 */ name: string): Greeting;
}

/** Greeter events. */
export interface GreeterEvents extends Topics<'com.example.greeter'> {
  /** Someone was greeted (topic com.example.greeter.greeted). */
  greeted: Greeting;
}
`;

/** The configuration file `gen` reads (same format as docs/cli.md describes). */
export const CONFIG_PATH = 'wamp-contracts.config.json';

/** The default configuration: every schema under `schemas/`, output in `schemas/generated`. */
export const CONFIG = {
  schemas: 'schemas/*.ts',
  out: 'schemas/generated',
} as const;

/** The npm script `init` adds. */
export const GEN_SCRIPT = 'wamp-contracts gen';

/** What to do after `init`, printed at the end. */
export function nextSteps(options: {
  needsInstall: boolean;
  needsGenerator: boolean;
  wroteExample: boolean;
  /** Where wamp-contracts is installed, relative to the package (hoisted in a workspace). */
  packagePath: string;
}): string {
  const pkg = options.packagePath;
  const steps: string[] = [];
  if (options.needsInstall) steps.push('npm install wamp-contracts                  # the runtime');
  if (options.needsGenerator)
    steps.push('npm install --save-dev @wamp-contracts/codegen   # the generator (gen, diff, export)');
  steps.push('npm run gen            # writes typed code to schemas/generated/');
  if (options.wroteExample) {
    steps.push(
      [
        'implement the service, e.g. src/greeter-service.ts:',
        "       import { GreeterCallee, NameRefusedError } from '../schemas/generated/index.js';",
        '       export class GreeterImpl extends GreeterCallee {',
        '         greet(name: string) {',
        "           if (name === 'nobody') throw new NameRefusedError({ name });",
        "           return { text: 'Hello, ' + name, at: new Date().toISOString() };",
        '         }',
        '       }',
      ].join('\n'),
      'npx wamp-contracts router   # in another terminal: a router on ws://127.0.0.1:8080/ws',
      [
        'run it: npx wamp-contracts run ./dist/greeter-service.js#GreeterImpl   (the compiled service)',
        '       or from source, with a TypeScript loader such as tsx:',
        `       node --import tsx ${pkg}/bin/wamp-contracts.js run ./src/greeter-service.ts#GreeterImpl`,
      ].join('\n'),
      `call it: new GreeterClient(session).rpc.greet("Ada")  (see ${pkg}/docs/generated-api.md)`,
    );
  }
  return ['Next steps:', ...steps.map((s, i) => `  ${i + 1}. ${s}`)].join('\n');
}
