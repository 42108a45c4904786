import type { ParamModel, PropertyModel, ProcedureModel } from '../contract-model.js';
import { type CompatFinding, type FindingPlaces, finding } from './compat-finding.js';
import { type CompatRuleValue, CompatRules } from './compat-rules.js';
import { mayBeAbsent, objectProperties, wireProblems, withoutUndefined } from './compare-types.js';
import { unknownFieldFindings } from './unknown-fields.js';
import { type VersionTypes, compareFlow, directions } from './wire-flow.js';

// A parameter or a kwargs property, as the call's writer and reader see it.
type Arg = Pick<ParamModel, 'name' | 'type' | 'optional' | 'constraints'>;

/**
 * Compares the arguments of a procedure whose two versions agree on kwargs or positional: each
 * parameter (or kwargs key) in both directions of the call, presence first, then its type.
 */
export function compareArguments(
  oldProc: ProcedureModel,
  newProc: ProcedureModel,
  places: FindingPlaces,
  types: VersionTypes,
  out: CompatFinding[],
): void {
  const uri = newProc.uri;
  if (oldProc.kwargs) {
    const o = oldProc.params[0];
    const n = newProc.params[0];
    const oProps = o === undefined ? [] : objectProperties(o.type, types.old);
    const nProps = n === undefined ? [] : objectProperties(n.type, types.new);
    // A kwargs parameter that is not a plain object (or a ref to one) is compared as a whole value.
    if (oProps === undefined || nProps === undefined) {
      if (o !== undefined && n !== undefined) compareFlow('call', o, n, `${uri} kwargs`, places, types, out);
      return;
    }
    compareList(oProps, nProps, true, uri, places, types, out);
    return;
  }
  for (let i = 0; i < Math.min(oldProc.params.length, newProc.params.length); i++) {
    const o = oldProc.params[i] as ParamModel;
    const n = newProc.params[i] as ParamModel;
    unknownFieldFindings('param', o, n, `${uri} args[${i}]`, places, out);
  }
  compareList(oldProc.params, newProc.params, false, uri, places, types, out);
}

function compareList(
  oldArgs: readonly (Arg | PropertyModel)[],
  newArgs: readonly (Arg | PropertyModel)[],
  kwargs: boolean,
  uri: string,
  places: FindingPlaces,
  types: VersionTypes,
  out: CompatFinding[],
): void {
  for (const d of directions('call')) {
    const [writer, reader] = d.writerIsOld ? [oldArgs, newArgs] : [newArgs, oldArgs];
    // A callee refuses argument keys it does not declare, at any depth (docs/generated-api.md).
    const sides = d.writerIsOld
      ? { writer: types.old, reader: types.new, writerIsOld: true, strictReader: true }
      : { writer: types.new, reader: types.old, writerIsOld: false, strictReader: true };
    const emit = (rule: CompatRuleValue, subject: string, detail: string, warning = false) =>
      out.push(
        finding(rule, d.category, warning ? 'warning' : 'error', subject, `${d.phrase}: ${detail}`, places),
      );
    const pairs = kwargs
      ? [...new Set([...reader.map((a) => a.name), ...writer.map((a) => a.name)])].map(
          (name) =>
            [
              writer.find((a) => a.name === name),
              reader.find((a) => a.name === name),
              `kwargs.${name}`,
            ] as const,
        )
      : Array.from(
          { length: Math.max(writer.length, reader.length) },
          (_, i) => [writer[i], reader[i], `args[${i}]`] as const,
        );
    for (const [w, r, at] of pairs) {
      const subject = `${uri} ${at}`;
      if (w === undefined && r !== undefined) {
        if (!mayBeAbsent(r))
          emit(CompatRules.PARAMETER_REQUIRED, subject, `required parameter ${r.name} is not sent`);
      } else if (w !== undefined && r === undefined) {
        // A positional tuple rejects extra arguments, and a callee refuses unknown kwargs keys.
        const dropped = kwargs
          ? 'is sent but refused as an unknown key'
          : 'is sent but the callee takes fewer arguments';
        emit(CompatRules.PARAMETER_REMOVED, subject, `parameter ${w.name} ${dropped}`);
      } else if (w !== undefined && r !== undefined) {
        if (mayBeAbsent(w) && !mayBeAbsent(r))
          emit(CompatRules.PARAMETER_REQUIRED, subject, `parameter ${r.name} became required`);
        const problems = wireProblems(
          { type: withoutUndefined(w.type), constraints: w.constraints },
          { type: withoutUndefined(r.type), constraints: r.constraints },
          sides,
        );
        for (const p of problems) emit(p.rule, `${subject}${p.path}`, p.detail, p.warning === true);
      }
    }
  }
}
