import type { TypeScript } from './typescript.js';
import type { TopicModel } from '../model/contract-model.js';
import type { UriNaming } from '../model/uri-rules.js';
import type { ConvertScope } from './convert-scope.js';
import { convertType } from './convert-type.js';
import type { ExtractContext } from './extract-context.js';
import { extractParams, isKwargsObject, memberUri } from './extract-procedure.js';
import { isUriTemplate, readUriTemplate } from './extract-uri-template.js';
import { readMemberDocs } from './member-docs.js';

/** No type parameters in scope (contracts are concrete). */
const NO_PARAMS: ReadonlySet<string> = new Set();

/**
 * A topic with URI components, declared as a method: its parameters type the components of its
 * `@uri` template and its return type is the payload, e.g.
 * `@uri com.example.chat.room.{roomId}.message` on `message(roomId: RoomId): ChatMessage`.
 */
export function extractTemplateTopic(
  context: ExtractContext,
  topics: string,
  method: TypeScript.MethodSignature,
  prefix: string,
  naming: UriNaming,
): TopicModel | undefined {
  const name = method.name.getText();
  const docs = readMemberDocs(context, method, 'topic');
  const uri = memberUri(docs, prefix, name, naming);
  const refuse = (reason: string): undefined => {
    context.report('topicMemberNotProperty', { name, topics, reason }, method);
    return undefined;
  };
  if (!isUriTemplate(uri)) {
    return refuse(
      'a method, but its @uri has no {components} (only a topic with URI components is a method)',
    );
  }
  if (method.questionToken) return refuse('optional (a topic always exists)');
  if (!method.type) return refuse('missing a payload type (the return type of a topic method)');
  if (method.typeParameters) context.report('genericMember', { name }, method.name);
  const { params, input } = extractParams(context, method, name, docs);
  // A topic carries one event payload: a Stream parameter has no place in it.
  if (input) context.report('misplacedStream', {}, method.name);
  const split = readUriTemplate(context, 'topic', name, uri, params, method, method.name);
  if (!split) return undefined;
  for (const extra of split.rest) {
    const reason = "it is not in the template; a topic method's parameters are its URI components only";
    context.report('uriComponentParameter', { param: extra.name, what: 'topic', name, reason }, method.name);
  }
  const kwargs = docs.tags.some((t) => t.name === 'kwargs');
  const type = context.checker.getTypeFromTypeNode(method.type);
  if (kwargs && !isKwargsObject(context, type)) {
    context.report('kwargsShape', { name, reason: 'its payload is not an object' }, method);
  }
  const scope: ConvertScope = { site: method, typeParams: NO_PARAMS };
  const model: { -readonly [K in keyof TopicModel]: TopicModel[K] } = {
    name,
    uri,
    uriTemplate: split.uriTemplate,
    payload: convertType(context, type, method.type, scope),
    kwargs,
    location: context.locate(method.name),
  };
  if (docs.docs) model.docs = docs.docs;
  return model;
}
