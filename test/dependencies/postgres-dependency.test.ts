import { PostgresDependency } from '../../src/dependencies/postgres-dependency';
import { DatabaseSize, CacheSize } from '../../src/dependencies/sizes';
import { Errors } from '../../src/errors';
import { Tier } from '../../src/platform/tier';
import { errorOf } from '../support/errors';
import { dependencyEnvironment, find, findAll, synth } from '../support/fixtures';
import { manifestsOf, validateAgainstSchemas } from '../support/schema';

describe('PostgresDependency in the cloud', () => {
  const env = dependencyEnvironment(Tier.PRODUCTION);
  const db = new PostgresDependency(env, 'orders-db', { version: '15', size: DatabaseSize.MEDIUM });
  const objects = synth(env);
  const external = find(objects, 'ExternalSecret', 'orders-db').spec;

  test('keeps the declared version and size, and defaults the database and user', () => {
    expect([db.version, db.size, db.databaseName, db.username]).toEqual(['15', DatabaseSize.MEDIUM, 'orders_db', 'app']);
  });

  test('emits one ExternalSecret and no in-cluster workload', () => {
    expect(objects.map((o) => o.kind).filter((k) => !['Namespace', 'NetworkPolicy', 'ResourceQuota', 'LimitRange'].includes(k))).toEqual(['ExternalSecret']);
    expect(db.statefulSet).toBeUndefined();
  });

  test('reads host, port, database and user from the contract secret through the platform store', () => {
    expect(external.secretStoreRef).toEqual({ kind: 'ClusterSecretStore', name: 'aws-secrets-manager' });
    expect(external.refreshInterval).toBe('1h');
    expect(external.data).toEqual(['host', 'port', 'dbname', 'username'].map((property) => ({
      secretKey: property,
      remoteRef: { key: 'paved/acme/payments-production/orders-db', property },
    })));
  });

  test('finds the RDS-managed master secret by the tag RDS puts on it, and renames it to a valid key', () => {
    expect(external.dataFrom).toEqual([{
      find: { tags: { 'aws:rds:primaryDBInstanceArn': 'arn:aws:rds:eu-west-1:123456789012:db:acme-payments-production-orders-db-0fb39f' } },
      rewrite: [{ regexp: { source: '^rds!db-', target: 'rds-master-' } }],
    }]);
  });

  test('writes an owned Secret with the keys services read, the password taken only from exactly one found secret', () => {
    expect(external.target.name).toBe('orders-db');
    expect(external.target.creationPolicy).toBe('Owner');
    expect(external.target.template.engineVersion).toBe('v2');
    expect(Object.keys(external.target.template.data).sort()).toEqual(['dbname', 'host', 'password', 'port', 'username']);
    const password = external.target.template.data.password;
    expect(password).toContain('hasPrefix "rds-master-" $key');
    expect(password).toContain('if ne (len $found) 1 }}{{ fail');
    expect(password).toContain('(index $found 0 | fromJson).password');
  });

  test('validates against the External Secrets schema', () => {
    expect(() => validateAgainstSchemas(manifestsOf(env))).not.toThrow();
  });
});

