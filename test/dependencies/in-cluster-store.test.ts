import { PostgresDependency } from '../../src/dependencies/postgres-dependency';
import { RedisDependency } from '../../src/dependencies/redis-dependency';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../../src/platform/restricted-security';
import { Tier } from '../../src/platform/tier';
import { PlatformService } from '../../src/service/platform-service';
import { dependencyEnvironment, find, synth } from '../support/fixtures';
import { manifestsOf, validateAgainstSchemas } from '../support/schema';

const STORES: Array<[string, string, number]> = [['Postgres', 'orders-db', 5432], ['Redis', 'orders-cache', 6379]];

describe.each(STORES)('in-cluster %s', (_kind, name, port) => {
  const env = dependencyEnvironment(Tier.DEVELOPMENT);
  const db = new PostgresDependency(env, 'orders-db');
  const cache = new RedisDependency(env, 'orders-cache');
  new PlatformService(env, 'orders-api', { image: 'registry.acme.dev/payments/orders-api:1.4.2', port: 8080, dependencies: [db, cache] });
  new PlatformService(env, 'reports', { image: 'registry.acme.dev/payments/reports:2.0.0', port: 8080 });
  const objects = synth(env);
  const statefulSet = find(objects, 'StatefulSet', name);
  const pod = statefulSet.spec.template.spec;
  const container = pod.containers[0];
  const selector = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': name };

  test('runs one replica that a torn-down environment takes its volume with', () => {
    expect(statefulSet.spec.replicas).toBe(1);
    expect(statefulSet.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Delete', whenScaled: 'Delete' });
  });

  test('runs as a fixed non-root user at pod and container level', () => {
    // The restricted contexts every pod Paved builds gets; test/platform/restricted-security.test.ts states them.
    expect(pod.securityContext).toEqual(restrictedPodSecurityContext(999));
    expect(container.securityContext).toEqual(restrictedContainerSecurityContext(999));
  });

  test('has every writable path on a bounded emptyDir or the data volume', () => {
    const volumes = new Map<string, any>(pod.volumes.map((v: any) => [v.name, v]));
    for (const mount of container.volumeMounts) {
      if (mount.name === 'data' && statefulSet.spec.volumeClaimTemplates) continue;
      expect(volumes.get(mount.name)?.emptyDir?.sizeLimit).toBeDefined();
    }
  });

  test('has its own service account, whose token is not mounted, and no service links', () => {
    expect(find(objects, 'ServiceAccount', name).automountServiceAccountToken).toBe(false);
    expect(pod.serviceAccountName).toBe(name);
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.enableServiceLinks).toBe(false);
  });

  test('has requests, limits and startup, readiness and liveness probes', () => {
    expect(container.resources.requests).toEqual({ cpu: '100m', memory: '128Mi' });
    expect(container.resources.limits).toEqual({ cpu: '500m', memory: '256Mi' });
    for (const probe of ['startupProbe', 'readinessProbe']) expect(container[probe].exec.command.length).toBeGreaterThan(0);
    expect(container.startupProbe.failureThreshold * container.startupProbe.periodSeconds).toBe(300);
  });

  // kube-score (pod-probes-identical): a liveness probe as strict as readiness restarts a store
  // that is only busy.
  test('checks liveness by its port, less strictly than readiness', () => {
    expect(container.livenessProbe.tcpSocket).toEqual({ port });
    expect(container.livenessProbe.exec).toBeUndefined();
    expect(container.livenessProbe).not.toEqual(container.readinessProbe);
  });

  // kube-score (container-image-pull-policy) and Checkov (CKV_K8S_15): as the services' containers.
  test('pulls its image on every start', () => {
    expect(container.imagePullPolicy).toBe('Always');
  });

  test('is reached through a ClusterIP Service and named by a headless one', () => {
    const ports = [{ name: expect.any(String), port, targetPort: port, protocol: 'TCP' }];
    expect(find(objects, 'Service', name).spec).toEqual({ type: 'ClusterIP', selector, ports });
    expect(find(objects, 'Service', `${name}-headless`).spec).toEqual({ clusterIP: 'None', selector, ports });
    expect(statefulSet.spec.serviceName).toBe(`${name}-headless`);
  });

  test('admits only the services that declared it, on its port, and sends nothing', () => {
    expect(find(objects, 'NetworkPolicy', name).spec).toEqual({
      podSelector: { matchLabels: selector },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{
        from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'orders-api', 'app.kubernetes.io/instance': 'orders-api' } } }],
        ports: [{ port, protocol: 'TCP' }],
      }],
      egress: [],
    });
  });

  test('generates its password in the cluster, once', () => {
    expect(find(objects, 'Password', name)).toMatchObject({
      apiVersion: 'generators.external-secrets.io/v1alpha1',
      spec: { length: 32, digits: 8, symbols: 0, noUpper: false, allowRepeat: true },
    });
    const external = find(objects, 'ExternalSecret', name).spec;
    expect(external.refreshPolicy).toBe('CreatedOnce');
    expect(external.refreshInterval).toBe('0s');
    expect(external.secretStoreRef).toBeUndefined();
    expect(external.dataFrom).toEqual([{ sourceRef: { generatorRef: { apiVersion: 'generators.external-secrets.io/v1alpha1', kind: 'Password', name } } }]);
    expect(external.target).toMatchObject({ name, creationPolicy: 'Owner' });
  });

  test('labels its pods for ownership like a service', () => {
    expect(statefulSet.spec.template.metadata.labels).toMatchObject({
      ...selector, 'app.kubernetes.io/managed-by': 'paved', 'app.kubernetes.io/part-of': 'payments', 'paved.dev/team': 'payments', 'paved.dev/tier': 'development',
    });
  });

  test('validates against the upstream schemas', () => {
    expect(() => validateAgainstSchemas(manifestsOf(env))).not.toThrow();
  });
});

describe('in-cluster images', () => {
  test('come from the repositories the platform names', () => {
    const env = dependencyEnvironment(Tier.PREVIEW, { inClusterImages: { postgresRepository: 'registry.acme.dev/base/postgres', redisRepository: 'registry.acme.dev/base/redis' } });
    new PostgresDependency(env, 'orders-db', { version: '17' });
    new RedisDependency(env, 'orders-cache');
    const images = synth(env).filter((o) => o.kind === 'StatefulSet').map((s) => s.spec.template.spec.containers[0].image);
    expect(images).toEqual(['registry.acme.dev/base/postgres:17', 'registry.acme.dev/base/redis:7.0']);
  });
});
