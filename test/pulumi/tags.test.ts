import { Testing } from 'cdk8s';
import { cloudPlatform, environment, orders } from './support/fixtures';
import { CloudTags, dependencyTags, serviceTags } from '../../src/pulumi/tags';
import { BucketDependency, Tier } from 'paved';

describe('cloud tags', () => {
  test('a dependency used by one service carries team, service, environment, tier, cost and managed-by', () => {
    const { invoices } = orders(Tier.STAGING);
    expect(dependencyTags(invoices, ['orders-api'])).toEqual({
      [CloudTags.TEAM]: 'payments',
      [CloudTags.SERVICE]: 'orders-api',
      [CloudTags.ENVIRONMENT]: 'payments-staging',
      [CloudTags.TIER]: 'staging',
      [CloudTags.COST]: 'payments-staging/invoices',
      [CloudTags.MANAGED_BY]: 'paved',
    });
  });

  test('a shared dependency names no single service', () => {
    const { invoices } = orders(Tier.STAGING);
    expect(dependencyTags(invoices, ['orders-api', 'storefront'])).not.toHaveProperty('service');
  });

  test('platform labels become tags, and cannot replace Paved\'s', () => {
    const env = environment(Tier.PRODUCTION, Testing.app(), cloudPlatform({ 'acme.dev/cost-centre': 'cc-1234', 'team': 'someone-else' }));
    const tags = dependencyTags(new BucketDependency(env, 'exports'), []);
    expect(tags['acme.dev/cost-centre']).toBe('cc-1234');
    expect(tags.team).toBe('payments');
  });

  test('a service role is tagged with its service and costed to it', () => {
    const { service } = orders(Tier.PRODUCTION);
    expect(serviceTags(service)).toMatchObject({ 'service': 'orders-api', 'paved:cost': 'payments-production/orders-api', 'tier': 'production' });
  });
});
