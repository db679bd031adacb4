import { Testing } from 'cdk8s';
import { orders, postgres } from './support/fixtures';
import { requireCloudDependency, serviceSubject } from '../../src/pulumi/subject';
import { Environment, Platform, PlatformService, Tier } from 'paved';

describe('policy subjects', () => {
  test('a cloud dependency is named by its construct path, in its tier', () => {
    const subject = requireCloudDependency(postgres(Tier.STAGING));
    expect(subject.path).toBe('payments-staging/orders-db');
    expect(subject.tier).toBe(Tier.STAGING);
  });

  test('an in-cluster dependency has none', () => {
    expect(() => requireCloudDependency(postgres(Tier.PREVIEW))).toThrow(/payments-preview\/orders-db: is realised in-cluster in tier preview/);
  });

  test('a service is named by its construct path', () => {
    expect(serviceSubject(orders(Tier.PRODUCTION).service).path).toBe('payments-production/orders-api');
  });

  test('a service on a platform without AWS settings has no cloud side', () => {
    const platform = new Platform({ name: 'acme', domain: 'apps.acme.dev', registries: ['registry.acme.dev'] });
    const env = new Environment(Testing.app(), 'payments', { platform, tier: Tier.STAGING, team: 'payments' });
    const service = new PlatformService(env, 'storefront', { image: 'registry.acme.dev/payments/storefront:2.0.1', port: 3000 });
    expect(() => serviceSubject(service)).toThrow(/payments\/storefront: platform acme has no aws settings/);
  });
});
