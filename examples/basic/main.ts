import { ApiObject, App, Chart, Duration } from 'cdk8s';
import { Environment, Platform, PlatformService, ResourcePreset, Tier } from 'paved';

/** The organisation's conventions. In a real repo this comes from the platform team's package. */
export const platform = new Platform({
  name: 'acme',
  domain: 'apps.acme.dev',
  registries: ['registry.acme.dev'],
});

/** The payments team's services: one definition, deployed to staging and production. */
export function payments(env: Environment): void {
  const production = env.tier === Tier.PRODUCTION;
  const orders = new PlatformService(env, 'orders-api', {
    image: 'registry.acme.dev/payments/orders-api:1.4.2',
    port: 8080,
    replicas: production ? { min: 2, max: 20 } : undefined,
    resources: ResourcePreset.STANDARD,
    ingress: { host: production ? 'orders.apps.acme.dev' : 'orders.staging.apps.acme.dev' },
    env: { LOG_LEVEL: 'info' },
    owner: { onCall: 'payments-primary', runbook: 'https://runbooks.acme.dev/orders-api' },
    system: 'checkout',
    observability: { slo: { availability: 0.999, latencyP99: Duration.millis(300) } },
  });
  const web = new PlatformService(env, 'storefront', {
    image: 'registry.acme.dev/payments/storefront:2.0.1',
    port: 3000,
    ingress: { host: production ? 'shop.apps.acme.dev' : 'shop.staging.apps.acme.dev' },
  });
  orders.allowFrom(web); // only declared callers may reach a service
}

export function buildApp(app: App = new App()): App {
  payments(new Environment(app, 'payments-staging', { platform, tier: Tier.STAGING, team: 'payments' }));
  payments(new Environment(app, 'payments-prod', { platform, tier: Tier.PRODUCTION, team: 'payments', budget: { monthlyUsd: 4000 } }));
  return app;
}

/** One line per environment: what was written and what it holds. */
function describe(app: App): string {
  return app.charts.map((chart: Chart) => {
    const kinds = new Map<string, number>();
    for (const o of chart.node.findAll().filter(ApiObject.isApiObject)) kinds.set(o.kind, (kinds.get(o.kind) ?? 0) + 1);
    const tier = Environment.isEnvironment(chart) ? chart.tier.name : '-';
    const summary = [...kinds.entries()].sort().map(([k, n]) => `${n} ${k}`).join(', ');
    return `  ${app.outdir}/${chart.node.id}.k8s.yaml  [${tier}]  ${summary}`;
  }).join('\n') + `\n  ${app.outdir}/catalog/catalog-info.yaml  the Backstage catalog\n  ${app.outdir}/paved-reports/  policy (JSON, SARIF) and cost (JSON) reports`;
}

if (require.main === module) {
  const app = buildApp();
  app.synth();
  // stderr: `cdk8s synth` captures the app's stdout.
  console.error(`paved: synthesized ${app.charts.length} environments\n${describe(app)}`);
}
