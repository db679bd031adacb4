import { containerOf, deploymentOf, podSpec } from './fixtures';
import { ResourcePreset } from '../../src/platform/resource-preset';
import { Tier } from '../../src/platform/tier';
import { find, synth, testEnvironment, testPlatform, testService } from '../support/fixtures';
import { expectRestrictedWorkloadPod } from '../support/restricted-pod';

describe('a service Deployment', () => {
  const env = testEnvironment(Tier.PRODUCTION);
  testService(env);
  const objects = synth(env);
  const container = containerOf(objects);
  const pod = podSpec(objects);

  test('runs as a fixed non-root user at pod and container level', () => {
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001 });
    expect(container.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001 });
  });

  test('has a read-only root filesystem with a bounded writable /tmp', () => {
    expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(container.volumeMounts).toEqual([{ mountPath: '/tmp', name: 'tmp' }]);
    expect(pod.volumes).toEqual([{ name: 'tmp', emptyDir: { sizeLimit: '256Mi' } }]);
  });

  test('the pod and its container get the restricted contexts every pod Paved builds gets, seccomp at both levels', () => {
    expectRestrictedWorkloadPod(pod, 10001);
  });

  test('runs as the user the platform names, under the same controls', () => {
    const own = testEnvironment(Tier.PRODUCTION, { platform: testPlatform({ runAsUser: 20000 }) });
    testService(own);
    expectRestrictedWorkloadPod(podSpec(synth(own)), 20000);
  });

  test('requests and limits come from the standard preset', () => {
    expect(container.resources).toEqual({ requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } });
  });

  test('has readiness, liveness and startup probes on the service port', () => {
    expect(container.readinessProbe.httpGet).toMatchObject({ path: '/readyz', port: 8080 });
    expect(container.livenessProbe.httpGet).toMatchObject({ path: '/livez', port: 8080 });
    expect(container.startupProbe.httpGet).toMatchObject({ path: '/livez', port: 8080 });
    // Two minutes of startup budget at one probe every ten seconds.
    expect(container.startupProbe.failureThreshold * container.startupProbe.periodSeconds).toBe(120);
  });

  test('leaves the replica count to the autoscaler and rolls out with no unavailable replica', () => {
    expect(deploymentOf(objects).spec.replicas).toBeUndefined();
    expect(deploymentOf(objects).spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } });
    const hpa = find(objects, 'HorizontalPodAutoscaler');
    expect(hpa.spec).toMatchObject({ minReplicas: 2, maxReplicas: 10, scaleTargetRef: { kind: 'Deployment', name: 'orders-api' } });
  });

  test('spreads pods across zones and, strictly in production, across nodes', () => {
    expect(pod.topologySpreadConstraints.map((c: any) => [c.topologyKey, c.whenUnsatisfiable])).toEqual([
      ['topology.kubernetes.io/zone', 'ScheduleAnyway'],
      ['kubernetes.io/hostname', 'DoNotSchedule'],
    ]);
  });
});

describe('a service Deployment by tier and props', () => {
  test('spreads across nodes only as a preference below staging', () => {
    const env = testEnvironment(Tier.DEVELOPMENT);
    testService(env, { replicas: { min: 1, max: 4 } });
    expect(podSpec(synth(env)).topologySpreadConstraints[1].whenUnsatisfiable).toBe('ScheduleAnyway');
  });

  test('sizes the container from the named preset', () => {
    const env = testEnvironment();
    testService(env, { resources: ResourcePreset.LARGE });
    expect(containerOf(synth(env)).resources.limits).toEqual({ cpu: '2', memory: '2048Mi' });
  });

  test('writes env variables sorted by name, so output does not depend on declaration order', () => {
    const env = testEnvironment();
    testService(env, { env: { ZED: '1', ALPHA: 'two' } });
    expect(containerOf(synth(env)).env).toEqual([{ name: 'ALPHA', value: 'two' }, { name: 'ZED', value: '1' }]);
  });

  test('passes command and args through', () => {
    const env = testEnvironment();
    testService(env, { command: ['/app/server'], args: ['--port', '8080'] });
    expect(containerOf(synth(env))).toMatchObject({ command: ['/app/server'], args: ['--port', '8080'] });
  });
});
