import { Tier } from '../../../../src/platform/tier';
import { DISRUPTION_BUDGET, REPLICAS, TOPOLOGY_SPREAD } from '../../../../src/policy/packs/production-readiness/availability';
import { IMAGE_PINNED, IMAGE_REGISTRY, parseImageReference } from '../../../../src/policy/packs/production-readiness/images';
import { OWNER_LABELS_RULE } from '../../../../src/policy/packs/production-readiness/owner-labels';
import { PROBES_RULE } from '../../../../src/policy/packs/production-readiness/probes';
import { READ_ONLY_ROOT_FS } from '../../../../src/policy/packs/production-readiness/read-only-root-fs';
import { MEMORY_LIMIT, RESOURCE_REQUESTS } from '../../../../src/policy/packs/production-readiness/resources';
import { DEFAULT_SERVICE_ACCOUNT, SERVICE_ACCOUNT_TOKEN } from '../../../../src/policy/packs/production-readiness/service-account';
import { RuleCategory } from '../../../../src/policy/rule';
import { check, companions, deployment, deploymentWith, fields, main, MAIN, POD } from '../workloads';

const withoutKind = (kind: string) => companions().filter((o) => o.kind !== kind);
const hpa = (minReplicas: number | undefined, maxReplicas: number) => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'orders-api', namespace: 'payments-production' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'orders-api' }, minReplicas, maxReplicas },
});

/** A KEDA ScaledObject on the Deployment; KEDA's defaults (0..100) apply to what it leaves out. */
const scaledObject = (minReplicaCount: number | undefined, maxReplicaCount: number | undefined, kind?: string) => ({
  apiVersion: 'keda.sh/v1alpha1',
  kind: 'ScaledObject',
  metadata: { name: 'orders-api', namespace: 'payments-production' },
  spec: { scaleTargetRef: { name: 'orders-api', ...(kind ? { kind } : {}) }, minReplicaCount, maxReplicaCount, triggers: [] },
});

describe('workload.probes', () => {
  test('passes containers with both probes, whatever the init containers have', () => {
    const d = deploymentWith((_d, pod) => { pod.initContainers = [{ name: 'migrate', image: 'x:1' }]; });
    expect(check(PROBES_RULE, d)).toEqual([]);
  });
  test('fails a container without probes, naming each', () => {
    const d = deploymentWith((_d, pod) => { delete main(pod).readinessProbe; delete main(pod).livenessProbe; });
    expect(fields(check(PROBES_RULE, d))).toEqual([`${MAIN}.readinessProbe`, `${MAIN}.livenessProbe`]);
  });
  test('does not look at Jobs', () => {
    expect(PROBES_RULE.kinds).not.toContain('Job');
    expect(PROBES_RULE.kinds).not.toContain('CronJob');
  });
  test('passes the Pods a Job creates, as it passes the Job, and checks the Pods of long-running controllers', () => {
    const template = deploymentWith((_d, pod) => { delete main(pod).readinessProbe; }).spec.template;
    const podOf = (kind: string, controller: boolean) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { ...template.metadata, name: 'p', namespace: 'payments-production', ownerReferences: [{ apiVersion: 'batch/v1', kind, name: 'seed', uid: 'u', controller }] },
      spec: template.spec,
    });
    expect(check(PROBES_RULE, podOf('Job', true))).toEqual([]);
    expect(fields(check(PROBES_RULE, podOf('ReplicaSet', true)))).toEqual(['spec.containers[0].readinessProbe']);
    // Only the controller counts: an owner that is not the controller does not exempt the Pod.
    expect(fields(check(PROBES_RULE, podOf('Job', false)))).toEqual(['spec.containers[0].readinessProbe']);
    expect(fields(check(PROBES_RULE, { ...podOf('Job', true), metadata: { ...template.metadata, name: 'p' } }))).toEqual(['spec.containers[0].readinessProbe']);
  });
});

