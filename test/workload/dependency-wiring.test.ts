import { Testing } from 'cdk8s';
import { BucketDependency } from '../../src/dependencies/bucket-dependency';
import { Dependency } from '../../src/dependencies/dependency';
import { PostgresDependency } from '../../src/dependencies/postgres-dependency';
import { RedisDependency } from '../../src/dependencies/redis-dependency';
import { Environment } from '../../src/environment/environment';
import { Errors } from '../../src/errors';
import { Tier } from '../../src/platform/tier';
import { PlatformService } from '../../src/service/platform-service';
import { PlatformServiceProps } from '../../src/service/platform-service-props';
import { allStrings } from '../dependencies/fixtures';
import { errorOf } from '../support/errors';
import { dependencyEnvironment, find, findAll, ORDERS, serviceWithDependencies, synth } from '../support/fixtures';
import { manifestsOf, validateAgainstSchemas } from '../support/schema';

const ORDERS_PODS = { 'app.kubernetes.io/name': 'orders-api', 'app.kubernetes.io/instance': 'orders-api' };


const fromSecret = (name: string, key: string) => ({ valueFrom: { secretKeyRef: { name, key } } });

describe('dependency wiring in production', () => {
  const { env, service, dependencies } = serviceWithDependencies(Tier.PRODUCTION);
  const objects = synth(env);
  const container = find(objects, 'Deployment', 'orders-api').spec.template.spec.containers[0];
  const policy = find(objects, 'NetworkPolicy', 'orders-api');

  test('keeps the dependencies on the service', () => {
    expect(service.dependencies).toEqual(dependencies);
  });

  test('reads every connection detail from the dependencies\' Secrets, after the plain variables', () => {
    expect(container.env).toEqual([
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'PGHOST', ...fromSecret('orders-db', 'host') },
      { name: 'PGPORT', ...fromSecret('orders-db', 'port') },
      { name: 'PGDATABASE', ...fromSecret('orders-db', 'dbname') },
      { name: 'PGUSER', ...fromSecret('orders-db', 'username') },
      { name: 'PGPASSWORD', ...fromSecret('orders-db', 'password') },
      { name: 'PGSSLMODE', value: 'require' },
      { name: 'REDIS_HOST', ...fromSecret('orders-cache', 'host') },
      { name: 'REDIS_PORT', ...fromSecret('orders-cache', 'port') },
      { name: 'REDIS_AUTH_TOKEN', ...fromSecret('orders-cache', 'auth_token') },
      { name: 'REDIS_TLS', value: 'true' },
      { name: 'BUCKET_NAME', ...fromSecret('invoices', 'bucket') },
      { name: 'AWS_REGION', ...fromSecret('invoices', 'region') },
    ]);
  });

  test('opens egress to RDS and ElastiCache on their ports, to the private networks only', () => {
    const egress = policy.spec.egress;
    expect(egress).toContainEqual({ to: [{ ipBlock: { cidr: '10.0.0.0/16' } }], ports: [{ port: 5432, protocol: 'TCP' }] });
    expect(egress).toContainEqual({ to: [{ ipBlock: { cidr: '10.0.0.0/16' } }], ports: [{ port: 6379, protocol: 'TCP' }] });
  });

  test('opens HTTPS to any address for S3 and STS, and declares why', () => {
    expect(policy.spec.egress).toContainEqual({ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 443, protocol: 'TCP' }] });
    expect(policy.spec.egress).toHaveLength(3);
    expect(policy.metadata.annotations['paved.dev/egress-internet']).toBe(
      'HTTPS to S3 and STS for bucket acme-payments-production-invoices-04af07: NetworkPolicies cannot select AWS endpoints by name',
    );
    // Dependencies open egress only: the one ingress is Prometheus, to the metrics port.
    expect(policy.spec.ingress.map((r: any) => r.from[0].namespaceSelector.matchLabels['kubernetes.io/metadata.name'])).toEqual(['monitoring']);
  });

  test('gives the service its own IAM role through IRSA', () => {
    expect(service.roleName).toBe('paved-payments-production-orders-api-20327e');
    expect(service.roleArn).toBe('arn:aws:iam::123456789012:role/paved-payments-production-orders-api-20327e');
    expect(find(objects, 'ServiceAccount', 'orders-api').metadata.annotations).toEqual({ 'eks.amazonaws.com/role-arn': service.roleArn });
  });

  test('reads every ExternalSecret\'s remote key from the naming contract', () => {
    for (const dependency of dependencies) {
      const keys = find(objects, 'ExternalSecret', dependency.name).spec.data.map((d: any) => d.remoteRef.key);
      expect(new Set(keys)).toEqual(new Set([dependency.cloudSecretName]));
    }
  });

  test('matches the snapshot', () => {
    expect(objects).toMatchSnapshot();
  });
});

