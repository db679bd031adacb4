import { ApiObject, Duration, JsonPatch, Testing } from 'cdk8s';
import { INVOICER, queueWorker, TestQueue, workerEnvironment } from './fixtures';
import { catalogEntities } from '../../src/catalog/catalog-entities';
import { CostEstimate } from '../../src/cost/cost-estimate';
import { Environment } from '../../src/environment/environment';
import { Errors } from '../../src/errors';
import { Tier } from '../../src/platform/tier';
import { PolicyTesting } from '../../src/policy/policy-testing';
import { PlatformService } from '../../src/service/platform-service';
import { Worker } from '../../src/worker/worker';
import { WorkerHealth } from '../../src/worker/worker-health';
import { WorkerScaling } from '../../src/worker/worker-scaling';
import { WorkloadKind } from '../../src/workload/workload-kind';
import { validateCatalogEntities } from '../support/catalog';
import { errorOf } from '../support/errors';
import { everyPack, find, findAll, synth } from '../support/fixtures';
import { manifestsOf, validateAgainstSchemas } from '../support/schema';

/** The platform's Prometheus, admitted to a worker's metrics port only. */
const PROMETHEUS = {
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } },
  podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } },
};

const kindsOf = (objects: any[], name = 'invoicer') => objects.filter((o) => o.metadata.name === name).map((o) => o.kind).sort();
const deploymentOf = (objects: any[]) => find(objects, 'Deployment', 'invoicer');

function cpuWorker(env: Environment, props: any = {}): Worker {
  return new Worker(env, 'invoicer', { ...INVOICER, scaling: WorkerScaling.cpu(), ...props });
}