describe('workload.resource-requests and workload.memory-limit', () => {
  test('pass a container with requests and a memory limit but no CPU limit', () => {
    expect(check(RESOURCE_REQUESTS, deployment())).toEqual([]);
    expect(check(MEMORY_LIMIT, deployment())).toEqual([]);
  });
  test('fail a container without resources', () => {
    const d = deploymentWith((_d, pod) => { delete main(pod).resources; });
    expect(fields(check(RESOURCE_REQUESTS, d))).toEqual([`${MAIN}.resources.requests.cpu`, `${MAIN}.resources.requests.memory`]);
    expect(fields(check(MEMORY_LIMIT, d))).toEqual([`${MAIN}.resources.limits.memory`]);
  });
  test('hold init containers to the same', () => {
    const d = deploymentWith((_d, pod) => { pod.initContainers = [{ name: 'migrate', image: 'x:1', resources: { requests: { cpu: '10m' } } }]; });
    expect(fields(check(RESOURCE_REQUESTS, d))).toEqual([`${POD}.initContainers[0].resources.requests.memory`]);
  });
});

describe('workload.image-pinned', () => {
  test.each(['registry.acme.dev/payments/orders-api:1.4.2', 'registry.acme.dev:5000/orders@sha256:' + 'a'.repeat(64), 'nginx:1.27'])('passes %s', (image) => {
    expect(check(IMAGE_PINNED, deploymentWith((_d, pod) => { main(pod).image = image; }))).toEqual([]);
  });
  test.each(['registry.acme.dev/payments/orders-api', 'registry.acme.dev/payments/orders-api:latest', 'registry.acme.dev:5000/orders'])('fails %s', (image) => {
    expect(check(IMAGE_PINNED, deploymentWith((_d, pod) => { main(pod).image = image; }))).toEqual([
      { field: `${MAIN}.image`, found: JSON.stringify(image), expected: 'a tag other than "latest", or a digest' },
    ]);
  });
  test('parses references the way the runtime resolves them', () => {
    expect(parseImageReference('nginx')).toEqual({ repository: 'docker.io/library/nginx', tag: undefined, digest: undefined });
    expect(parseImageReference('acme/app:2')).toEqual({ repository: 'docker.io/acme/app', tag: '2', digest: undefined });
    expect(parseImageReference('localhost:5000/app')).toEqual({ repository: 'localhost:5000/app', tag: undefined, digest: undefined });
  });
});

describe('workload.image-registry', () => {
  test('passes an image from an allowed registry', () => {
    expect(check(IMAGE_REGISTRY, deployment())).toEqual([]);
  });
  test('fails an image from elsewhere, including a look-alike host', () => {
    for (const image of ['docker.io/library/nginx:1.27', 'nginx:1.27', 'registry.acme.dev.evil.io/app:1']) {
      expect(fields(check(IMAGE_REGISTRY, deploymentWith((_d, pod) => { main(pod).image = image; })))).toEqual([`${MAIN}.image`]);
    }
  });
  test('a registry entry with a path narrows what is allowed', () => {
    expect(check(IMAGE_REGISTRY, deployment(), { registries: ['registry.acme.dev/payments/'] })).toEqual([]);
    expect(fields(check(IMAGE_REGISTRY, deployment(), { registries: ['registry.acme.dev/search'] }))).toEqual([`${MAIN}.image`]);
  });
  test('is skipped when the platform lists no registry', () => {
    expect(check(IMAGE_REGISTRY, deploymentWith((_d, pod) => { main(pod).image = 'nginx:1.27'; }), { registries: [] })).toEqual([]);
  });
});

