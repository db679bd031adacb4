import { Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { BucketDependency } from '../../src/dependencies/bucket-dependency';
import { CloudNames } from '../../src/dependencies/cloud-names';
import { Dependency, DependencyKind, Realisation } from '../../src/dependencies/dependency';
import { PostgresDependency } from '../../src/dependencies/postgres-dependency';
import { RedisDependency } from '../../src/dependencies/redis-dependency';
import { Errors } from '../../src/errors';
import { Tier } from '../../src/platform/tier';
import { PlatformService } from '../../src/service/platform-service';
import { errorOf } from '../support/errors';
import { dependencyEnvironment } from '../support/fixtures';

describe('Dependency realisation', () => {
  test.each([
    [Tier.PREVIEW, Realisation.IN_CLUSTER],
    [Tier.DEVELOPMENT, Realisation.IN_CLUSTER],
    [Tier.STAGING, Realisation.CLOUD],
    [Tier.PRODUCTION, Realisation.CLOUD],
  ])('realises Postgres and Redis in the %s tier as %s', (tier, realisation) => {
    const env = dependencyEnvironment(tier);
    expect(new PostgresDependency(env, 'orders-db').realisation).toBe(realisation);
    expect(new RedisDependency(env, 'orders-cache').realisation).toBe(realisation);
  });

  test.each(Tier.all())('realises a bucket in the cloud in the %s tier', (tier) => {
    expect(new BucketDependency(dependencyEnvironment(tier), 'invoices').realisation).toBe(Realisation.CLOUD);
  });
});

describe('Dependency cloud copies', () => {
  test.each([
    [Tier.PREVIEW, 1],
    [Tier.DEVELOPMENT, 1],
    [Tier.STAGING, 1],
    [Tier.PRODUCTION, 2],
  ])('in the %s tier a cloud database or cache keeps %d cop(ies)', (tier, copies) => {
    const env = dependencyEnvironment(tier);
    expect(new PostgresDependency(env, 'orders-db').cloudCopies).toBe(copies);
    expect(new RedisDependency(env, 'orders-cache').cloudCopies).toBe(copies);
  });
});

describe('Dependency identity', () => {
  const env = dependencyEnvironment(Tier.PRODUCTION);
  const db = new PostgresDependency(env, 'orders-db');
  const cache = new RedisDependency(env, 'orders-cache', { name: 'sessions' });
  const bucket = new BucketDependency(env, 'invoices');

  test('states its kind and port', () => {
    expect([db.kind, db.port]).toEqual([DependencyKind.POSTGRES, 5432]);
    expect([cache.kind, cache.port]).toEqual([DependencyKind.REDIS, 6379]);
    expect([bucket.kind, bucket.port]).toEqual([DependencyKind.BUCKET, 443]);
  });

  test('is named after its id unless given a name', () => {
    expect(db.name).toBe('orders-db');
    expect(cache.name).toBe('sessions');
  });

  test('takes its secret name from the naming contract, and only from it', () => {
    expect(db.cloudSecretName).toBe(CloudNames.secretName('acme', 'payments-production', 'orders-db'));
    expect(db.cloudSecretName).toBe('paved/acme/payments-production/orders-db');
  });

  test('bounds its resource name by what AWS allows: 63 for RDS and S3, 40 for ElastiCache', () => {
    expect(db.cloudResourceName).toBe(CloudNames.resourceName('acme', 'payments-production', 'orders-db', 63));
    expect(bucket.cloudResourceName).toBe(CloudNames.resourceName('acme', 'payments-production', 'invoices', 63));
    expect(cache.cloudResourceName).toBe(CloudNames.resourceName('acme', 'payments-production', 'sessions', 40));
    expect(cache.cloudResourceName.length).toBeLessThanOrEqual(40);
  });

  test('is recognised across copies of the library, and nothing else is', () => {
    expect(Dependency.isDependency(db)).toBe(true);
    expect(Dependency.isDependency(env)).toBe(false);
    expect(Dependency.isDependency(null)).toBe(false);
    expect(Dependency.isDependency({ kind: 'postgres' })).toBe(false);
  });
});

describe('Dependency errors', () => {
  test('rejects a name that is not DNS-1035, naming path, prop and value', () => {
    const error = errorOf(() => new PostgresDependency(dependencyEnvironment(Tier.PRODUCTION), 'Orders_DB'));
    expect(Errors.isPavedError(error)).toBe(true);
    expect(error.message).toMatch(/^payments-production\/Orders_DB: name "Orders_DB" must be a DNS-1035 label/);
  });

  test('rejects a dependency outside an environment', () => {
    expect(() => new PostgresDependency(Testing.app(), 'orders-db')).toThrow(/must be created inside an Environment/);
  });

  test('rejects a duplicate name, whether a dependency or a service holds it', () => {
    const env = dependencyEnvironment(Tier.PRODUCTION);
    new PostgresDependency(env, 'orders-db');
    expect(() => new RedisDependency(env, 'orders-db')).toThrow(
      'payments-production/orders-db: name "orders-db" is already used by payments-production/orders-db in namespace payments-production',
    );
    new PlatformService(env, 'orders-api', { image: 'registry.acme.dev/payments/orders-api:1.4.2', port: 8080 });
    expect(() => new BucketDependency(new Construct(env, 'data'), 'orders-api')).toThrow(/name "orders-api" is already used by payments-production\/orders-api/);
  });

  test('reserves the names of its in-cluster objects', () => {
    const env = dependencyEnvironment(Tier.DEVELOPMENT);
    new PostgresDependency(env, 'orders-db');
    expect(() => new PlatformService(env, 'orders-db-headless', { image: 'registry.acme.dev/payments/x:1.0.0', port: 8080 }))
      .toThrow(/name "orders-db-headless" is already used by payments-development\/orders-db/);
    expect(() => new PlatformService(env, 'orders-db-seed', { image: 'registry.acme.dev/payments/x:1.0.0', port: 8080 }))
      .toThrow(/name "orders-db-seed" is already used/);
  });

  test('rejects the cloud realisation when the platform has no AWS settings, naming the prop', () => {
    const env = dependencyEnvironment(Tier.STAGING, { aws: undefined });
    const error = errorOf(() => new RedisDependency(env, 'orders-cache'));
    expect(Errors.isPavedError(error)).toBe(true);
    expect(error.message).toBe(
      'payments-staging/orders-cache: platform acme has no aws settings: a redis dependency in the staging tier is realised in AWS; set PlatformProps.aws ({ accountId, region, privateNetworkCidrs })',
    );
  });

  test('needs no AWS settings for an in-cluster database', () => {
    expect(() => new PostgresDependency(dependencyEnvironment(Tier.PREVIEW, { aws: undefined }), 'orders-db')).not.toThrow();
  });

  test('rejects a derived RDS identifier AWS would refuse', () => {
    const env = dependencyEnvironment(Tier.PRODUCTION, { name: '1acme' });
    expect(() => new PostgresDependency(env, 'orders-db')).toThrow(
      'payments-production/orders-db: cloudResourceName "1acme-payments-production-orders-db-3d43c8" is not a valid RDS identifier: at most 63 characters of a-z, 0-9 and "-", starting with a letter, without "--" or a trailing "-"',
    );
    expect(() => new RedisDependency(env, 'orders-cache')).toThrow(/is not a valid ElastiCache identifier: at most 40 characters/);
  });

  test('leaves nothing behind when it rejects, so the name stays free', () => {
    const env = dependencyEnvironment(Tier.PRODUCTION);
    expect(() => new PostgresDependency(env, 'orders-db', { version: '9' })).toThrow();
    expect(env.node.tryFindChild('orders-db')).toBeUndefined();
    expect(() => new PostgresDependency(env, 'orders-db')).not.toThrow();
  });
});