describe('Worker on a queue', () => {
  const env = workerEnvironment(Tier.PRODUCTION);
  const { worker, queue } = queueWorker(env);
  const objects = synth(env);

  test('emits the objects of a consumer: no Service, no Ingress, no HPA of its own', () => {
    // The TriggerAuthentication is the queue's, shared by every worker scaled on it.
    expect(kindsOf(objects)).toEqual(['Deployment', 'NetworkPolicy', 'PodDisruptionBudget', 'PrometheusRule', 'ScaledObject', 'ServiceAccount']);
    expect(findAll(objects, 'Service')).toEqual([]);
    expect(findAll(objects, 'Ingress')).toEqual([]);
  });

  test('is a workload of kind worker, labelled as one', () => {
    expect(Worker.isWorker(worker)).toBe(true);
    expect(Worker.isWorker(queue)).toBe(false);
    expect(worker.kind).toBe(WorkloadKind.WORKER);
    for (const object of objects.filter((o) => o.metadata.name === 'invoicer')) {
      expect(object.metadata.labels).toMatchObject({ 'app.kubernetes.io/component': 'worker', 'paved.dev/team': 'payments', 'backstage.io/kubernetes-id': 'invoicer' });
    }
    expect(deploymentOf(objects).spec.template.metadata.labels).toMatchObject({ 'app.kubernetes.io/component': 'worker', 'paved.dev/tier': 'production', 'paved.dev/team': 'payments' });
  });

  test('leaves the replica count to KEDA: the Deployment has no replicas field', () => {
    expect(deploymentOf(objects).spec).not.toHaveProperty('replicas');
  });

  test('scales on the queue within the replica range, through the queue\'s TriggerAuthentication', () => {
    const scaled = find(objects, 'ScaledObject', 'invoicer').spec;
    expect([scaled.minReplicaCount, scaled.maxReplicaCount]).toEqual([2, 10]);
    expect(scaled.triggers).toEqual([{
      type: 'aws-sqs-queue',
      metadata: { queueURL: queue.queueUrl, queueLength: '5', activationQueueLength: '0', awsRegion: 'eu-west-1' },
      authenticationRef: { name: 'invoices', kind: 'TriggerAuthentication' },
    }]);
    // The queue's TriggerAuthentication: KEDA reads the queue with the queue's scaler role, not the worker's.
    expect(find(objects, 'TriggerAuthentication', 'invoices').spec).toEqual({ podIdentity: { provider: 'aws', roleArn: 'arn:aws:iam::123456789012:role/invoices-scaler' } });
    expect(worker.triggerAuthentication).toBe(queue.node.findChild('TriggerAuthentication'));
    expect([...queue.consumers]).toEqual(['invoicer']);
  });

  test('has an IAM role of its own on its ServiceAccount, which KEDA reads the queue with', () => {
    expect(worker.roleArn).toMatch(/^arn:aws:iam::123456789012:role\/paved-payments-production-invoicer-/);
    expect(find(objects, 'ServiceAccount', 'invoicer').metadata.annotations).toEqual({ 'eks.amazonaws.com/role-arn': worker.roleArn });
    expect(find(objects, 'ServiceAccount', 'invoicer').automountServiceAccountToken).toBe(false);
  });

  test('is wired to its queue: variables from its Secret, egress on its port only, nothing admitted', () => {
    expect(deploymentOf(objects).spec.template.spec.containers[0].env.map((e: any) => e.name)).toEqual(['QUEUE_URL', 'AWS_REGION']);
    const policy = find(objects, 'NetworkPolicy', 'invoicer').spec;
    expect(policy.ingress).toEqual([]);
    expect(policy.egress).toEqual([{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 443, protocol: 'TCP' }] }]);
  });

  test('alerts on the age of the queue\'s oldest message and on its dead letters', () => {
    const rules = find(objects, 'PrometheusRule', 'invoicer').spec.groups[0].rules;
    expect(rules.map((r: any) => r.alert)).toEqual(['WorkerRestarting', 'WorkerUnavailable', 'WorkerQueueBacklogAging', 'WorkerDeadLetters']);
    expect(rules[2].expr).toBe(`${queue._oldestMessageAgeExpression()} > 900`);
    expect(rules[3].expr).toBe(`${queue._deadLetterDepthExpression()} > 0`);
  });

  test('keeps all but one replica through voluntary disruptions', () => {
    expect(find(objects, 'PodDisruptionBudget', 'invoicer').spec).toEqual({
      maxUnavailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': 'invoicer', 'app.kubernetes.io/instance': 'invoicer' } },
    });
  });

  test('passes every rule pack', () => {
    PolicyTesting.assertPasses(env, { packs: everyPack() });
  });
});

describe('Worker on CPU', () => {
  const env = workerEnvironment(Tier.PRODUCTION);
  const worker = cpuWorker(env, { scaling: WorkerScaling.cpu({ targetUtilization: 60 }) });
  const objects = synth(env);

  test('scales through an HPA on the Deployment, which then has no replicas field', () => {
    expect(kindsOf(objects)).toEqual(['Deployment', 'HorizontalPodAutoscaler', 'NetworkPolicy', 'PodDisruptionBudget', 'PrometheusRule', 'ServiceAccount']);
    const hpa = find(objects, 'HorizontalPodAutoscaler', 'invoicer').spec;
    expect([hpa.minReplicas, hpa.maxReplicas, hpa.metrics[0].resource.target.averageUtilization]).toEqual([2, 10, 60]);
    expect(hpa.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: 'invoicer' });
    expect(deploymentOf(objects).spec).not.toHaveProperty('replicas');
    expect(worker.autoscaler).toBeDefined();
  });

  test('alerts on restarts and availability only: it knows no queue', () => {
    expect(find(objects, 'PrometheusRule', 'invoicer').spec.groups[0].rules.map((r: any) => r.alert)).toEqual(['WorkerRestarting', 'WorkerUnavailable']);
  });

  test('has no role when no dependency needs one', () => {
    expect(worker.roleArn).toBeUndefined();
    expect(find(objects, 'ServiceAccount', 'invoicer').metadata.annotations).toBeUndefined();
  });

  test('passes every rule pack', () => {
    PolicyTesting.assertPasses(env, { packs: everyPack() });
  });
});

