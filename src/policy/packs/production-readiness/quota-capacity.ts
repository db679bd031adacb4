import { IRule, RuleCategory, RuleContext, Severity, Violation } from '../../rule';
import { containersOf, podSpecOf } from '../../rules/pod-spec';
import { parseQuantity } from '../../rules/quantity';
import { autoscalerKey, chartIndex, namespaceOf } from '../chart-index';
import { keyPath, listOf } from '../workload';

/** The quota entries the check sums, each with the pod field it adds up. */
const DIMENSIONS: Array<{ key: string; of: 'requests' | 'limits' | 'pods'; resource?: 'cpu' | 'memory' }> = [
  { key: 'requests.cpu', of: 'requests', resource: 'cpu' },
  { key: 'cpu', of: 'requests', resource: 'cpu' },
  { key: 'limits.cpu', of: 'limits', resource: 'cpu' },
  { key: 'requests.memory', of: 'requests', resource: 'memory' },
  { key: 'memory', of: 'requests', resource: 'memory' },
  { key: 'limits.memory', of: 'limits', resource: 'memory' },
  { key: 'pods', of: 'pods' },
];

/** Container defaults of the namespace's LimitRanges, as the LimitRanger admission plugin applies them. */
interface ContainerDefaults { requests: { [r: string]: unknown }; limits: { [r: string]: unknown } }

function containerDefaults(namespace: string, objects: any[]): ContainerDefaults {
  const defaults: ContainerDefaults = { requests: {}, limits: {} };
  for (const range of objects) {
    if (range?.kind !== 'LimitRange' || namespaceOf(range) !== namespace) continue;
    for (const limit of listOf(range.spec?.limits)) {
      if (limit?.type !== 'Container') continue;
      Object.assign(defaults.requests, limit.defaultRequest ?? {});
      Object.assign(defaults.limits, limit.default ?? {});
    }
  }
  return defaults;
}

/** What one container asks for once admitted: its own figures, else the API server's and LimitRanger's defaults. */
function containerAmount(container: any, of: 'requests' | 'limits', resource: string, defaults: ContainerDefaults): number {
  const resources = container?.resources ?? {};
  const value = of === 'requests'
    // The API server defaults a missing request to the container's limit before LimitRanger runs.
    ? resources.requests?.[resource] ?? resources.limits?.[resource] ?? defaults.requests[resource] ?? defaults.limits[resource]
    : resources.limits?.[resource] ?? defaults.limits[resource];
  return parseQuantity(value) ?? 0;
}

/** A pod's effective amount, as the quota charges it: its containers together, or its largest init container if more. */
function podAmount(pod: any, of: 'requests' | 'limits', resource: string, defaults: ContainerDefaults): number {
  let running = 0;
  let init = 0;
  for (const c of containersOf({ spec: pod, path: 'spec', metadata: {} })) {
    const amount = containerAmount(c.container, of, resource, defaults);
    if (c.kind === 'container') running += amount;
    else if (c.kind === 'initContainer') init = Math.max(init, amount);
  }
  return Math.max(running, init);
}

/** The most pods a workload may run at once: its autoscaler's ceiling, its replicas, or its parallelism. */
function mostPods(object: any, context: RuleContext): number {
  const autoscaler = chartIndex(context.chartObjects).autoscalers.get(autoscalerKey(namespaceOf(object), object.kind, object.metadata?.name ?? ''));
  if (autoscaler) return autoscaler.spec?.maxReplicas ?? 1;
  if (object.kind === 'Pod') return 1;
  if (object.kind === 'Job') return object.spec?.parallelism ?? 1;
  if (object.kind === 'CronJob') return object.spec?.jobTemplate?.spec?.parallelism ?? 1;
  const replicas = object.spec?.replicas;
  return typeof replicas === 'number' ? replicas : 1;
}

function show(value: number, resource: string | undefined): string {
  if (resource === 'cpu') return value < 1 ? `${Math.round(value * 1000)}m` : `${+value.toFixed(3)}`;
  if (resource === 'memory') {
    const mi = value / 2 ** 20;
    return mi >= 1024 && Number.isInteger(mi / 1024) ? `${mi / 1024}Gi` : `${+mi.toFixed(1)}Mi`;
  }
  return `${value}`;
}

/**
 * The namespace's ResourceQuota holds every workload in it at its replica ceiling at once.
 * Walks the workloads in chart order, as they would scale one after another, and names the first
 * one whose pods the quota would refuse, and from which replica.
 */
export const QUOTA_AT_MAX_REPLICAS: IRule = {
  id: 'workload.quota-at-max-replicas',
  title: 'The namespace quota holds every workload at its replica ceiling',
  severity: Severity.HIGH,
  category: RuleCategory.RELIABILITY,
  rationale: 'A ResourceQuota admits pods one at a time: when load scales services towards their ceilings, the pods that no longer fit are refused, silently and at the peak the ceiling was raised for.',
  remediation: 'Lower replicas.max or the resource preset of the workload named (or of those before it), or give the tier a larger quota (PlatformProps.tiers, quota).',
  kinds: ['ResourceQuota'],
  check: (quota, context) => {
    const namespace = namespaceOf(quota);
    const hard = quota?.spec?.hard ?? {};
    const defaults = containerDefaults(namespace, context.chartObjects);
    const workloads = context.chartObjects
      .filter((o) => namespaceOf(o) === namespace)
      .map((o) => ({ object: o, pod: podSpecOf(o) }))
      .filter((w) => w.pod !== undefined)
      .map((w) => ({ ref: `${w.object.kind}/${w.object.metadata?.name}`, pods: mostPods(w.object, context), pod: w.pod!.spec }));
    const violations: Violation[] = [];
    for (const d of DIMENSIONS) {
      const limit = parseQuantity(hard[d.key]);
      if (limit === undefined) continue;
      let total = 0;
      let refused: string | undefined;
      const parts: string[] = [];
      for (const w of workloads) {
        const each = d.of === 'pods' ? 1 : podAmount(w.pod, d.of, d.resource!, defaults);
        if (each <= 0 || w.pods <= 0) continue;
        if (refused === undefined && total + each * w.pods > limit * (1 + 1e-9)) {
          const fitting = Math.max(0, Math.floor((limit - total) / each + 1e-9));
          refused = `${w.ref} would be refused from replica ${fitting + 1} of ${w.pods}`;
        }
        total += each * w.pods;
        parts.push(`${w.ref} ${w.pods} × ${show(each, d.resource)}`);
      }
      if (refused === undefined) continue;
      violations.push({
        field: keyPath('spec.hard', d.key),
        found: `${show(total, d.resource)} with every workload at its replica ceiling (${parts.join(', ')}): ${refused}`,
        expected: `at most ${show(limit, d.resource)}, the namespace's quota`,
      });
    }
    return violations;
  },
};
