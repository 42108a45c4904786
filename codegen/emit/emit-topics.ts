import type { TopicsModel } from '../model/contract-model.js';
import { type Emitted, typeExport, valueExport } from './emitted.js';
import { propertyKey, stringLiteral } from './identifiers.js';
import { renderJsDoc } from './jsdoc.js';
import type { ModelIndex } from './model-index.js';
import { templates } from './render.js';
import type { ClientDefaults } from './emit-service.js';
import { type ExprContext, lazyIfCyclic, tsType, useZ } from './type-expr.js';
import { type ZodScope, zodExpr } from './zod-expr.js';

/** Renders a topics interface: its runtime description and the `<Name>Client` publish/subscribe client. */
export function emitTopics(
  topics: TopicsModel,
  ctx: ExprContext,
  index: ModelIndex,
  defaults: ClientDefaults,
): Emitted {
  ctx.imports.value(ctx.runtime, 'ContractTopicsClient');
  useZ(ctx);
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
  const contractName = `${topics.name}Contract`;
  const publishName = `${topics.name}Publish`;
  const subscribeName = `${topics.name}Subscribe`;
  const clientName = `${topics.name}Client`;
  const text = templates.topics({
    contractName,
    clientName,
    publishName,
    subscribeName,
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
  return {
    text,
    exports: [
      valueExport(contractName),
      typeExport(publishName),
      typeExport(subscribeName),
      valueExport(clientName),
    ],
  };
}
