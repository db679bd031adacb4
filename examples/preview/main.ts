import { App, Duration } from 'cdk8s';
import { Environment, GitOps, Platform, PlatformService, PostgresDependency, PreviewEnvironment, Rollout, Tier } from 'paved';

/** The organisation's conventions. In a real repo this comes from the platform team's package. */
export const platform = new Platform({
  name: 'acme',
  domain: 'apps.acme.dev',
  registries: ['registry.acme.dev'],
  aws: { accountId: '123456789012', region: 'eu-west-1', privateNetworkCidrs: ['10.20.0.0/16'] },
  seeds: { 'last-7-days-anonymized': { image: 'registry.acme.dev/payments/orders-seed:2024.06.1' } },
});

/** One definition for every environment: production, and each pull request's preview. */
export function orders(env: Environment, tag: string): PlatformService {
  // Seeded where it runs in the cluster (preview, development); staging and production hold real data.
  const db = new PostgresDependency(env, 'orders-db', { version: '16', seed: 'last-7-days-anonymized' });
  return new PlatformService(env, 'orders-api', {
    image: `registry.acme.dev/payments/orders-api:${tag}`,
    port: 8080,
    replicas: { min: 2, max: 20 },
    ingress: { host: 'orders.apps.acme.dev' },
    dependencies: [db],
    owner: { onCall: 'payments-primary', runbook: 'https://runbooks.acme.dev/orders-api' },
    rollout: Rollout.canary({ steps: [10, 50, 100], analysis: { maxErrorRate: 0.01, maxLatencyP99: Duration.millis(300) } }),
  });
}

/**
 * Production always; a preview when CI synthesizes for a pull request (`PAVED_PULL_REQUEST`).
 * The GitOps chart deploys production from the published manifests and every open pull request's
 * preview through its ApplicationSet.
 */
export function buildApp(app: App = new App(), pullRequest: number | undefined = pullRequestFromEnvironment()): App {
  const prod = new Environment(app, 'payments-prod', { platform, tier: Tier.PRODUCTION, team: 'payments' });
  orders(prod, '1.4.2');
  if (pullRequest !== undefined) {
    const preview = new PreviewEnvironment(app, `payments-pr-${pullRequest}`, {
      platform, team: 'payments', pullRequest, ttl: Duration.days(7), repository: 'https://github.com/acme/payments-infra',
    });
    orders(preview, `pr-${pullRequest}`);
  }
  new GitOps(app, 'gitops', {
    platform,
    team: 'payments',
    repoURL: 'https://github.com/acme/payments-infra.git',
    environments: [prod],
    previews: { github: { owner: 'acme', repo: 'payments-infra', labels: ['preview'] } },
  });
  return app;
}

function pullRequestFromEnvironment(): number | undefined {
  const value = process.env.PAVED_PULL_REQUEST;
  // Validated where it enters: PreviewEnvironment rejects anything but a whole number above zero.
  return value === undefined || value === '' ? undefined : Number(value);
}

if (require.main === module) {
  buildApp().synth();
}