describe('Worker that scales to zero in staging', () => {
  const env = workerEnvironment(Tier.STAGING);
  const { worker } = queueWorker(env, { replicas: { min: 0, max: 3 } });
  const objects = synth(env);

  test('still has a disruption budget: under load it runs up to three replicas, drained one at a time', () => {
    expect(worker.disruptionBudget).toBeDefined();
    expect(find(objects, 'PodDisruptionBudget', 'invoicer').spec.maxUnavailable).toBe(1);
    expect(find(objects, 'ScaledObject', 'invoicer').spec).toMatchObject({ minReplicaCount: 0, maxReplicaCount: 3 });
  });

  test('passes every rule pack', () => {
    PolicyTesting.assertPasses(env, { packs: everyPack() });
  });
});

describe('Worker in preview', () => {
  test('scales to zero on its queue when asked, within the preview\'s one replica', () => {
    const env = workerEnvironment(Tier.PREVIEW);
    const { worker } = queueWorker(env, { replicas: { min: 0, max: 5 } });
    const objects = synth(env);
    expect(worker.replicas).toEqual({ min: 0, max: 1 });
    expect(find(objects, 'ScaledObject', 'invoicer').spec).toMatchObject({ minReplicaCount: 0, maxReplicaCount: 1 });
    expect(deploymentOf(objects).spec).not.toHaveProperty('replicas');
    // Scaled to zero, no replica is normal: unavailability is no replica once one is asked for.
    expect(find(objects, 'PrometheusRule', 'invoicer').spec.groups[0].rules[1].expr).toMatch(/kube_deployment_spec_replicas.*> 0 and /);
    PolicyTesting.assertPasses(env, { packs: everyPack() });
  });

  test('runs exactly one replica with the tier\'s default range: no scaler, no budget, no spread', () => {
    const env = workerEnvironment(Tier.PREVIEW);
    const { worker } = queueWorker(env);
    const objects = synth(env);
    expect(kindsOf(objects)).toEqual(['Deployment', 'NetworkPolicy', 'PrometheusRule', 'ServiceAccount']);
    expect(deploymentOf(objects).spec.replicas).toBe(1);
    expect(deploymentOf(objects).spec.template.spec).not.toHaveProperty('topologySpreadConstraints');
    expect(worker.scaledObject).toBeUndefined();
    // The queue is still known, so its backlog is still watched.
    expect(find(objects, 'PrometheusRule', 'invoicer').spec.groups[0].rules.map((r: any) => r.alert)).toContain('WorkerQueueBacklogAging');
  });
});

