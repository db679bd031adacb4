import { IRule, RuleCategory, Severity, Violation } from '../../rule';
import { chartIndex, namespaceOf } from '../chart-index';
import { metadataPath, podRule, violation } from '../workload';

/**
 * The directions a NetworkPolicy isolates. Without `policyTypes` the API server assumes Ingress,
 * plus Egress when the policy has egress rules.
 */
export function policyTypesOf(policy: any): string[] {
  const declared = policy.spec?.policyTypes;
  if (Array.isArray(declared)) return declared;
  return Array.isArray(policy.spec?.egress) ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** Every workload is isolated by NetworkPolicies for both ingress and egress. */
export const ISOLATED: IRule = podRule({
  id: 'network.isolated',
  title: 'Workloads are isolated by a NetworkPolicy for ingress and egress',
  severity: Severity.HIGH,
  category: RuleCategory.SECURITY,
  rationale: 'Pods no NetworkPolicy selects accept connections from, and open them to, every pod in the cluster: one compromised workload can reach all the others and exfiltrate anywhere.',
  remediation: 'Add a NetworkPolicy in the same namespace whose podSelector matches the pod template labels, with policyTypes Ingress and Egress (Paved generates one per service).',
  scannerChecks: { kubeLinter: ['non-isolated-pod'], polaris: ['missingNetworkPolicy'], kubeScore: ['pod-networkpolicy'] },
  check: (pod, object, context) => {
    const namespace = namespaceOf(object);
    const labels = pod.metadata.labels ?? {};
    const covered = new Set(chartIndex(context.chartObjects).networkPolicies.selecting(namespace, labels).flatMap(policyTypesOf));
    return ['Ingress', 'Egress']
      .filter((direction) => !covered.has(direction))
      .map((direction): Violation => violation(`${metadataPath(pod)}.labels`, labels, `a NetworkPolicy in namespace "${namespace}" selecting these labels with policyTypes ${direction}`));
  },
});