describe('workload.replicas', () => {
  test('passes two replicas in production and one in staging', () => {
    expect(check(REPLICAS, deployment())).toEqual([]);
    expect(check(REPLICAS, deploymentWith((d) => { d.spec.replicas = 1; }), { tier: Tier.STAGING })).toEqual([]);
  });
  test('fails one replica, or none declared, in production', () => {
    expect(check(REPLICAS, deploymentWith((d) => { d.spec.replicas = 1; }))).toEqual([{ field: 'spec.replicas', found: '1', expected: 'at least 2' }]);
    expect(fields(check(REPLICAS, deploymentWith((d) => { delete d.spec.replicas; })))).toEqual(['spec.replicas']);
  });
  test('an autoscaler with minReplicas 2 counts, spec.replicas left out', () => {
    const d = deploymentWith((o) => { delete o.spec.replicas; });
    expect(check(REPLICAS, d, { objects: [d, ...companions(), hpa(2, 10)] })).toEqual([]);
    expect(check(REPLICAS, d, { objects: [d, ...companions(), hpa(undefined, 10)] })).toEqual([
      { field: 'spec.replicas', found: '"HorizontalPodAutoscaler/orders-api minReplicas 1"', expected: "at least 2 (here, or as the autoscaler's minReplicas)" },
    ]);
  });
  test('a KEDA ScaledObject counts as the autoscaler it creates, its minReplicaCount defaulting to 0', () => {
    const d = deploymentWith((o) => { delete o.spec.replicas; });
    expect(check(REPLICAS, d, { objects: [d, ...companions(), scaledObject(2, 10)] })).toEqual([]);
    expect(check(REPLICAS, d, { objects: [d, ...companions(), scaledObject(undefined, 10)] })).toEqual([
      { field: 'spec.replicas', found: '"ScaledObject/orders-api minReplicas 0"', expected: "at least 2 (here, or as the autoscaler's minReplicas)" },
    ]);
    // A ScaledObject of another kind scales something else.
    expect(fields(check(REPLICAS, d, { objects: [d, ...companions(), scaledObject(2, 10, 'StatefulSet')] }))).toEqual(['spec.replicas']);
  });
});

describe('workload.disruption-budget', () => {
  test('passes when a PodDisruptionBudget selects the pods', () => {
    expect(check(DISRUPTION_BUDGET, deployment())).toEqual([]);
  });
  test('fails in production without one, or with one in another namespace', () => {
    const d = deployment();
    expect(fields(check(DISRUPTION_BUDGET, d, { objects: [d, ...withoutKind('PodDisruptionBudget')] }))).toEqual(['spec.template.metadata.labels']);
    const elsewhere = companions().map((o) => (o.kind === 'PodDisruptionBudget' ? { ...o, metadata: { ...o.metadata, namespace: 'other' } } : o));
    expect(fields(check(DISRUPTION_BUDGET, d, { objects: [d, ...elsewhere] }))).toEqual(['spec.template.metadata.labels']);
  });
  test('is not required below production', () => {
    const d = deployment();
    expect(check(DISRUPTION_BUDGET, d, { tier: Tier.STAGING, objects: [d, ...withoutKind('PodDisruptionBudget')] })).toEqual([]);
  });
});

describe('workload.topology-spread', () => {
  test('passes one replica without constraints', () => {
    expect(check(TOPOLOGY_SPREAD, deploymentWith((d, pod) => { d.spec.replicas = 1; delete pod.topologySpreadConstraints; }))).toEqual([]);
  });
  test('fails two replicas without constraints', () => {
    expect(fields(check(TOPOLOGY_SPREAD, deploymentWith((_d, pod) => { delete pod.topologySpreadConstraints; })))).toEqual([`${POD}.topologySpreadConstraints`]);
  });
  test('counts an autoscaler that may scale past one', () => {
    const d = deploymentWith((o, pod) => { delete o.spec.replicas; delete pod.topologySpreadConstraints; });
    expect(fields(check(TOPOLOGY_SPREAD, d, { objects: [d, hpa(1, 3)] }))).toEqual([`${POD}.topologySpreadConstraints`]);
    expect(check(TOPOLOGY_SPREAD, d, { objects: [d, hpa(1, 1)] })).toEqual([]);
  });
  test('counts a KEDA ScaledObject that may scale past one, up to KEDA\'s 100 when it sets no maximum', () => {
    const d = deploymentWith((o, pod) => { delete o.spec.replicas; delete pod.topologySpreadConstraints; });
    expect(fields(check(TOPOLOGY_SPREAD, d, { objects: [d, scaledObject(0, 3)] }))).toEqual([`${POD}.topologySpreadConstraints`]);
    expect(fields(check(TOPOLOGY_SPREAD, d, { objects: [d, scaledObject(0, undefined)] }))).toEqual([`${POD}.topologySpreadConstraints`]);
    expect(check(TOPOLOGY_SPREAD, d, { objects: [d, scaledObject(0, 1)] })).toEqual([]);
  });
});

