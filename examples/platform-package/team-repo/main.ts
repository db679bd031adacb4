import { acme } from '@acme/platform';
import { App } from 'cdk8s';
import { Environment, PlatformService, ResourcePreset, Tier } from 'paved';

/** The payments team's services, on Acme's platform: no conventions of its own to keep. */
export function buildApp(app: App = new App()): App {
  for (const [id, tier] of [['payments-staging', Tier.STAGING], ['payments-prod', Tier.PRODUCTION]] as const) {
    const env = new Environment(app, id, { platform: acme, tier, team: 'payments' });
    const production = tier === Tier.PRODUCTION;
    new PlatformService(env, 'orders-api', {
      image: 'registry.acme.dev/payments/orders-api:1.4.2',
      port: 8080,
      // A preset Acme defines, not Paved.
      resources: ResourcePreset.named('xlarge'),
      replicas: production ? { min: 3, max: 6 } : { min: 2, max: 6 },
      ingress: { host: production ? 'orders.payments.apps.acme.dev' : 'orders.payments.staging.apps.acme.dev' },
    });
  }
  return app;
}

if (require.main === module) {
  buildApp().synth();
}