describe('dependency wiring in development', () => {
  const { env, service } = serviceWithDependencies(Tier.DEVELOPMENT);
  const objects = synth(env);
  const policy = find(objects, 'NetworkPolicy', 'orders-api');

  test('opens egress to the in-cluster pods on their ports only', () => {
    expect(policy.spec.egress).toEqual([
      { to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 443, protocol: 'TCP' }] },
      { to: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'orders-cache', 'app.kubernetes.io/instance': 'orders-cache' } } }], ports: [{ port: 6379, protocol: 'TCP' }] },
      { to: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'orders-db', 'app.kubernetes.io/instance': 'orders-db' } } }], ports: [{ port: 5432, protocol: 'TCP' }] },
    ]);
  });

  test('is admitted by each in-cluster store', () => {
    for (const [name, port] of [['orders-db', 5432], ['orders-cache', 6379]] as const) {
      expect(find(objects, 'NetworkPolicy', name).spec.ingress).toContainEqual({ from: [{ podSelector: { matchLabels: ORDERS_PODS } }], ports: [{ port, protocol: 'TCP' }] });
    }
  });

  test('wires the same variables from the same Secret keys as in production', () => {
    const production = find(synth(serviceWithDependencies(Tier.PRODUCTION).env), 'Deployment', 'orders-api').spec.template.spec.containers[0].env;
    const development = find(objects, 'Deployment', 'orders-api').spec.template.spec.containers[0].env;
    const fromSecrets = (variables: any[]) => variables.filter((e) => e.valueFrom);
    expect(fromSecrets(development)).toEqual(fromSecrets(production));
    expect(development).toContainEqual({ name: 'REDIS_TLS', value: 'false' });
    expect(development).toContainEqual({ name: 'PGSSLMODE', value: 'disable' });
  });

  test('still gives the service a role for its bucket', () => {
    expect(service.roleArn).toBe('arn:aws:iam::123456789012:role/paved-payments-development-orders-api-ae7d16');
  });

  test('matches the snapshot', () => {
    expect(objects).toMatchSnapshot();
  });
});

describe.each([Tier.PREVIEW, Tier.DEVELOPMENT, Tier.STAGING, Tier.PRODUCTION])('dependency wiring in %s', (tier) => {
  const { env } = serviceWithDependencies(tier);
  const objects = synth(env);

  test('validates against the upstream Kubernetes and External Secrets schemas', () => {
    expect(() => validateAgainstSchemas(manifestsOf(env))).not.toThrow();
  });

  test('writes no secret value into any manifest', () => {
    expect(findAll(objects, 'Secret')).toEqual([]);
    const containers = objects.flatMap((o) => {
      const pod = o.spec?.template?.spec;
      return pod ? [...(pod.containers ?? []), ...(pod.initContainers ?? [])] : [];
    });
    for (const variable of containers.flatMap((c) => c.env ?? [])) {
      if (/PASS|TOKEN|AUTH|SECRET/.test(variable.name)) expect(variable).toEqual({ name: variable.name, valueFrom: { secretKeyRef: expect.any(Object) } });
    }
    // Every string that mentions a credential is a reference to one: a key, a template or a variable.
    const mentions = allStrings(objects).filter((s) => /password|auth_token|PGPASSWORD|REDISCLI_AUTH/i.test(s));
    for (const s of mentions) {
      expect(s).toMatch(/^(password|auth_token|PGPASSWORD|REDIS_AUTH_TOKEN|REDISCLI_AUTH|POSTGRES_PASSWORD|\$\(REDISCLI_AUTH\)|--requirepass|\{\{ \.password \}\}|\{\{-.*fromJson\)\.password -\}\}|Password)$/);
    }
  });
});

