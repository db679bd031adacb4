import { IRule, RuleCategory, Severity } from '../../rule';
import { ContainerAt, containersOf, PodSpecAt } from '../../rules/pod-spec';
import { podRule, violation } from '../workload';

/** Containers that take node resources: ephemeral (debug) containers cannot declare any. */
function resourcedContainers(pod: PodSpecAt): ContainerAt[] {
  return containersOf(pod).filter((c) => c.kind !== 'ephemeralContainer');
}

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** CPU and memory requests on every container. */
export const RESOURCE_REQUESTS: IRule = podRule({
  id: 'workload.resource-requests',
  title: 'Containers request CPU and memory',
  severity: Severity.MEDIUM,
  category: RuleCategory.RELIABILITY,
  rationale: 'The scheduler places pods by their requests: without them a pod lands on a full node, is first to be evicted under pressure (BestEffort), and autoscalers have nothing to measure utilisation against.',
  remediation: 'Set resources.requests.cpu and resources.requests.memory on every container (a Paved ResourcePreset sets both).',
  scannerChecks: {
    kubeLinter: ['unset-cpu-requirements'],
    polaris: ['cpuRequestsMissing', 'memoryRequestsMissing'],
    checkov: ['CKV_K8S_10', 'CKV_K8S_12'],
    // kube-score checks requests and limits as one: container-resources.
    kubeScore: ['container-resources'],
  },
  check: (pod) => resourcedContainers(pod).flatMap(({ container, path }) => ['cpu', 'memory']
    .filter((resource) => !isSet(container.resources?.requests?.[resource]))
    .map((resource) => violation(`${path}.resources.requests.${resource}`, container.resources?.requests?.[resource], `a ${resource} request`))),
});

/**
 * A memory limit on every container. CPU limits are deliberately not required: CPU is
 * compressible, and a CFS quota throttles a container even when the node has idle CPU, which
 * shows up as tail latency; requests already guarantee each container its share. Memory is not
 * compressible: a container without a limit can push the node into out-of-memory kills of its
 * neighbours.
 */
export const MEMORY_LIMIT: IRule = podRule({
  id: 'workload.memory-limit',
  title: 'Containers have a memory limit',
  severity: Severity.MEDIUM,
  category: RuleCategory.RELIABILITY,
  rationale: 'Memory cannot be reclaimed from a running process: a container without a limit that leaks grows until the node kills whatever it finds, often another team\'s pod.',
  remediation: 'Set resources.limits.memory on every container (a Paved ResourcePreset sets it).',
  scannerChecks: { kubeLinter: ['unset-memory-requirements'], polaris: ['memoryLimitsMissing'], checkov: ['CKV_K8S_13'], kubeScore: ['container-resources'] },
  check: (pod) => resourcedContainers(pod).flatMap(({ container, path }) => isSet(container.resources?.limits?.memory)
    ? []
    : [violation(`${path}.resources.limits.memory`, container.resources?.limits?.memory, 'a memory limit')]),
});
