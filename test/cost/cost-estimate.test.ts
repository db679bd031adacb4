import { Testing } from 'cdk8s';
import { CostEstimate, cents, usd } from '../../src/cost/cost-estimate';
import { BucketDependency } from '../../src/dependencies/bucket-dependency';
import { PostgresDependency } from '../../src/dependencies/postgres-dependency';
import { QueueDependency } from '../../src/dependencies/queue-dependency';
import { RedisDependency } from '../../src/dependencies/redis-dependency';
import { CacheSize, DatabaseSize } from '../../src/dependencies/sizes';
import { ResourcePreset } from '../../src/platform/resource-preset';
import { Tier } from '../../src/platform/tier';
import { PlatformService } from '../../src/service/platform-service';
import { dependencyEnvironment, synth, testEnvironment, testService } from '../support/fixtures';

// Hand-computed with the default rate card: $0.0336 per vCPU-hour, $0.0036 per GiB-hour, 730 hours.
const STANDARD_REPLICA = 730 * (0.25 * 0.0336 + 0.25 * 0.0036); // 250m CPU, 256 MiB: $6.789
const LARGE_REPLICA = 730 * (1 * 0.0336 + 1 * 0.0036); // 1 CPU, 1 GiB: $27.156

describe('CostEstimate', () => {
  test('a service costs its requests times its replicas: the floor at min, the ceiling at max', () => {
    const env = testEnvironment(Tier.PRODUCTION);
    testService(env, { replicas: { min: 2, max: 20 } });
    const [line] = CostEstimate.of(env).lines;
    expect(line).toEqual({
      name: 'orders-api',
      kind: 'service',
      monthlyUsdMin: cents(2 * STANDARD_REPLICA),
      monthlyUsdMax: cents(20 * STANDARD_REPLICA),
      basis: '2–20 replica(s) × 250m CPU, 256Mi at $6.79 each',
    });
    expect([line.monthlyUsdMin, line.monthlyUsdMax]).toEqual([13.58, 135.78]);
  });

  test('the preset decides the size', () => {
    const env = testEnvironment(Tier.STAGING);
    testService(env, { resources: ResourcePreset.LARGE, replicas: { min: 3, max: 3 } });
    expect(CostEstimate.of(env).lines[0]).toMatchObject({ monthlyUsdMin: cents(3 * LARGE_REPLICA), monthlyUsdMax: cents(3 * LARGE_REPLICA), basis: '3 replica(s) × 1 CPU, 1Gi at $27.16 each' });
  });

  test('production Postgres is RDS Multi-AZ: instance and storage twice, storage from allocated to its autoscaling ceiling', () => {
    const env = dependencyEnvironment(Tier.PRODUCTION);
    new PostgresDependency(env, 'orders-db', { version: '16', size: DatabaseSize.MEDIUM });
    const instance = 730 * 0.168 * 2;
    expect(CostEstimate.of(env).lines).toEqual([{
      name: 'orders-db',
      kind: 'postgres',
      monthlyUsdMin: cents(instance + 100 * 0.115 * 2),
      monthlyUsdMax: cents(instance + 500 * 0.115 * 2),
      basis: 'RDS db.m7g.large Multi-AZ, 100–500 GiB gp3',
    }]);
  });

  test('staging Postgres is one RDS instance', () => {
    const env = dependencyEnvironment(Tier.STAGING);
    new PostgresDependency(env, 'orders-db', { version: '16', size: DatabaseSize.SMALL });
    const db = 730 * 0.032;
    expect(CostEstimate.of(env).lines[0]).toMatchObject({ monthlyUsdMin: cents(db + 20 * 0.115), monthlyUsdMax: cents(db + 100 * 0.115) });
  });

  test('Redis is one ElastiCache node below production and two in it', () => {
    const staging = dependencyEnvironment(Tier.STAGING);
    new RedisDependency(staging, 'orders-cache', { size: CacheSize.SMALL });
    const production = dependencyEnvironment(Tier.PRODUCTION);
    new RedisDependency(production, 'orders-cache', { size: CacheSize.LARGE });
    expect(CostEstimate.of(staging).lines[0]).toMatchObject({ monthlyUsdMax: cents(730 * 0.032), basis: 'ElastiCache 1 × cache.t4g.small' });
    expect(CostEstimate.of(production).lines[0]).toMatchObject({ monthlyUsdMax: cents(730 * 0.437 * 2), basis: 'ElastiCache 2 × cache.r7g.xlarge' });
  });

  test('a bucket is priced at the assumed size', () => {
    const env = dependencyEnvironment(Tier.PRODUCTION);
    new BucketDependency(env, 'invoices');
    expect(CostEstimate.of(env).lines[0]).toMatchObject({ kind: 'bucket', monthlyUsdMin: 2.3, monthlyUsdMax: 2.3, basis: 'S3 Standard, 100 GiB assumed' });
  });

  test('a queue is priced per request at the assumed volume, FIFO dearer, in every tier', () => {
    const env = dependencyEnvironment(Tier.PREVIEW);
    new QueueDependency(env, 'orders-events');
    new QueueDependency(env, 'ledger', { fifo: true });
    expect(CostEstimate.of(env).lines).toEqual([
      { name: 'ledger', kind: 'queue', monthlyUsdMin: 5, monthlyUsdMax: 5, basis: 'SQS FIFO, 10,000,000 requests a month assumed' },
      { name: 'orders-events', kind: 'queue', monthlyUsdMin: 4, monthlyUsdMax: 4, basis: 'SQS standard, 10,000,000 requests a month assumed' },
    ]);
    const priced = dependencyEnvironment(Tier.PRODUCTION, { rateCard: { queueMillionRequestsUsd: 0.3, assumedQueueRequestsPerMonth: 2_500_000 } });
    new QueueDependency(priced, 'orders-events');
    expect(CostEstimate.of(priced).lines[0]).toMatchObject({ monthlyUsdMax: 0.75, basis: 'SQS standard, 2,500,000 requests a month assumed' });
  });

  test('in preview and development a dependency costs its pod and its volume', () => {
    const env = dependencyEnvironment(Tier.DEVELOPMENT);
    new PostgresDependency(env, 'orders-db', { version: '16', size: DatabaseSize.MEDIUM });
    new RedisDependency(env, 'orders-cache', { size: CacheSize.SMALL });
    const smallReplica = 730 * (0.1 * 0.0336 + 0.125 * 0.0036);
    expect(CostEstimate.of(env).lines).toEqual([
      expect.objectContaining({ name: 'orders-cache', monthlyUsdMax: cents(smallReplica), basis: 'in-cluster: 1 pod × 100m CPU, 128Mi' }),
      expect.objectContaining({ name: 'orders-db', monthlyUsdMax: cents(STANDARD_REPLICA + 5 * 0.08), basis: 'in-cluster: 1 pod × 250m CPU, 256Mi + 5 GiB volume' }),
    ]);
  });

  test('the platform\'s rate card prices everything', () => {
    const env = dependencyEnvironment(Tier.PRODUCTION, { rateCard: { vcpuHourUsd: 0.1, memoryGibHourUsd: 0, assumedBucketGib: 1000 } });
    new PlatformService(env, 'orders-api', { image: 'registry.acme.dev/payments/orders-api:1.0.0', port: 8080, replicas: { min: 2, max: 2 } });
    new BucketDependency(env, 'invoices');
    expect(CostEstimate.of(env).lines.map((l) => l.monthlyUsdMax)).toEqual([cents(2 * 730 * 0.25 * 0.1), 23]);
  });

  test('the environment totals its lines, services first, each group in name order', () => {
    const env = dependencyEnvironment(Tier.PRODUCTION);
    new BucketDependency(env, 'invoices');
    new PlatformService(env, 'web', { image: 'registry.acme.dev/payments/web:1.0.0', port: 8080, replicas: { min: 2, max: 4 } });
    new PlatformService(env, 'api', { image: 'registry.acme.dev/payments/api:1.0.0', port: 8080, replicas: { min: 2, max: 2 } });
    const estimate = CostEstimate.of(env);
    expect(estimate.lines.map((l) => l.name)).toEqual(['api', 'web', 'invoices']);
    expect(estimate.monthlyUsdMin).toBe(cents(estimate.lines.reduce((s, l) => s + l.monthlyUsdMin, 0)));
    expect(estimate.monthlyUsdMax).toBe(cents(13.58 + 27.16 + 2.3));
    expect(estimate).toMatchObject({ environment: 'payments-production', namespace: 'payments-production', tier: 'production', budgetUsd: undefined });
  });

  test('all() lists every environment of the app in path order', () => {
    const app = Testing.app();
    testEnvironment(Tier.STAGING, {}, app);
    testEnvironment(Tier.PRODUCTION, {}, app);
    expect(CostEstimate.all(app).map((e) => e.namespace)).toEqual(['payments-production', 'payments-staging']);
  });

  test('the Namespace carries the ceiling, and the budget when there is one', () => {
    const env = testEnvironment(Tier.PRODUCTION, { budget: { monthlyUsd: 4000 } });
    testService(env, { replicas: { min: 2, max: 20 } });
    const namespace = synth(env).find((o) => o.kind === 'Namespace');
    expect(namespace.metadata.annotations).toEqual({ 'paved.dev/monthly-estimate-usd': '135.78', 'paved.dev/monthly-budget-usd': '4000.00' });
  });

  test('money prints in dollars and cents with thousands separators', () => {
    expect([usd(0), usd(6.789), usd(1234567.891)]).toEqual(['$0.00', '$6.79', '$1,234,567.89']);
    expect(cents(1.005)).toBe(1.01);
  });
});
