import type { TopicModel, TopicsModel } from '../model/contract-model.js';
import { type Emitted, typeExport, valueExport } from './emitted.js';
import { propertyKey, stringLiteral } from './identifiers.js';
import { renderJsDoc } from './jsdoc.js';
import type { ModelIndex } from './model-index.js';
import { templates } from './render.js';
import type { ClientDefaults } from './emit-service.js';
import { type ExprContext, lazyIfCyclic, tsType, useZ } from './type-expr.js';
import { type ZodScope, zodExpr } from './zod-expr.js';
import { freeName, templateView } from './emit-uri-template.js';

/**
 * Renders a topics interface: its runtime description (with its schema file and the model loader,
 * for `checkContract()`) and the `<Name>Client` publish/subscribe client.
 */
export function emitTopics(
  topics: TopicsModel,
  ctx: ExprContext,
  index: ModelIndex,
  defaults: ClientDefaults,
  modelModule: string,
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
  const templated = topics.topics.some((t) => t.uriTemplate !== undefined);
  if (templated) ctx.imports.value(ctx.runtime, 'createUriTemplate');
  const subscribeAllName = templated ? `${topics.name}SubscribeAll` : '';
  const text = templates.topics({
    contractName,
    clientName,
    publishName,
    subscribeName,
    subscribeAllName,
    nameLiteral: stringLiteral(topics.name),
    prefix: stringLiteral(topics.prefix),
    file: stringLiteral(ctx.file),
    modelModule: stringLiteral(modelModule),
    templated,
    doc: renderJsDoc(topics.docs, '', [
      `Typed events of \`${topics.prefix}\`: \`client.publish.<topic>(payload)\`, \`client.subscribe.<topic>(handler)\`.`,
    ]),
    clientDefaults: parts.join(''),
    topics: topics.topics.map((topic) => topicView(topic, ctx, index, scope)),
  });
  return {
    text,
    exports: [
      valueExport(contractName),
      typeExport(publishName),
      typeExport(subscribeName),
      ...(templated ? [typeExport(subscribeAllName)] : []),
      valueExport(clientName),
    ],
  };
}

// A topic with URI components takes them first in publish and subscribe; its handler also gets them.
function topicView(topic: TopicModel, ctx: ExprContext, index: ModelIndex, scope: ZodScope) {
  const template = templateView(topic.uriTemplate, ctx, scope);
  const taken = template?.names ?? [];
  const payloadType = tsType(topic.payload, ctx, '  ');
  const payloadName = freeName('payload', taken);
  const optionsName = freeName('options', taken);
  const names = topic.uriTemplate?.components.map((c) => `\`${c.name}\``).join(', ') ?? '';
  return {
    method: propertyKey(topic.name),
    nameLiteral: stringLiteral(topic.name),
    uri: stringLiteral(topic.uri),
    kwargs: topic.kwargs,
    validator: lazyIfCyclic(zodExpr(topic.payload, ctx, scope), [topic.payload], ctx),
    codec: index.hasCodec(topic.payload),
    components: template?.contract ?? '',
    publishParams: [
      ...(template?.params ?? []),
      `${payloadName}: ${payloadType}`,
      `${optionsName}?: PublishOptions`,
    ].join(', '),
    leadParams: template?.params ?? [],
    handlerName: freeName('handler', taken),
    // With components the handler's signature is long: one parameter per line, as a formatter writes it.
    handlerType: template
      ? `(\n      payload: ${payloadType},\n      components: ${template.recordType},\n      context: EventContext,\n    ) => unknown`
      : `(payload: ${payloadType}, context: EventContext) => unknown`,
    optionsName,
    doc: renderJsDoc(topic.docs, '  ', [
      template ? `Topic \`${topic.uri}\` for the given ${names} (an exact URI).` : `Topic \`${topic.uri}\`.`,
    ]),
    allDoc: renderJsDoc(topic.docs, '  ', [
      `Topic \`${topic.uri}\` for every ${names}: a wildcard subscription; the handler gets the components parsed from the event's topic.`,
    ]),
  };
}