describe('Worker options', () => {
  test('with a metrics port: a PodMonitor, and Prometheus admitted on that port only', () => {
    const env = workerEnvironment(Tier.PRODUCTION);
    const worker = cpuWorker(env, { observability: { metricsPort: 9090 } });
    const objects = synth(env);
    expect(find(objects, 'PodMonitor', 'invoicer').spec.podMetricsEndpoints).toEqual([{ port: 'metrics', path: '/metrics', interval: '30s', scheme: 'http' }]);
    expect(find(objects, 'NetworkPolicy', 'invoicer').spec.ingress).toEqual([{ from: [PROMETHEUS], ports: [{ port: 9090, protocol: 'TCP' }] }]);
    expect(worker.podMonitor).toBeDefined();
    PolicyTesting.assertPasses(env, { packs: everyPack() });
  });

  test('with observability off: no alerts, no monitor, and the Deployment says so', () => {
    const env = workerEnvironment(Tier.PRODUCTION);
    cpuWorker(env, { observability: { enabled: false, metricsPort: 9090 } });
    const objects = synth(env);
    expect(findAll(objects, 'PrometheusRule')).toEqual([]);
    expect(findAll(objects, 'PodMonitor')).toEqual([]);
    expect(find(objects, 'NetworkPolicy', 'invoicer').spec.ingress).toEqual([]);
    expect(deploymentOf(objects).metadata.annotations).toEqual({ 'paved.dev/observability': 'off' });
  });

  test('with a queue that needs no pod identity: no TriggerAuthentication, and the trigger references none', () => {
    const env = workerEnvironment(Tier.PRODUCTION);
    queueWorker(env, {}, new TestQueue(env, 'invoices', { podIdentity: false }));
    const objects = synth(env);
    expect(findAll(objects, 'TriggerAuthentication')).toEqual([]);
    expect(find(objects, 'ScaledObject', 'invoicer').spec.triggers[0]).not.toHaveProperty('authenticationRef');
  });

  test('with exec health, a grace period and a command, every pack still passes', () => {
    const env = workerEnvironment(Tier.PRODUCTION);
    cpuWorker(env, {
      health: WorkerHealth.exec({ livenessCommand: ['/app/healthcheck'] }),
      terminationGracePeriod: Duration.minutes(5),
      command: ['/app/worker'],
      args: ['--concurrency', '4'],
    });
    const pod = deploymentOf(synth(env)).spec.template.spec;
    expect(pod.terminationGracePeriodSeconds).toBe(300);
    expect(pod.containers[0].command).toEqual(['/app/worker']);
    expect(pod.containers[0].livenessProbe.exec).toEqual({ command: ['/app/healthcheck'] });
    PolicyTesting.assertPasses(env, { packs: everyPack() });
  });
});

describe('Worker and other workloads', () => {
  test('can call a service: the service admits the worker\'s pods, the worker reaches the service', () => {
    const env = workerEnvironment(Tier.PRODUCTION);
    const worker = cpuWorker(env);
    const api = new PlatformService(env, 'orders-api', { image: 'registry.acme.dev/payments/orders-api:1.4.2', port: 8080 });
    api.allowFrom(worker);
    const objects = synth(env);
    const workerPods = { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'invoicer', 'app.kubernetes.io/instance': 'invoicer' } } };
    const apiPods = { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'orders-api', 'app.kubernetes.io/instance': 'orders-api' } } };
    expect(find(objects, 'NetworkPolicy', 'orders-api').spec.ingress).toContainEqual({ from: [workerPods], ports: [{ port: 8080, protocol: 'TCP' }] });
    expect(find(objects, 'NetworkPolicy', 'invoicer').spec.egress).toEqual([{ to: [apiPods], ports: [{ port: 8080, protocol: 'TCP' }] }]);
    PolicyTesting.assertPasses(env, { packs: everyPack() });
  });

  test('is a catalog Component of type worker, depending on its queue', async () => {
    const env = workerEnvironment(Tier.PRODUCTION);
    queueWorker(env);
    const entities = catalogEntities(env);
    const component = entities.find((e) => e.kind === 'Component');
    expect(component.metadata.name).toBe('invoicer');
    expect(component.metadata.description).toBe('Worker invoicer of team payments, generated by Paved from its declaration.');
    expect(component.spec).toMatchObject({ type: 'worker', lifecycle: 'production', owner: 'group:default/payments', dependsOn: ['resource:default/invoices'] });
    await validateCatalogEntities(entities);
  });

  test('is priced from its replica range', () => {
    const env = workerEnvironment(Tier.PREVIEW);
    queueWorker(env, { replicas: { min: 0, max: 3 } });
    const line = CostEstimate.of(env).lines.find((l) => l.name === 'invoicer')!;
    expect(line).toMatchObject({ kind: 'worker', monthlyUsdMin: 0 });
    expect(line.monthlyUsdMax).toBeGreaterThan(0);
    expect(line.basis).toMatch(/^0–1 replica\(s\) × /);
  });
});