describe('PostgresDependency in-cluster', () => {
  const env = dependencyEnvironment(Tier.DEVELOPMENT);
  const db = new PostgresDependency(env, 'orders-db', { size: DatabaseSize.LARGE, databaseName: 'orders', username: 'orders' });
  const objects = synth(env);
  const statefulSet = find(objects, 'StatefulSet', 'orders-db');
  const container = statefulSet.spec.template.spec.containers[0];

  test('runs the requested version from the platform mirror, as the image postgres user', () => {
    expect(container.image).toBe('registry.acme.dev/mirror/postgres:16');
    expect(container.securityContext).toMatchObject({ runAsUser: 999, runAsGroup: 999, runAsNonRoot: true });
  });

  test('initialises from the generated Secret, with its data in a subdirectory of the volume', () => {
    expect(container.env).toEqual([
      { name: 'POSTGRES_USER', valueFrom: { secretKeyRef: { name: 'orders-db', key: 'username' } } },
      { name: 'POSTGRES_PASSWORD', valueFrom: { secretKeyRef: { name: 'orders-db', key: 'password' } } },
      { name: 'POSTGRES_DB', valueFrom: { secretKeyRef: { name: 'orders-db', key: 'dbname' } } },
      { name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' },
    ]);
  });

  test('writes the data to a volume sized by the DatabaseSize, and only /tmp and the socket directory besides', () => {
    expect(statefulSet.spec.volumeClaimTemplates).toEqual([{
      metadata: { name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } },
    }]);
    expect(container.volumeMounts.map((m: any) => m.mountPath)).toEqual(['/var/lib/postgresql/data', '/tmp', '/var/run/postgresql']);
  });

  test('takes requests and limits from the size preset', () => {
    expect(container.resources).toEqual({ requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } });
  });

  test('probes startup and readiness with pg_isready, liveness by its port', () => {
    for (const probe of ['startupProbe', 'readinessProbe']) {
      expect(container[probe].exec.command).toEqual(['pg_isready', '-h', '127.0.0.1', '-p', '5432']);
    }
    expect(container.livenessProbe.tcpSocket).toEqual({ port: 5432 });
  });

  test('generates credentials with the same keys as the cloud Secret', () => {
    const external = find(objects, 'ExternalSecret', 'orders-db').spec;
    expect(external.target.template.data).toEqual({
      host: 'orders-db.payments-development.svc',
      port: '5432',
      dbname: 'orders',
      username: 'orders',
      password: '{{ .password }}',
    });
  });

  test('exposes the StatefulSet as an escape hatch', () => {
    expect(db.statefulSet?.name).toBe('orders-db');
    expect(db.seedJob).toBeUndefined();
    expect(findAll(objects, 'Job')).toEqual([]);
  });
});

describe('PostgresDependency seed', () => {
  test('seeds only in-cluster: staging and production hold real data', () => {
    const env = dependencyEnvironment(Tier.STAGING);
    const db = new PostgresDependency(env, 'orders-db', { seed: 'last-7-days-anonymized' });
    expect(db.seed).toBe('last-7-days-anonymized');
    expect(db.seedJob).toBeUndefined();
    expect(findAll(synth(env), 'Job')).toEqual([]);
  });

  test('runs the seed in preview', () => {
    const env = dependencyEnvironment(Tier.PREVIEW);
    const db = new PostgresDependency(env, 'orders-db', { seed: 'last-7-days-anonymized' });
    expect(db.seedJob?.name).toBe('orders-db-seed');
  });
});

describe('PostgresDependency errors', () => {
  const cases: Array<[string, any, string | RegExp]> = [
    ['an unknown version', { version: '13' }, 'payments-production/orders-db: version "13" is not a supported Postgres version (allowed: 14, 15, 16, 17)'],
    ['a version given as a number', { version: 16 }, 'version 16 is not a supported Postgres version'],
    ['a size that is not a DatabaseSize', { size: 'medium' }, 'size "medium" is not a DatabaseSize (allowed: DatabaseSize.SMALL, DatabaseSize.MEDIUM, DatabaseSize.LARGE)'],
    ['a CacheSize', { size: CacheSize.SMALL }, /size \{.*"nodeType":"cache.t4g.small".*\} is not a DatabaseSize/],
    ['a seed the platform does not define', { seed: 'everything' }, 'seed "everything" is not defined by platform acme (defined: last-7-days-anonymized)'],
    ['a database name with a hyphen', { databaseName: 'orders-db' }, /databaseName "orders-db" must be an unquoted Postgres identifier/],
    ['a reserved database name', { databaseName: 'pg_orders' }, /databaseName "pg_orders" must be .* not starting with "pg_"/],
    ['a user name too long for RDS', { username: 'a'.repeat(17) }, /username "a{17}" must be at most 16 characters/],
    ['a user name RDS reserves', { username: 'rdsadmin' }, /username "rdsadmin" .*reserved by Postgres and RDS/],
  ];

  test.each(cases)('rejects %s, naming the path, prop and value', (_what, props, message) => {
    const error = errorOf(() => new PostgresDependency(dependencyEnvironment(Tier.PRODUCTION), 'orders-db', props));
    expect(Errors.isPavedError(error)).toBe(true);
    if (typeof message === 'string') expect(error.message).toContain(message);
    else expect(error.message).toMatch(message);
  });

  test('says when the platform defines no seeds at all', () => {
    expect(() => new PostgresDependency(dependencyEnvironment(Tier.DEVELOPMENT, { seeds: undefined }), 'orders-db', { seed: 'x' }))
      .toThrow('seed "x" is not defined by platform acme (defined: none)');
  });
});
