import { App } from 'cdk8s';
import {
  BucketDependency, CacheSize, DatabaseSize, Environment, Platform, PlatformService, PostgresDependency, RedisDependency, ResourcePreset, Tier,
} from 'paved';

/**
 * The organisation's conventions, including the AWS account behind staging and production. In a
 * real repo this comes from the platform team's package.
 */
export const platform = new Platform({
  name: 'acme',
  domain: 'apps.acme.dev',
  registries: ['registry.acme.dev'],
  aws: { accountId: '123456789012', region: 'eu-west-1', privateNetworkCidrs: ['10.20.0.0/16'] },
  seeds: { 'last-7-days-anonymized': { image: 'registry.acme.dev/payments/orders-seed:2024.06.1' } },
});

/**
 * The payments team's services and what they depend on: one definition for every environment.
 * The tier decides how each dependency is realised: in AWS in staging and production, in the
 * namespace in development (buckets are in AWS everywhere).
 */
export function payments(env: Environment): void {
  const production = env.tier === Tier.PRODUCTION;
  const db = new PostgresDependency(env, 'orders-db', {
    version: '16',
    size: production ? DatabaseSize.MEDIUM : DatabaseSize.SMALL,
    seed: env.tier === Tier.DEVELOPMENT ? 'last-7-days-anonymized' : undefined,
  });
  const cache = new RedisDependency(env, 'orders-cache', { size: CacheSize.SMALL });
  const invoices = new BucketDependency(env, 'invoices', { noncurrentVersionExpirationDays: production ? 90 : 7 });
  new PlatformService(env, 'orders-api', {
    image: 'registry.acme.dev/payments/orders-api:1.4.2',
    port: 8080,
    resources: ResourcePreset.STANDARD,
    dependencies: [db, cache, invoices],
  });
}

/** The payments environments, one namespace each. */
export function environments(app: App): void {
  payments(new Environment(app, 'payments-dev', { platform, tier: Tier.DEVELOPMENT, team: 'payments' }));
  payments(new Environment(app, 'payments-staging', { platform, tier: Tier.STAGING, team: 'payments' }));
  payments(new Environment(app, 'payments-prod', { platform, tier: Tier.PRODUCTION, team: 'payments' }));
}

/**
 * Which environments each Pulumi stack realises: a stack deploys into one cluster, and
 * development and staging share the non-production one.
 */
export const STACK_ENVIRONMENTS: { [stack: string]: string[] } = {
  'non-production': ['payments-dev', 'payments-staging'],
  'production': ['payments-prod'],
};
