import { EnvironmentFacts } from '../../../environment/environment-facts';
import { namespaceOf } from '../chart-index';

/** Where an environment's own guardrails stand in its chart. */
export interface GuardrailIndex {
  /**
   * The object a missing guardrail is reported on: the environment's Namespace, or the chart's
   * first object when the Namespace itself is gone. Each missing guardrail is reported once.
   */
  readonly anchor: any;
  /** The environment's Namespace object, when present. */
  readonly namespace?: any;
  /** The objects of each guardrail kind named as the environment names its own, in its namespace. */
  readonly own: Map<string, any[]>;
}

/** Each chart's guardrails are found once, however many objects the rules check. */
const INDEXES = new WeakMap<any[], GuardrailIndex>();

/** The guardrail index of the chart's objects (`RuleContext.chartObjects`). */
export function guardrailIndex(objects: any[], facts: EnvironmentFacts): GuardrailIndex {
  let index = INDEXES.get(objects);
  if (!index) {
    const names = new Map<string, string>([
      ['ResourceQuota', facts.guardrails.resourceQuota.name],
      ['LimitRange', facts.guardrails.limitRange.name],
      ['NetworkPolicy', facts.guardrails.defaultDeny.name],
    ]);
    const own = new Map<string, any[]>([...names.keys()].map((kind) => [kind, []]));
    let namespace: any;
    for (const object of objects) {
      const kind = object?.kind;
      if (kind === 'Namespace' && object.metadata?.name === facts.namespace && namespace === undefined) namespace = object;
      if (names.has(kind) && object.metadata?.name === names.get(kind) && namespaceOf(object) === facts.namespace) own.get(kind)!.push(object);
    }
    index = { anchor: namespace ?? objects[0], namespace, own };
    INDEXES.set(objects, index);
  }
  return index;
}

/**
 * Whether `object` is one of the environment's own guardrails of `kind` (named and placed as the
 * environment writes it), in the chart the environment writes them to.
 */
export function isOwnGuardrail(object: any, kind: string, name: string, facts: EnvironmentFacts): boolean {
  return facts.ownChart && object?.kind === kind && object?.metadata?.name === name && namespaceOf(object) === facts.namespace;
}

/**
 * The finding that the environment's own guardrail of `kind` is missing, reported on the anchor
 * only; none for any other object, or when the guardrail is there.
 */
export function missingGuardrail(object: any, objects: any[], facts: EnvironmentFacts, kind: string, name: string, what: string) {
  if (!facts.ownChart) return [];
  const index = guardrailIndex(objects, facts);
  if (object !== index.anchor || (index.own.get(kind)?.length ?? 0) > 0) return [];
  return [{
    field: `${kind}/${name}`,
    found: `absent from namespace "${facts.namespace}"`,
    expected: `the ${kind} "${name}" the environment writes (${what}); an escape hatch removed, renamed or moved it`,
  }];
}
