import { Tier } from '../../../platform/tier';
import { IRule, RuleCategory, RuleContext, Severity } from '../../rule';
import { PodSpecAt } from '../../rules/pod-spec';
import { autoscalerKey, chartIndex, namespaceOf } from '../chart-index';
import { metadataPath, podRule, REPLICATED_KINDS, violation } from '../workload';

/** The HorizontalPodAutoscaler in the chart that scales `object`, if any. */
function autoscalerOf(object: any, context: RuleContext): any {
  return chartIndex(context.chartObjects).autoscalers.get(autoscalerKey(namespaceOf(object), object.kind, object.metadata?.name ?? ''));
}

/** `spec.replicas`, defaulting to 1 as the API server does. */
function declaredReplicas(object: any): number {
  const replicas = object.spec?.replicas;
  return typeof replicas === 'number' ? replicas : 1;
}

function inProduction(context: RuleContext): boolean {
  return context.tier.isAtLeast(Tier.PRODUCTION);
}

/** Production workloads run at least two replicas, or an autoscaler keeps at least two. */
export const REPLICAS: IRule = podRule({
  id: 'workload.replicas',
  title: 'Production workloads run at least two replicas',
  severity: Severity.HIGH,
  category: RuleCategory.RELIABILITY,
  rationale: 'One replica is one node drain, eviction or crash away from an outage; a second replica keeps serving while the first is replaced.',
  remediation: 'Set spec.replicas to 2 or more, or give the workload a HorizontalPodAutoscaler with minReplicas of 2 or more (Paved does both in production).',
  kinds: REPLICATED_KINDS,
  scannerChecks: { polaris: ['deploymentMissingReplicas'], kubeScore: ['deployment-replicas'] },
  check: (_pod, object, context) => {
    if (!inProduction(context)) return [];
    const autoscaler = autoscalerOf(object, context);
    if (autoscaler) {
      // Under an autoscaler spec.replicas is left out on purpose; the floor is the autoscaler's.
      const min = autoscaler.spec?.minReplicas ?? 1;
      return min >= 2 ? [] : [violation('spec.replicas', `${autoscaler.kind ?? 'HorizontalPodAutoscaler'}/${autoscaler.metadata?.name} minReplicas ${min}`, 'at least 2 (here, or as the autoscaler\'s minReplicas)')];
    }
    const replicas = declaredReplicas(object);
    return replicas >= 2 ? [] : [violation('spec.replicas', object.spec?.replicas, 'at least 2')];
  },
});

/** Production workloads are covered by a PodDisruptionBudget. */
export const DISRUPTION_BUDGET: IRule = podRule({
  id: 'workload.disruption-budget',
  title: 'Production workloads have a PodDisruptionBudget',
  severity: Severity.MEDIUM,
  category: RuleCategory.RELIABILITY,
  rationale: 'Node drains and cluster upgrades evict pods through the eviction API; without a budget they may evict every replica at once.',
  remediation: 'Add a PodDisruptionBudget in the same namespace whose selector matches the pod template labels (Paved adds one in production).',
  kinds: REPLICATED_KINDS,
  scannerChecks: { polaris: ['missingPodDisruptionBudget'], kubeScore: ['deployment-has-poddisruptionbudget', 'statefulset-has-poddisruptionbudget'] },
  check: (pod, object, context) => {
    if (!inProduction(context)) return [];
    const labels = pod.metadata.labels ?? {};
    const budgets = chartIndex(context.chartObjects).disruptionBudgets.selecting(namespaceOf(object), labels);
    return budgets.length > 0 ? [] : [violation(`${metadataPath(pod)}.labels`, labels, `a PodDisruptionBudget in namespace "${namespaceOf(object)}" selecting these labels`)];
  },
});

/** The most replicas a workload may run: the autoscaler's ceiling, or `spec.replicas`. */
function mostReplicas(object: any, context: RuleContext): number {
  const autoscaler = autoscalerOf(object, context);
  return autoscaler ? autoscaler.spec?.maxReplicas ?? 1 : declaredReplicas(object);
}

function hasConstraints(pod: PodSpecAt): boolean {
  const constraints = pod.spec.topologySpreadConstraints;
  return Array.isArray(constraints) && constraints.length > 0;
}

/** Workloads that may run more than one replica spread them across failure domains. */
export const TOPOLOGY_SPREAD: IRule = podRule({
  id: 'workload.topology-spread',
  title: 'Replicas are spread across nodes and zones',
  severity: Severity.MEDIUM,
  category: RuleCategory.RELIABILITY,
  rationale: 'Replicas the scheduler packs onto one node or into one zone fail together, which defeats the point of running several.',
  remediation: 'Add topologySpreadConstraints over kubernetes.io/hostname and topology.kubernetes.io/zone selecting the pod\'s own labels (Paved adds them when replicas > 1).',
  kinds: REPLICATED_KINDS,
  scannerChecks: { polaris: ['topologySpreadConstraint'] },
  check: (pod, object, context) => mostReplicas(object, context) > 1 && !hasConstraints(pod)
    ? [violation(`${pod.path}.topologySpreadConstraints`, pod.spec.topologySpreadConstraints, 'at least one constraint, since the workload may run more than one replica')]
    : [],
});