describe('metadata.owner-labels', () => {
  test('passes every object of the well-formed chart', () => {
    for (const object of [deployment(), ...companions()]) expect(check(OWNER_LABELS_RULE, object)).toEqual([]);
  });
  test('fails an object without a team or a name', () => {
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'flags', labels: { 'paved.dev/team': '' } } };
    expect(fields(check(OWNER_LABELS_RULE, configMap))).toEqual(['metadata.labels["paved.dev/team"]', 'metadata.labels["app.kubernetes.io/name"]']);
  });
  test('leaves cloud resources to their own pack', () => {
    expect(check(OWNER_LABELS_RULE, { kind: 'aws:rds/instance:Instance', metadata: { name: 'db' }, spec: {} })).toEqual([]);
  });
});

describe('workload.default-service-account', () => {
  test('passes a ServiceAccount of its own', () => {
    expect(check(DEFAULT_SERVICE_ACCOUNT, deployment())).toEqual([]);
  });
  test.each([undefined, 'default'])('fails serviceAccountName %s', (name) => {
    expect(fields(check(DEFAULT_SERVICE_ACCOUNT, deploymentWith((_d, pod) => { pod.serviceAccountName = name; })))).toEqual([`${POD}.serviceAccountName`]);
  });
});

describe('workload.service-account-token', () => {
  test('passes when the pod turns the token off', () => {
    const d = deployment();
    expect(check(SERVICE_ACCOUNT_TOKEN, d, { objects: [d] })).toEqual([]);
  });
  test('passes when the pod\'s ServiceAccount in the chart turns it off', () => {
    const d = deploymentWith((_d, pod) => { delete pod.automountServiceAccountToken; });
    expect(check(SERVICE_ACCOUNT_TOKEN, d)).toEqual([]);
  });
  test('fails when neither does', () => {
    const d = deploymentWith((_d, pod) => { delete pod.automountServiceAccountToken; });
    expect(check(SERVICE_ACCOUNT_TOKEN, d, { objects: [d, ...withoutKind('ServiceAccount')] })).toEqual([
      { field: `${POD}.automountServiceAccountToken`, found: 'absent', expected: 'false, here or on ServiceAccount "orders-api" in the same chart' },
    ]);
  });
  test('fails a pod that turns it back on over its ServiceAccount', () => {
    expect(fields(check(SERVICE_ACCOUNT_TOKEN, deploymentWith((_d, pod) => { pod.automountServiceAccountToken = true; })))).toEqual([`${POD}.automountServiceAccountToken`]);
  });
});

describe('workload.read-only-root-fs', () => {
  test('is a security rule', () => {
    expect(READ_ONLY_ROOT_FS.category).toBe(RuleCategory.SECURITY);
  });
  test('passes a read-only container', () => {
    expect(check(READ_ONLY_ROOT_FS, deployment())).toEqual([]);
  });
  test('fails a writable one', () => {
    expect(check(READ_ONLY_ROOT_FS, deploymentWith((_d, pod) => { main(pod).securityContext.readOnlyRootFilesystem = false; }))).toEqual([
      { field: `${MAIN}.securityContext.readOnlyRootFilesystem`, found: 'false', expected: 'true' },
    ]);
  });
});
