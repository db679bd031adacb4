import { IRule, RuleCategory, Severity, Violation } from '../../rule';
import { violation } from '../workload';
import { isOwnGuardrail, missingGuardrail } from './guardrail-index';
import { notLooser } from './quantities';

/** Quota keys that set the same ceiling as another: `cpu` and `memory` mean their `requests.` forms. */
const QUOTA_ALIASES = { 'requests.cpu': 'cpu', 'requests.memory': 'memory' };

/**
 * The environment's ResourceQuota is there and no looser than the tier sets it. Kubernetes
 * applies every quota in a namespace, so a further ResourceQuota can only tighten: only the
 * environment's own one is held to the tier's values.
 */
export const RESOURCE_QUOTA: IRule = {
  id: 'guardrails.resource-quota',
  title: 'The environment\'s ResourceQuota is there and no looser than its tier sets',
  severity: Severity.HIGH,
  category: RuleCategory.SECURITY,
  rationale: 'The quota caps what one namespace may take from a shared cluster and, with services.loadbalancers and services.nodeports at 0, keeps traffic entering through the platform\'s ingress only. Removing or raising it from inside the app switches off a guardrail the platform relies on.',
  remediation: 'Remove the escape hatch that removed or changed the environment\'s ResourceQuota (paved-quota); to give an environment more room, change the tier\'s quota on the Platform (tiers.<tier>.quota). An extra ResourceQuota may only tighten.',
  kinds: ['*'],
  check: (object, context) => {
    const facts = context.environment;
    if (!facts) return [];
    const expected = facts.guardrails.resourceQuota;
    const missing = missingGuardrail(object, context.chartObjects, facts, 'ResourceQuota', expected.name, 'the tier\'s quota, no LoadBalancer and no NodePort');
    if (!isOwnGuardrail(object, 'ResourceQuota', expected.name, facts)) return missing;
    const found: Violation[] = [];
    // A scoped quota counts only the pods its scopes select, so everything else runs unbounded.
    if (object.spec?.scopes !== undefined) found.push(violation('spec.scopes', object.spec.scopes, 'absent: the quota covers every pod'));
    if (object.spec?.scopeSelector !== undefined) found.push(violation('spec.scopeSelector', object.spec.scopeSelector, 'absent: the quota covers every pod'));
    return [...found, ...notLooser('spec.hard', object.spec?.hard, expected.spec.hard, QUOTA_ALIASES)];
  },
};
