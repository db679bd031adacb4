import { PostgresDependency } from '../../src/dependencies/postgres-dependency';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../../src/platform/restricted-security';
import { Tier } from '../../src/platform/tier';
import { dependencyEnvironment, find, synth } from '../support/fixtures';

describe('PostgresSeed', () => {
  const env = dependencyEnvironment(Tier.DEVELOPMENT);
  new PostgresDependency(env, 'orders-db', { seed: 'last-7-days-anonymized' });
  const objects = synth(env);
  const job = find(objects, 'Job', 'orders-db-seed');
  const pod = job.spec.template.spec;
  const [wait] = pod.initContainers;
  const [seed] = pod.containers;
  const secret = (key: string) => ({ secretKeyRef: { name: 'orders-db', key } });

  test('runs the platform seed image with its arguments, once, with bounded retries', () => {
    expect(seed.image).toBe('registry.acme.dev/data/seed-orders:2024.06.1');
    expect(seed.args).toEqual(['--days', '7']);
    expect(pod.restartPolicy).toBe('Never');
    expect(job.spec).toMatchObject({ backoffLimit: 6, activeDeadlineSeconds: 1800 });
    expect(job.spec.ttlSecondsAfterFinished).toBeUndefined();
  });

  test('connects with the generated credentials exactly as services do', () => {
    expect(seed.env).toEqual([
      { name: 'PGHOST', valueFrom: secret('host') },
      { name: 'PGPORT', valueFrom: secret('port') },
      { name: 'PGDATABASE', valueFrom: secret('dbname') },
      { name: 'PGUSER', valueFrom: secret('username') },
      { name: 'PGPASSWORD', valueFrom: secret('password') },
      { name: 'PGSSLMODE', value: 'disable' },
    ]);
  });

  test('waits until the database accepts connections before seeding', () => {
    expect(wait.image).toBe('registry.acme.dev/mirror/postgres:16');
    expect(wait.command).toEqual(['sh', '-c', 'until pg_isready -h "$PGHOST" -p "$PGPORT"; do sleep 2; done']);
    expect(wait.env).toEqual([{ name: 'PGHOST', valueFrom: secret('host') }, { name: 'PGPORT', valueFrom: secret('port') }]);
  });

  test('meets the restricted controls in every container, as the platform user', () => {
    expect(pod.securityContext).toEqual(restrictedPodSecurityContext(10001));
    for (const container of [wait, seed]) {
      expect(container.securityContext).toEqual(restrictedContainerSecurityContext(10001));
      expect(container.resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } });
    }
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(find(objects, 'ServiceAccount', 'orders-db-seed').automountServiceAccountToken).toBe(false);
  });

  // kube-score (container-image-pull-policy) and Checkov (CKV_K8S_15): as the services' containers.
  test('pulls its images on every start', () => {
    expect([wait.imagePullPolicy, seed.imagePullPolicy]).toEqual(['Always', 'Always']);
  });

  test('reaches the database and nothing else, and the database admits it', () => {
    const seedPods = { 'app.kubernetes.io/name': 'orders-db-seed', 'app.kubernetes.io/instance': 'orders-db-seed' };
    const dbPods = { 'app.kubernetes.io/name': 'orders-db', 'app.kubernetes.io/instance': 'orders-db' };
    expect(find(objects, 'NetworkPolicy', 'orders-db-seed').spec).toEqual({
      podSelector: { matchLabels: seedPods },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [],
      egress: [{ to: [{ podSelector: { matchLabels: dbPods } }], ports: [{ port: 5432, protocol: 'TCP' }] }],
    });
    expect(find(objects, 'NetworkPolicy', 'orders-db').spec.ingress).toEqual([{ from: [{ podSelector: { matchLabels: seedPods } }], ports: [{ port: 5432, protocol: 'TCP' }] }]);
  });
});
