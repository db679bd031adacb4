import { App } from 'cdk8s';
import { Environment, Platform, PlatformService, ResourcePreset, Tier } from 'paved';

/** The organisation's conventions; in a real repo this comes from the platform team's package. */
export const platform = new Platform({ name: 'acme', domain: 'apps.acme.dev', registries: ['registry.acme.dev'] });

/** The payments team's services, in every environment they run in. */
export function buildApp(app: App = new App()): App {
  for (const [id, tier] of [['payments-staging', Tier.STAGING], ['payments-prod', Tier.PRODUCTION]] as const) {
    const env = new Environment(app, id, { platform, tier, team: 'payments' });
    const orders = new PlatformService(env, 'orders-api', {
      image: 'registry.acme.dev/payments/orders-api:1.4.2',
      port: 8080,
      replicas: tier === Tier.PRODUCTION ? { min: 2, max: 20 } : undefined,
      resources: ResourcePreset.STANDARD,
      ingress: { host: tier === Tier.PRODUCTION ? 'orders.apps.acme.dev' : 'orders.staging.apps.acme.dev' },
      env: { LOG_LEVEL: 'info' },
    });
    const web = new PlatformService(env, 'storefront', { image: 'registry.acme.dev/payments/storefront:2.0.1', port: 3000 });
    orders.allowFrom(web); // only declared callers may reach a service
  }
  return app;
}

if (require.main === module) {
  buildApp().synth();
}