describe('dependency wiring with two of a kind', () => {
  test('prefixes every variable of that kind with its dependency name, and leaves the others alone', () => {
    const env = dependencyEnvironment(Tier.PRODUCTION);
    const orders = new PostgresDependency(env, 'orders-db');
    const ledger = new PostgresDependency(env, 'ledger-db');
    const cache = new RedisDependency(env, 'orders-cache');
    new PlatformService(env, 'orders-api', { ...ORDERS, dependencies: [orders, ledger, cache] });
    const names = find(synth(env), 'Deployment').spec.template.spec.containers[0].env.map((e: any) => e.name);
    expect(names).toEqual([
      'ORDERS_DB_PGHOST', 'ORDERS_DB_PGPORT', 'ORDERS_DB_PGDATABASE', 'ORDERS_DB_PGUSER', 'ORDERS_DB_PGPASSWORD', 'ORDERS_DB_PGSSLMODE',
      'LEDGER_DB_PGHOST', 'LEDGER_DB_PGPORT', 'LEDGER_DB_PGDATABASE', 'LEDGER_DB_PGUSER', 'LEDGER_DB_PGPASSWORD', 'LEDGER_DB_PGSSLMODE',
      'REDIS_HOST', 'REDIS_PORT', 'REDIS_AUTH_TOKEN', 'REDIS_TLS',
    ]);
  });

  test('opens one egress rule per port and CIDR, however many dependencies share it', () => {
    const env = dependencyEnvironment(Tier.PRODUCTION);
    const dependencies = [new PostgresDependency(env, 'orders-db'), new PostgresDependency(env, 'ledger-db')];
    new PlatformService(env, 'orders-api', { ...ORDERS, dependencies });
    expect(find(synth(env), 'NetworkPolicy', 'orders-api').spec.egress).toEqual([
      { to: [{ ipBlock: { cidr: '10.0.0.0/16' } }], ports: [{ port: 5432, protocol: 'TCP' }] },
    ]);
  });
});

describe('dependency wiring without a bucket', () => {
  test('needs no role and opens no internet egress', () => {
    const env = dependencyEnvironment(Tier.PRODUCTION);
    const service = new PlatformService(env, 'orders-api', { ...ORDERS, dependencies: [new PostgresDependency(env, 'orders-db')] });
    const objects = synth(env);
    expect(service.roleArn).toBeUndefined();
    expect(service.roleName).toBeUndefined();
    expect(find(objects, 'ServiceAccount', 'orders-api').metadata.annotations).toBeUndefined();
    expect(find(objects, 'NetworkPolicy', 'orders-api').metadata.annotations).toBeUndefined();
  });

  test('a service without dependencies is unchanged', () => {
    const env = dependencyEnvironment(Tier.PRODUCTION);
    const service = new PlatformService(env, 'orders-api', ORDERS);
    expect(service.dependencies).toEqual([]);
    expect(find(synth(env), 'NetworkPolicy', 'orders-api').spec.egress).toEqual([]);
  });
});

describe('dependency wiring errors', () => {
  test('rejects a dependency of another environment, naming both', () => {
    const app = Testing.app();
    const production = dependencyEnvironment(Tier.PRODUCTION, {}, app);
    const staging = dependencyEnvironment(Tier.STAGING, {}, app);
    const db = new PostgresDependency(staging, 'orders-db');
    const error = errorOf(() => new PlatformService(production, 'orders-api', { ...ORDERS, dependencies: [db] }));
    expect(Errors.isPavedError(error)).toBe(true);
    expect(error.message).toBe(
      'payments-production/orders-api: dependencies[0] (payments-staging/orders-db) belongs to environment payments-staging, not payments-production: a workload may use only dependencies of its own environment',
    );
  });

  test('rejects a dependency listed twice', () => {
    const env = dependencyEnvironment(Tier.PRODUCTION);
    const db = new PostgresDependency(env, 'orders-db');
    expect(() => new PlatformService(env, 'orders-api', { ...ORDERS, dependencies: [db, db] }))
      .toThrow('payments-production/orders-api: dependencies[1] (payments-production/orders-db) is listed twice');
  });

  test('rejects something that is not a dependency, without serialising it', () => {
    const env = dependencyEnvironment(Tier.PRODUCTION);
    expect(() => new PlatformService(env, 'orders-api', { ...ORDERS, dependencies: [env as any] }))
      .toThrow('dependencies[0] (Environment payments-production) is not a dependency: use a PostgresDependency, RedisDependency, BucketDependency or another Dependency');
    expect(() => new PlatformService(env, 'orders-api', { ...ORDERS, dependencies: 'orders-db' as any }))
      .toThrow('dependencies ("orders-db") must be a list of PostgresDependency, RedisDependency, BucketDependency or other Dependency constructs');
  });

  test('rejects a plain variable a dependency also sets', () => {
    const env = dependencyEnvironment(Tier.PRODUCTION);
    const db = new PostgresDependency(env, 'orders-db');
    expect(() => new PlatformService(env, 'orders-api', { ...ORDERS, env: { PGHOST: 'localhost' }, dependencies: [db] }))
      .toThrow('payments-production/orders-api: env key "PGHOST" is also set from dependency orders-db; remove it from env');
  });

  test('leaves the service name free when it rejects', () => {
    const env = dependencyEnvironment(Tier.PRODUCTION);
    const db = new PostgresDependency(env, 'orders-db');
    expect(() => new PlatformService(env, 'orders-api', { ...ORDERS, dependencies: [db, db] })).toThrow();
    expect(() => new PlatformService(env, 'orders-api', { ...ORDERS, dependencies: [db] })).not.toThrow();
  });
});
