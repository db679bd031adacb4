import { IRule, RuleCategory, Severity, Violation } from '../../rule';
import { policyTypesOf } from '../network/isolation';
import { listOf, violation } from '../workload';
import { isOwnGuardrail, missingGuardrail } from './guardrail-index';

/** JSON with keys sorted, so two rules compare by content rather than by key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as any)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function isEmptySelector(selector: any): boolean {
  if (selector === undefined || selector === null) return false;
  const labels = selector.matchLabels;
  const expressions = selector.matchExpressions;
  return (labels === undefined || labels === null || Object.keys(labels).length === 0)
    && (expressions === undefined || expressions === null || (Array.isArray(expressions) && expressions.length === 0));
}

/**
 * The environment's default-deny NetworkPolicy is there and still denies everything but DNS:
 * it selects every pod, isolates both directions, admits no ingress, and allows no egress rule
 * but the DNS rule the platform writes. Opening traffic is each service's own NetworkPolicy's job.
 */
export const DEFAULT_DENY: IRule = {
  id: 'guardrails.default-deny',
  title: 'The environment\'s default-deny NetworkPolicy is there and denies all but DNS',
  severity: Severity.HIGH,
  category: RuleCategory.SECURITY,
  rationale: 'The default-deny policy is what makes every pod the services\' own NetworkPolicies do not open unreachable and unable to reach out. A removed policy, a narrowed podSelector, a dropped policy type or an added rule leaves pods open to the whole cluster and the internet.',
  remediation: 'Remove the escape hatch that removed or changed paved-default-deny. Open the traffic a service needs on its own NetworkPolicy (its dependencies and callers), never on the default-deny.',
  kinds: ['*'],
  check: (object, context) => {
    const facts = context.environment;
    if (!facts) return [];
    const expected = facts.guardrails.defaultDeny;
    const missing = missingGuardrail(object, context.chartObjects, facts, 'NetworkPolicy', expected.name, 'deny all ingress and egress but DNS to cluster DNS');
    if (!isOwnGuardrail(object, 'NetworkPolicy', expected.name, facts)) return missing;
    const spec = object.spec ?? {};
    const found: Violation[] = [];
    if (!isEmptySelector(spec.podSelector)) found.push(violation('spec.podSelector', spec.podSelector, '{}: every pod in the namespace'));
    const types = policyTypesOf(object);
    for (const direction of ['Ingress', 'Egress']) {
      if (!types.includes(direction)) found.push(violation('spec.policyTypes', spec.policyTypes, `to include ${direction}`));
    }
    listOf(spec.ingress).forEach((rule, i) => found.push(violation(`spec.ingress[${i}]`, rule, 'no ingress rule: the default-deny admits nothing')));
    if (spec.ingress !== undefined && !Array.isArray(spec.ingress)) found.push(violation('spec.ingress', spec.ingress, 'absent or []'));
    const allowed = new Set(listOf(expected.spec.egress).map(canonical));
    listOf(spec.egress).forEach((rule, i) => {
      if (!allowed.has(canonical(rule))) found.push(violation(`spec.egress[${i}]`, rule, `only the DNS rule ${JSON.stringify(expected.spec.egress[0])}`));
    });
    if (spec.egress !== undefined && !Array.isArray(spec.egress)) found.push(violation('spec.egress', spec.egress, 'a list holding only the DNS rule'));
    return found;
  },
};
