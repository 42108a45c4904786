/**
 * Guards that recognise generated callee classes and their instances without `instanceof`, so a
 * service built against another copy of `wamp-contracts` (a second node_modules) is still accepted.
 */
import { ContractCallee, type ServiceContract } from '../contracts/index.js';
import type { ServiceContext } from './service-context.js';

/** What the service host needs from a callee instance: its contract and register/unregister. */
export interface CalleeLike {
  readonly contract: ServiceContract;
  register: ContractCallee['register'];
  unregister: ContractCallee['unregister'];
}

/**
 * A constructor of a callee class. The host passes a {@link ServiceContext}; the generated base's
 * constructor takes no arguments, so a class that does not need the context ignores it.
 */
export type CalleeClass = new (context: ServiceContext) => CalleeLike;

/** True when `value` is a class whose prototype chain has `register` and `unregister` methods. */
export function isCalleeClass(value: unknown): value is CalleeClass {
  if (typeof value !== 'function') return false;
  const proto: unknown = (value as { prototype?: unknown }).prototype;
  if (typeof proto !== 'object' || proto === null) return false;
  if (proto instanceof ContractCallee) return true;
  const methods = proto as Record<string, unknown>;
  return typeof methods.register === 'function' && typeof methods.unregister === 'function';
}

/** True when `value` is a callee instance: a contract with procedures, plus register/unregister. */
export function isContractCallee(value: unknown): value is CalleeLike {
  if (value instanceof ContractCallee) return true;
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const contract = v.contract as Record<string, unknown> | undefined;
  return (
    typeof v.register === 'function' &&
    typeof v.unregister === 'function' &&
    typeof contract === 'object' &&
    contract !== null &&
    typeof contract.prefix === 'string' &&
    Array.isArray(contract.procedures)
  );
}

/** Method names of `callee`'s contract that the instance does not implement. */
export function missingMethods(callee: CalleeLike): string[] {
  const methods = callee as unknown as Record<string, unknown>;
  return callee.contract.procedures
    .map((p) => p.method ?? p.name)
    .filter((name) => typeof methods[name] !== 'function');
}
