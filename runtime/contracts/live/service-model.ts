/**
 * The part of a contract model one service needs: its schema file with only that service, and the
 * named types and errors it reaches (through `ref`s and `@throws`, across files). A callee serves
 * this subset, and a client compares its own subset with it.
 */
import type {
  ContractFile,
  ContractModel,
  ProcedureModel,
  ServiceModel,
  TopicModel,
  TopicsModel,
  TypeNode,
} from '../../contract-model/contract-model.js';
import { remapUri } from '../contract-types.js';

/** Which service to cut out, and the prefix it is mounted under when that differs from the contract's. */
export interface ServiceSelector {
  /** The service's interface name, e.g. `Weather`. */
  readonly name: string;
  /** The schema file that declares it; any file when absent (the first service of that name). */
  readonly file?: string;
  /** The prefix the service is registered under (`register(session, { prefix })`); URIs are rewritten to it. */
  readonly mountedAt?: string;
  /**
   * Also keep the topics interfaces of the service's file that share its prefix (what a served
   * contract carries, so router reflection and `inspect` see its topics); default false.
   */
  readonly topics?: boolean;
}

/** Returns the model subset of one service, or undefined when the model does not declare it. */
export function serviceModel(model: ContractModel, selector: ServiceSelector): ContractModel | undefined {
  const home = model.files.find(
    (f) =>
      (selector.file === undefined || f.path === selector.file) &&
      f.services.some((s) => s.name === selector.name),
  );
  const service = home?.services.find((s) => s.name === selector.name);
  if (home === undefined || service === undefined) return undefined;
  const wantedTypes = new Set<string>();
  const wantedErrors = new Set<string>();
  const byFile = new Map(model.files.map((f) => [f.path, f]));
  const visit = (node: TypeNode | undefined): void => {
    if (node === undefined) return;
    walk(node, (ref) => {
      const key = `${ref.file}#${ref.name}`;
      if (wantedTypes.has(key)) return;
      wantedTypes.add(key);
      visit(byFile.get(ref.file)?.types.find((t) => t.name === ref.name)?.type);
    });
  };
  for (const p of service.procedures) {
    for (const c of p.uriTemplate?.components ?? []) visit(c.type);
    for (const param of p.params) visit(param.type);
    visit(p.input?.type);
    visit(p.result);
    visit(p.progress);
    for (const t of p.throws) {
      wantedErrors.add(`${t.file}#${t.name}`);
      visit(byFile.get(t.file)?.errors.find((e) => e.name === t.name)?.payload);
    }
  }
  const topics = selector.topics === true ? home.topics.filter((t) => t.prefix === service.prefix) : [];
  for (const t of topics)
    for (const topic of t.topics) {
      for (const c of topic.uriTemplate?.components ?? []) visit(c.type);
      visit(topic.payload);
    }
  const mounted = mount(service, selector.mountedAt);
  const mountedTopics = topics.map((t) => mountTopics(t, selector.mountedAt));
  const files: ContractFile[] = [];
  for (const f of model.files) {
    const types = f.types.filter((t) => wantedTypes.has(`${f.path}#${t.name}`));
    const errors = f.errors.filter((e) => wantedErrors.has(`${f.path}#${e.name}`));
    const services = f === home ? [mounted] : [];
    if (services.length + types.length + errors.length > 0)
      files.push({ path: f.path, services, topics: f === home ? mountedTopics : [], errors, types });
  }
  return { modelVersion: model.modelVersion, files };
}

function mount(service: ServiceModel, prefix: string | undefined): ServiceModel {
  if (prefix === undefined || prefix === service.prefix) return service;
  const procedures = service.procedures.map((p): ProcedureModel => remount(p, service.prefix, prefix));
  return { ...service, prefix, procedures };
}

function mountTopics(topics: TopicsModel, prefix: string | undefined): TopicsModel {
  if (prefix === undefined || prefix === topics.prefix) return topics;
  const list = topics.topics.map((t): TopicModel => remount(t, topics.prefix, prefix));
  return { ...topics, prefix, topics: list };
}

/** A procedure or topic moved from prefix `from` to `to`: its URI and, for a template, its text and segments. */
function remount<T extends ProcedureModel | TopicModel>(item: T, from: string, to: string): T {
  const uri = remapUri(item.uri, from, to);
  if (item.uriTemplate === undefined) return { ...item, uri };
  const template = remapUri(item.uriTemplate.template, from, to);
  const segments = template
    .split('.')
    .map((s) => (/^\{.+\}$/.test(s) ? { component: s.slice(1, -1) } : { literal: s }));
  return { ...item, uri, uriTemplate: { ...item.uriTemplate, template, segments } };
}

/** Calls `onRef` for every `ref` node inside `node` (type arguments included). */
function walk(node: TypeNode, onRef: (ref: Extract<TypeNode, { kind: 'ref' }>) => void): void {
  switch (node.kind) {
    case 'ref':
      onRef(node);
      for (const arg of node.typeArgs) walk(arg, onRef);
      return;
    case 'array':
      walk(node.element, onRef);
      return;
    case 'tuple':
      for (const e of node.elements) walk(e.type, onRef);
      return;
    case 'object':
      for (const p of node.properties) walk(p.type, onRef);
      return;
    case 'record':
      walk(node.key, onRef);
      walk(node.value, onRef);
      return;
    case 'union':
    case 'intersection':
      for (const m of node.members) walk(m, onRef);
      return;
    case 'brand':
      walk(node.base, onRef);
      return;
    case 'template':
      for (const part of node.parts) if (typeof part !== 'string') walk(part, onRef);
      return;
    default:
      return;
  }
}
