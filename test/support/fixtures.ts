import { App, Testing } from 'cdk8s';
import { BucketDependency } from '../../src/dependencies/bucket-dependency';
import { Dependency } from '../../src/dependencies/dependency';
import { PostgresDependency } from '../../src/dependencies/postgres-dependency';
import { RedisDependency } from '../../src/dependencies/redis-dependency';
import { Environment, EnvironmentProps } from '../../src/environment/environment';
import { Platform, PlatformProps } from '../../src/platform/platform';
import { Tier } from '../../src/platform/tier';
import { RulePacks } from '../../src/policy/rule-packs';
import { PlatformService } from '../../src/service/platform-service';
import { PlatformServiceProps } from '../../src/service/platform-service-props';

/** Every rule pack Paved ships, the baseline Pod Security pack among them (RulePacks.all() holds restricted). */
export const everyPack = () => [...RulePacks.all(), RulePacks.POD_SECURITY_BASELINE];

/** The props of the test platform: the least a Platform needs. */
export const PLATFORM_PROPS: PlatformProps = { name: 'acme', domain: 'apps.acme.dev', registries: ['registry.acme.dev'] };

/** The AWS account of `dependencyPlatform()`. */
export const TEST_AWS = { accountId: '123456789012', region: 'eu-west-1', privateNetworkCidrs: ['10.0.0.0/16'] };

/** The one platform builder of the tests: `PLATFORM_PROPS` with `overrides`. */
export function testPlatform(overrides: Partial<PlatformProps> = {}): Platform {
  return new Platform({ ...PLATFORM_PROPS, ...overrides });
}

/** The test platform with AWS settings and one seed, as dependencies need. */
export function dependencyPlatform(overrides: Partial<PlatformProps> = {}): Platform {
  return testPlatform({
    aws: TEST_AWS,
    seeds: { 'last-7-days-anonymized': { image: 'registry.acme.dev/data/seed-orders:2024.06.1', args: ['--days', '7'] } },
    ...overrides,
  });
}

/** An environment of `tier` on `dependencyPlatform()`, namespace `payments-<tier>`. */
export function dependencyEnvironment(tier: Tier, overrides: Partial<PlatformProps> = {}, app: App = Testing.app()): Environment {
  return new Environment(app, `payments-${tier.name}`, { platform: dependencyPlatform(overrides), tier, team: 'payments' });
}

/** An environment of `tier` whose service `orders-api` uses a database, a cache and a bucket. */
export function serviceWithDependencies(tier: Tier): { env: Environment; service: PlatformService; dependencies: Dependency[] } {
  const env = dependencyEnvironment(tier);
  const dependencies = [
    new PostgresDependency(env, 'orders-db', { seed: 'last-7-days-anonymized' }),
    new RedisDependency(env, 'orders-cache'),
    new BucketDependency(env, 'invoices'),
  ];
  const service = new PlatformService(env, 'orders-api', { ...ORDERS, env: { LOG_LEVEL: 'info' }, dependencies });
  return { env, service, dependencies };
}

export function testEnvironment(tier: Tier = Tier.PRODUCTION, props: Partial<EnvironmentProps> = {}, app: App = Testing.app()): Environment {
  return new Environment(app, props.namespace ?? `payments-${tier.name}`, { platform: testPlatform(), tier, team: 'payments', ...props });
}

export const ORDERS: PlatformServiceProps = {
  image: 'registry.acme.dev/payments/orders-api:1.4.2',
  port: 8080,
};

export function testService(env: Environment = testEnvironment(), props: Partial<PlatformServiceProps> = {}, id = 'orders-api'): PlatformService {
  return new PlatformService(env, id, { ...ORDERS, ...props });
}

/** The synthesized objects of `env`, with escape hatches applied. */
export function synth(env: Environment): any[] {
  return Testing.synth(env);
}

export function find(objects: any[], kind: string, name?: string): any {
  const found = objects.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  if (found.length !== 1) throw new Error(`expected one ${kind}${name ? `/${name}` : ''}, found ${found.length}`);
  return found[0];
}

export function findAll(objects: any[], kind: string): any[] {
  return objects.filter((o) => o.kind === kind);
}