describe('Worker under policy', () => {
  test('a worker made privileged through an escape hatch is reported, and fails the synth in production', () => {
    const env = workerEnvironment(Tier.PRODUCTION);
    const worker = cpuWorker(env);
    ApiObject.of(worker.deployment).addJsonPatch(JsonPatch.replace('/spec/template/spec/containers/0/securityContext/privileged', true));
    expect(PolicyTesting.ruleIds(env, { packs: everyPack() })).toEqual(['pss.baseline.privileged']);
    expect(() => Testing.synth(env)).toThrow(/pss\.baseline\.privileged  payments-production\/invoicer  Deployment\/invoicer/);
  });

  test('a ScaledObject lowered to one replica in production through an escape hatch is reported', () => {
    const env = workerEnvironment(Tier.PRODUCTION);
    const { worker } = queueWorker(env);
    worker.scaledObject!.addJsonPatch(JsonPatch.replace('/spec/minReplicaCount', 1));
    expect(PolicyTesting.ruleIds(env, { packs: everyPack() })).toContain('workload.replicas');
  });

  test('passes every pack in every tier, on a queue and on CPU', () => {
    for (const tier of Tier.all()) {
      const env = workerEnvironment(tier);
      queueWorker(env);
      new Worker(env, 'reporter', { ...INVOICER, scaling: WorkerScaling.cpu(), observability: { metricsPort: 9090 } });
      PolicyTesting.assertPasses(env, { packs: everyPack() });
    }
  });

  test('its Kubernetes objects match the upstream schemas; its KEDA objects have no schema package here', () => {
    const env = workerEnvironment(Tier.PRODUCTION);
    queueWorker(env, { observability: { metricsPort: 9090 } });
    const objects = manifestsOf(env);
    const keda = objects.filter((o) => o.apiVersion === 'keda.sh/v1alpha1');
    // @kubernetes-models/keda is not a dependency yet: these two are checked by the tests above instead.
    expect(keda.map((o) => o.kind).sort()).toEqual(['ScaledObject', 'TriggerAuthentication']);
    expect(() => validateAgainstSchemas(objects.filter((o) => !keda.includes(o)))).not.toThrow();
  });
});

describe('Worker errors', () => {
  test('names the path, the prop and the value, and leaves nothing behind', () => {
    const env = workerEnvironment(Tier.PRODUCTION);
    const error = errorOf(() => cpuWorker(env, { replicas: { min: 5, max: 2 } }));
    expect(Errors.isPavedError(error)).toBe(true);
    expect(error.message).toBe('payments-production/invoicer: replicas.min (5) must not exceed replicas.max (2)');
    expect(env.node.tryFindChild('invoicer')).toBeUndefined();
    cpuWorker(env);
    expect(findAll(synth(env), 'Deployment')).toHaveLength(1);
  });

  test('refuses a name another workload has in the environment', () => {
    const env = workerEnvironment(Tier.PRODUCTION);
    new PlatformService(env, 'invoicer', { image: 'registry.acme.dev/payments/orders-api:1.4.2', port: 8080 });
    expect(() => new Worker(env, 'invoicer2', { ...INVOICER, name: 'invoicer' })).toThrow('payments-production/invoicer2: name "invoicer" is already used by payments-production/invoicer in namespace payments-production');
  });
});

describe('Worker snapshots', () => {
  test.each([
    ['on a queue in production', Tier.PRODUCTION, 'queue'],
    ['on a queue in preview, scaled to zero', Tier.PREVIEW, 'queue'],
    ['on CPU in production, with metrics', Tier.PRODUCTION, 'cpu'],
    ['on CPU in preview, with metrics', Tier.PREVIEW, 'cpu'],
  ])('%s', (_what, tier, scaling) => {
    const env = workerEnvironment(tier as Tier);
    if (scaling === 'queue') queueWorker(env, { replicas: tier === Tier.PRODUCTION ? { min: 2, max: 20 } : { min: 0, max: 20 } });
    else cpuWorker(env, { observability: { metricsPort: 9090 } });
    expect(synth(env).filter((o) => ['invoicer', 'invoices'].includes(o.metadata.name))).toMatchSnapshot();
  });
});
