/**
 * Handlebars templates of generated modules, kept as TypeScript string constants so that they ship in
 * `dist/` with the compiled code (the build compiles only `.ts`). Templates lay out text; every
 * identifier, literal, JSDoc block and import is produced by a helper before it gets here.
 */

/** One generated module. */
export const FILE_TEMPLATE = `{{header}}
{{#if imports}}
{{imports}}
{{/if}}
{{#each sections}}

{{this}}
{{/each}}
`;

/** A named type: its TypeScript type and its validator. */
export const NAMED_TYPE_TEMPLATE = `{{doc}}{{declaration}}
/** Validates {{ref name}}. */
export const {{schema}} = {{validator}};`;

/** A typed error class and its registration. */
export const ERROR_TEMPLATE = `{{#if payloadType}}{{payloadDoc}}export type {{payloadName}} = {{payloadType}};
/** Validates {{ref payloadName}}. */
export const {{payloadSchema}} = {{payloadValidator}};

{{/if}}{{doc}}export class {{className}} extends ContractError<{{#if payloadType}}{{payloadName}}{{else}}undefined{{/if}}> {
  /** The error URI. */
  static readonly uri = {{uri}};
  /** The class name, kept through minifiers that rename classes. */
  static override readonly errorName = '{{className}}';

{{#if payloadType}}
  constructor(payload: {{payloadName}}, options?: ErrorOptions) {
    super({{className}}.uri, payload, {{payloadSchema}}, {{placement}}, options);
  }
{{else}}
  constructor(options?: ErrorOptions) {
    super({{className}}.uri, undefined, undefined, 'none', options);
  }
{{/if}}
}
registerContractError({{className}}, {{#if payloadType}}{{payloadSchema}}{{else}}undefined{{/if}}, {{placement}});`;

/**
 * A service: its runtime description, the caller proxy and the abstract callee base class. The
 * description is not written `satisfies ServiceContract`: it is checked where it is passed to the base
 * classes, and relating every zod schema to the contract type a second time cost ~10 % of tsc's time.
 */
export const SERVICE_TEMPLATE = `/** Runtime description of the {{ref clientName}} / {{ref calleeName}} contract. */
export const {{contractName}} = {
  name: {{nameLiteral}},
  prefix: {{prefix}},
  file: {{file}},
  model: () => import({{modelModule}}).then((m) => m.contractModel),
{{#if templated}}
  uriTemplate: createUriTemplate,
{{/if}}
  procedures: [
{{#each procedures}}
    {
      name: {{nameLiteral}},
      uri: {{uri}},
{{#if components}}
      components: {{components}},
{{/if}}
{{#if calleeMethodField}}
      method: {{calleeMethodField}},
{{/if}}
      params: {{paramCount}},
      kwargs: {{kwargs}},
      args: {{argsValidator}},
{{#if resultValidator}}
      result: {{resultValidator}},
{{/if}}
{{#if progressValidator}}
      progress: {{progressValidator}},
{{/if}}
{{#if inputValidator}}
      input: {{inputValidator}},
{{/if}}
      codec: {{codec}},
{{#if errorsGetter}}
      get errors() {
        return {{errors}};
      },
{{else if errors}}
      errors: {{errors}},
{{/if}}
    },
{{/each}}
  ],
} as const;

{{doc}}export interface {{rpcName}} {
{{#each procedures}}
{{doc}}  {{method}}({{clientParams}}): {{clientReturn}};
{{/each}}
}

{{classDoc}}export class {{clientName}} extends ContractClient<{{rpcName}}> {
  constructor(session: SessionApi, options: ClientOptions = {}) {
    super(session, {{contractName}}, { {{clientDefaults}}...options });
  }
}

{{calleeDoc}}export abstract class {{calleeName}} extends ContractCallee {
  constructor() {
    super({{contractName}});
  }
{{#each procedures}}

{{doc}}  abstract {{calleeMethod}}({{calleeParams}}): {{calleeReturn}};
{{/each}}
}`;

/** A topics interface: its runtime description and the typed publish/subscribe client. */
export const TOPICS_TEMPLATE = `/** Runtime description of the {{ref clientName}} contract. */
export const {{contractName}} = {
  name: {{nameLiteral}},
  prefix: {{prefix}},
  file: {{file}},
  model: () => import({{modelModule}}).then((m) => m.contractModel),
{{#if templated}}
  uriTemplate: createUriTemplate,
{{/if}}
  topics: [
{{#each topics}}
    { name: {{nameLiteral}}, uri: {{uri}}, kwargs: {{kwargs}}, payload: {{validator}}, codec: {{codec}}{{#if components}}, components: {{components}}{{/if}} },
{{/each}}
  ],
} as const;

/** Typed publishers of {{ref clientName}}: each validates the payload before sending. */
export interface {{publishName}} {
{{#each topics}}
{{doc}}  {{method}}({{publishParams}}): Promise<Id | undefined>;
{{/each}}
}

/** Typed subscribers of {{ref clientName}}: invalid events go to \`onEventError\`, never to the handler. */
export interface {{subscribeName}} {
{{#each topics}}
{{doc}}  {{method}}(
{{#each leadParams}}
    {{this}},
{{/each}}
    {{handlerName}}: {{handlerType}},
    {{optionsName}}?: SubscribeOptions,
  ): Promise<Subscription>;
{{/each}}
}
{{#if subscribeAllName}}

/** Subscriptions of {{ref clientName}} to every instance of a topic with URI components (one wildcard subscription each). */
export interface {{subscribeAllName}} {
{{#each topics}}
{{#if components}}
{{allDoc}}  {{method}}(
    {{handlerName}}: {{handlerType}},
    {{optionsName}}?: SubscribeOptions,
  ): Promise<Subscription>;
{{/if}}
{{/each}}
}
{{/if}}

{{doc}}export class {{clientName}} extends ContractTopicsClient<{{publishName}}, {{subscribeName}}{{#if subscribeAllName}}, {{subscribeAllName}}{{/if}}> {
  constructor(session: SessionApi, options: TopicsClientOptions = {}) {
    super(session, {{contractName}}, { {{clientDefaults}}...options });
  }
}`;
