import { ApiObject, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { ResourcePreset } from '../../src/platform/resource-preset';
import { restrictedContainerSecurityContext } from '../../src/platform/restricted-security';
import { Tier } from '../../src/platform/tier';
import { ResolvedHealth } from '../../src/worker/resolve-worker';
import { createWorkerDeployment, WorkerDeploymentModel } from '../../src/worker/worker-deployment';
import { testEnvironment } from '../support/fixtures';

const HTTP: ResolvedHealth = { kind: 'http', port: 8080, readinessPath: '/readyz', livenessPath: '/livez' };

function deployment(overrides: Partial<WorkerDeploymentModel> = {}, tier = Tier.PRODUCTION): any {
  const env = testEnvironment(tier, {}, Testing.app());
  const serviceAccount = new kplus.ServiceAccount(env, 'ServiceAccount', { metadata: { name: 'invoicer' }, automountToken: false });
  const selector = { 'app.kubernetes.io/name': 'invoicer' };
  const built = createWorkerDeployment(env, {
    name: 'invoicer',
    image: 'registry.acme.dev/payments/invoicer:2.3.1',
    replicas: { min: 2, max: 10 },
    scaled: true,
    resources: env.platform.resolvePreset(ResourcePreset.STANDARD, 'test'),
    env: { LOG_LEVEL: 'info' },
    health: HTTP,
    terminationGraceSeconds: 90,
    labels: selector,
    podLabels: selector,
    selector,
    serviceAccount,
    platform: env.platform,
    tier: env.settings,
    ...overrides,
  });
  // The object alone: the chart's policy would hold this fragment of a worker to the whole golden path.
  return ApiObject.of(built).toJson();
}

describe('createWorkerDeployment', () => {
  test('leaves replicas to the scaler when scaled, so a GitOps sync does not reset them', () => {
    expect(deployment().spec).not.toHaveProperty('replicas');
    expect(deployment({ scaled: false, replicas: { min: 3, max: 3 } }).spec.replicas).toBe(3);
  });

  test('runs the restricted pod: the container context every pod gets, no token, seccomp at pod level', () => {
    const pod = deployment().spec.template.spec;
    expect(pod.containers[0].securityContext).toEqual(restrictedContainerSecurityContext(10001));
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
    expect(deployment().spec.template.metadata.labels).not.toHaveProperty(['cdk8s.io/metadata.addr']);
  });

  test('gives a stopping replica its grace period to finish what it holds', () => {
    expect(deployment().spec.template.spec.terminationGracePeriodSeconds).toBe(90);
  });

  test('probes readiness, liveness and start-up over HTTP on the health port, which it names', () => {
    const container = deployment().spec.template.spec.containers[0];
    expect(container.readinessProbe.httpGet).toMatchObject({ path: '/readyz', port: 8080 });
    expect(container.livenessProbe.httpGet).toMatchObject({ path: '/livez', port: 8080 });
    // The platform's start-up grace of two minutes over its 10-second period.
    expect(container.startupProbe).toMatchObject({ httpGet: { path: '/livez', port: 8080 }, failureThreshold: 12 });
    expect(container.ports).toEqual([{ containerPort: 8080, name: 'health' }]);
  });

  test('probes with commands for exec health, and opens no port', () => {
    const container = deployment({ health: { kind: 'exec', livenessCommand: ['/app/live'], readinessCommand: ['/app/ready'] } }).spec.template.spec.containers[0];
    expect(container.readinessProbe.exec).toEqual({ command: ['/app/ready'] });
    expect(container.livenessProbe.exec).toEqual({ command: ['/app/live'] });
    expect(container.startupProbe.exec).toEqual({ command: ['/app/live'] });
    expect(container.ports).toBeUndefined();
  });

  test('names a metrics port "metrics", once, also when it is the health port', () => {
    expect(deployment({ metricsPort: 9090 }).spec.template.spec.containers[0].ports)
      .toEqual([{ containerPort: 8080, name: 'health' }, { containerPort: 9090, name: 'metrics' }]);
    expect(deployment({ metricsPort: 8080 }).spec.template.spec.containers[0].ports).toEqual([{ containerPort: 8080, name: 'metrics' }]);
  });

  test('spreads over zones and nodes only when it may run more than one replica, strictly per the tier', () => {
    const strict = deployment().spec.template.spec.topologySpreadConstraints;
    expect(strict.map((c: any) => [c.topologyKey, c.whenUnsatisfiable])).toEqual([
      ['topology.kubernetes.io/zone', 'ScheduleAnyway'], ['kubernetes.io/hostname', 'DoNotSchedule'],
    ]);
    expect(deployment({ replicas: { min: 1, max: 2 } }, Tier.DEVELOPMENT).spec.template.spec.topologySpreadConstraints[1].whenUnsatisfiable).toBe('ScheduleAnyway');
    expect(deployment({ replicas: { min: 1, max: 1 }, scaled: false }, Tier.DEVELOPMENT).spec.template.spec).not.toHaveProperty('topologySpreadConstraints');
  });

  test('replaces running replicas without ever having fewer available', () => {
    expect(deployment().spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } });
  });
});
