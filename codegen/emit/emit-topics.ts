import type { TopicsModel } from '../model/contract-model.js';
import { propertyKey, stringLiteral } from './identifiers.js';
import { renderJsDoc } from './jsdoc.js';
import type { ModelIndex } from './model-index.js';
import { templates } from './render.js';
import type { ClientDefaults } from './emit-service.js';
import { type ExprContext, lazyIfCyclic, tsType } from './type-expr.js';
import { type ZodScope, zodExpr } from './zod-expr.js';

/** Renders a topics interface: its runtime description and the `<Name>Client` publish/subscribe client. */
export function emitTopics(
  topics: TopicsModel,
  ctx: ExprContext,
  index: ModelIndex,
  defaults: ClientDefaults,
): string {
  ctx.imports.value(ctx.runtime, 'ContractTopicsClient');
  ctx.imports.value(ctx.runtime, 'z');
  for (const name of [
    'EventContext',
    'Id',
    'PublishOptions',
    'SessionApi',
    'SubscribeOptions',
    'Subscription',
    'TopicsClientOptions',
  ]) {
    ctx.imports.type(ctx.runtime, name);
  }
  const scope: ZodScope = { typeParams: new Map(), indent: '    ' };
  const parts: string[] = [];
  if (!defaults.validateArgs) parts.push('validateArgs: false, ');
  if (!defaults.validateResults) parts.push('validateResults: false, ');
  return templates.topics({
    contractName: `${topics.name}Contract`,
    clientName: `${topics.name}Client`,
    publishName: `${topics.name}Publish`,
    subscribeName: `${topics.name}Subscribe`,
    nameLiteral: stringLiteral(topics.name),
    prefix: stringLiteral(topics.prefix),
    doc: renderJsDoc(topics.docs, '', [
      `Typed events of \`${topics.prefix}\`: \`client.publish.<topic>(payload)\`, \`client.subscribe.<topic>(handler)\`.`,
    ]),
    clientDefaults: parts.join(''),
    topics: topics.topics.map((topic) => ({
      method: propertyKey(topic.name),
      nameLiteral: stringLiteral(topic.name),
      uri: stringLiteral(topic.uri),
      kwargs: topic.kwargs,
      validator: lazyIfCyclic(zodExpr(topic.payload, ctx, scope), [topic.payload], ctx),
      codec: index.hasCodec(topic.payload),
      payloadType: tsType(topic.payload, ctx, '  '),
      doc: renderJsDoc(topic.docs, '  ', [`Topic \`${topic.uri}\`.`]),
    })),
  });
}
