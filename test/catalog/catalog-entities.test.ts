import { Testing } from 'cdk8s';
import { catalogEntities } from '../../src/catalog/catalog-entities';
import { BucketDependency } from '../../src/dependencies/bucket-dependency';
import { PostgresDependency } from '../../src/dependencies/postgres-dependency';
import { QueueDependency } from '../../src/dependencies/queue-dependency';
import { RedisDependency } from '../../src/dependencies/redis-dependency';
import { Tier } from '../../src/platform/tier';
import { PlatformService } from '../../src/service/platform-service';
import { validateCatalogEntities } from '../support/catalog';
import { dependencyEnvironment } from '../support/fixtures';
import { exampleApps, fullEnvironment } from '../support/golden-path';

/** The payments team's app: orders-api with three dependencies, in staging and production. */
function paymentsApp() {
  const app = Testing.app();
  for (const tier of [Tier.STAGING, Tier.PRODUCTION]) {
    const env = dependencyEnvironment(tier, {}, app);
    const db = new PostgresDependency(env, 'orders-db', { version: '16' });
    const cache = new RedisDependency(env, 'orders-cache');
    const invoices = new BucketDependency(env, 'invoices');
    new PlatformService(env, 'orders-api', {
      image: 'registry.acme.dev/payments/orders-api:1.4.2',
      port: 8080,
      dependencies: [db, cache, invoices],
      owner: { onCall: 'payments-primary', runbook: 'https://runbooks.acme.dev/orders-api' },
      system: 'checkout',
    });
  }
  return app;
}

describe('catalog entities', () => {
  test('a service in two environments is one Component; each dependency one Resource', () => {
    expect(catalogEntities(paymentsApp()).map((e) => `${e.kind}:${e.metadata.name}`)).toEqual([
      'Component:orders-api', 'Resource:invoices', 'Resource:orders-cache', 'Resource:orders-db',
    ]);
  });

  test('the Component names its owner, system, dependencies, lifecycle, runbook and on-call, and how Backstage finds its workloads', () => {
    const [component] = catalogEntities(paymentsApp());
    expect(component.spec).toEqual({
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/payments',
      system: 'checkout',
      dependsOn: ['resource:default/invoices', 'resource:default/orders-cache', 'resource:default/orders-db'],
    });
    expect(component.metadata.annotations).toEqual({
      'backstage.io/kubernetes-id': 'orders-api',
      'backstage.io/kubernetes-label-selector': 'backstage.io/kubernetes-id=orders-api',
      'grafana/dashboard-selector': "tags @> 'paved' && tags @> 'orders-api'",
      'paved.dev/namespaces': 'payments-production,payments-staging',
      'paved.dev/on-call': 'payments-primary',
    });
    expect(component.metadata.links).toEqual([{ url: 'https://runbooks.acme.dev/orders-api', title: 'Runbook', icon: 'docs' }]);
  });

  test('a service in one namespace names it; one not yet in production is experimental', () => {
    const [component] = catalogEntities(fullEnvironment(Tier.STAGING));
    expect(component.metadata.annotations['backstage.io/kubernetes-namespace']).toBe('shop-staging');
    expect(component.spec.lifecycle).toBe('experimental');
    expect(component.spec.owner).toBe('group:default/shop');
    expect(component.spec.system).toBeUndefined();
  });

  test('links the Grafana dashboard only when the service has one', () => {
    const env = dependencyEnvironment(Tier.PRODUCTION);
    new PlatformService(env, 'batch', { image: 'registry.acme.dev/payments/batch:1.0.0', port: 8080, observability: { enabled: false } });
    expect(catalogEntities(env)[0].metadata.annotations['grafana/dashboard-selector']).toBeUndefined();
  });

  test('Resources take the Backstage type of their kind and the system of the services that use them', () => {
    const resources = catalogEntities(paymentsApp()).filter((e) => e.kind === 'Resource');
    expect(resources.map((r) => [r.metadata.name, r.spec.type, r.spec.system, r.spec.lifecycle])).toEqual([
      ['invoices', 's3-bucket', 'checkout', 'production'],
      ['orders-cache', 'cache', 'checkout', 'production'],
      ['orders-db', 'database', 'checkout', 'production'],
    ]);
    expect(resources[2].metadata.annotations).toEqual({ 'paved.dev/realisation': 'payments-production=cloud,payments-staging=cloud' });
  });

  test('a queue is a Resource of type sqs-queue, and Backstage accepts it', async () => {
    const env = dependencyEnvironment(Tier.PRODUCTION);
    const events = new QueueDependency(env, 'orders-events');
    new PlatformService(env, 'orders-api', { image: 'registry.acme.dev/payments/orders-api:1.0.0', port: 8080, dependencies: [events] });
    const entities = catalogEntities(env);
    expect(entities.find((e) => e.kind === 'Resource')?.spec.type).toBe('sqs-queue');
    await validateCatalogEntities(entities);
  });

  test('every entity is one Backstage accepts, for every tier and every example', async () => {
    await validateCatalogEntities(catalogEntities(paymentsApp()));
    for (const tier of Tier.all()) await validateCatalogEntities(catalogEntities(fullEnvironment(tier)));
    for (const [, app] of exampleApps()) {
      const entities = catalogEntities(app);
      expect(entities.length).toBeGreaterThan(0);
      await validateCatalogEntities(entities);
    }
  });

  test('the validator has teeth: an entity Backstage would reject fails', async () => {
    const [component] = catalogEntities(paymentsApp());
    await expect(validateCatalogEntities([{ ...component, metadata: { ...component.metadata, name: 'not a name!' } }])).rejects.toThrow();
    await expect(validateCatalogEntities([{ ...component, spec: { ...component.spec, owner: undefined } }])).rejects.toThrow();
  });

  test('matches its snapshot', () => {
    expect(catalogEntities(paymentsApp())).toMatchSnapshot();
  });
});
