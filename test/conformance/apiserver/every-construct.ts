import { App, Duration, Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-28';
import { GitOps } from '../../../src/delivery/gitops';
import { Rollout } from '../../../src/delivery/rollout';
import { BucketDependency } from '../../../src/dependencies/bucket-dependency';
import { PostgresDependency } from '../../../src/dependencies/postgres-dependency';
import { QueueDependency } from '../../../src/dependencies/queue-dependency';
import { RedisDependency } from '../../../src/dependencies/redis-dependency';
import { CacheSize, DatabaseSize } from '../../../src/dependencies/sizes';
import { Environment } from '../../../src/environment/environment';
import { PreviewEnvironment } from '../../../src/environment/preview-environment';
import { Migration } from '../../../src/job/migration';
import { ScheduledJob } from '../../../src/job/scheduled-job';
import { Platform } from '../../../src/platform/platform';
import { ResourcePreset } from '../../../src/platform/resource-preset';
import { Tier } from '../../../src/platform/tier';
import { TierDefaults } from '../../../src/platform/tier-settings';
import { KyvernoPolicies } from '../../../src/policy/kyverno/kyverno-policies';
import { Policy } from '../../../src/policy/policy';
import { PlatformService } from '../../../src/service/platform-service';

/**
 * One app that uses every construct and, between its environments, every option a team or a
 * platform team sets: custom presets and tiers, ingress, DNS, probes, observability, previews and
 * GitOps settings, in-cluster and cloud dependencies, seeds, canaries with analysis, callers,
 * a migration and a scheduled job, Kyverno admission policies. What the cluster must accept is everything Paved can emit.
 */
export function buildEveryConstruct(app: App = new App()): App {
  const platform = new Platform({
    name: 'acme',
    domain: 'apps.acme.dev',
    registries: ['registry.acme.dev', 'mirror.acme.dev/library'],
    ingress: {
      className: 'nginx-internal',
      clusterIssuer: 'acme-issuer',
      controllerNamespace: 'ingress-nginx',
      controllerPodLabels: { 'app.kubernetes.io/name': 'ingress-nginx' },
      nginxCanaryRouting: true,
    },
    dns: { namespace: 'kube-system', podLabels: { 'k8s-app': 'kube-dns' } },
    presets: {
      tiny: { cpuRequest: Cpu.millis(50), cpuLimit: Cpu.millis(100), memoryRequest: Size.mebibytes(64), memoryLimit: Size.mebibytes(128) },
    },
    tiers: { development: { ...TierDefaults.of(Tier.DEVELOPMENT), minReplicas: 1, maxReplicas: 2 } },
    probes: { readinessPath: '/ready', livenessPath: '/live', period: Duration.seconds(5), startupGrace: Duration.seconds(90) },
    runAsUser: 10001,
    labels: { 'acme.dev/cost-centre': 'cc-42' },
    aws: { accountId: '123456789012', region: 'eu-west-1', secretStore: 'aws-secrets', privateNetworkCidrs: ['10.20.0.0/16'] },
    seeds: { anonymized: { image: 'registry.acme.dev/shop/orders-seed:2024.06.1', command: ['/seed'], args: ['--days', '7'] } },
    inClusterImages: { postgresRepository: 'registry.acme.dev/library/postgres', redisRepository: 'registry.acme.dev/library/redis' },
    observability: {
      prometheusNamespace: 'monitoring',
      prometheusUrl: 'http://prometheus.monitoring.svc:9090',
      prometheusPodLabels: { 'app.kubernetes.io/name': 'prometheus' },
      ruleSelectorLabels: { release: 'prometheus' },
      dashboardLabels: { grafana_dashboard: '1' },
    },
    previews: { domain: 'preview.apps.acme.dev', maxTtl: Duration.days(14), defaultTtl: Duration.days(3) },
    gitops: { namespace: 'argocd', destinationServer: 'https://kubernetes.default.svc' },
  });

  const shop = (env: Environment, tag: string): void => {
    const db = new PostgresDependency(env, 'orders-db', {
      version: '16',
      size: env.tier === Tier.PRODUCTION ? DatabaseSize.MEDIUM : DatabaseSize.SMALL,
      seed: env.tier.isAtLeast(Tier.STAGING) ? undefined : 'anonymized',
      databaseName: 'orders',
      username: 'orders_app',
    });
    const cache = new RedisDependency(env, 'orders-cache', { version: '7.1', size: CacheSize.SMALL });
    const invoices = new BucketDependency(env, 'invoices', { noncurrentVersionExpirationDays: 30 });
    const events = new QueueDependency(env, 'order-events', { visibilityTimeout: Duration.minutes(2), maxReceiveCount: 4, consumers: ['worker'] });
    const api = new PlatformService(env, 'orders-api', {
      image: `registry.acme.dev/shop/orders-api:${tag}`,
      port: 8080,
      replicas: { min: 2, max: 6 },
      resources: ResourcePreset.STANDARD,
      ingress: { host: 'orders.apps.acme.dev', path: '/api' },
      env: { LOG_LEVEL: 'info' },
      command: ['/orders-api'],
      args: ['--listen', ':8080'],
      dependencies: [db, cache, invoices, events],
      owner: { team: 'shop', onCall: 'shop-primary', runbook: 'https://runbooks.acme.dev/orders-api' },
      system: 'checkout',
      observability: {
        metricsPort: 9090,
        metricsPath: '/metrics',
        slo: { availability: 0.999, latencyP99: Duration.millis(300) },
        alerts: { errorRate: 0.02, saturation: 0.8, restartsPerHour: 3 },
      },
      rollout: Rollout.canary({
        steps: [10, 50, 100],
        pause: Duration.minutes(2),
        analysis: { maxErrorRate: 0.01, maxLatencyP99: Duration.millis(300), interval: Duration.minutes(1), failureLimit: 2 },
        fromTier: Tier.STAGING,
      }),
    });
    const worker = new PlatformService(env, 'orders-worker', {
      name: 'worker',
      image: `registry.acme.dev/shop/orders-worker@sha256:${'c'.repeat(64)}`,
      port: 9000,
      resources: ResourcePreset.named('tiny'),
      dependencies: [db, events],
      observability: { enabled: false },
      rollout: Rollout.rolling(),
    });
    const web = new PlatformService(env, 'storefront', {
      image: 'registry.acme.dev/shop/storefront:2.0.1',
      port: 3000,
      resources: env.tier.isAtLeast(Tier.STAGING) ? ResourcePreset.LARGE : ResourcePreset.STANDARD,
      replicas: { min: 2, max: 3 },
      ingress: { host: 'shop.apps.acme.dev' },
      rollout: Rollout.canary({ steps: [25, 100] }),
    });
    api.allowFrom(worker);
    api.allowFrom(web);
    const migration = new Migration(env, 'orders-migrate', {
      image: `registry.acme.dev/shop/orders-api:${tag}`,
      command: ['/orders-api'],
      args: ['migrate', 'up'],
      dependencies: [db],
      before: api,
      timeout: Duration.minutes(10),
    });
    Policy.suppress(migration, 'workload.migration-compatibility', { reason: 'expand-only migrations; columns are dropped a release later' });
    const report = new ScheduledJob(env, 'nightly-report', {
      image: `registry.acme.dev/shop/orders-report:${tag}`,
      schedule: '30 2 * * MON-FRI',
      timeZone: 'Europe/Berlin',
      expectedDuration: Duration.minutes(20),
      retries: 1,
      dependencies: [db, invoices],
      owner: { team: 'shop', runbook: 'https://runbooks.acme.dev/nightly-report' },
    });
    api.allowFrom(report);
  };

  const dev = new Environment(app, 'shop-dev', { platform, tier: Tier.DEVELOPMENT, team: 'shop' });
  const staging = new Environment(app, 'shop-staging', { platform, tier: Tier.STAGING, team: 'shop', namespace: 'shop-stage' });
  const prod = new Environment(app, 'shop-prod', { platform, tier: Tier.PRODUCTION, team: 'shop', budget: { monthlyUsd: 20000 } });
  const preview = new PreviewEnvironment(app, 'shop-pr-7', {
    platform,
    team: 'shop',
    pullRequest: 7,
    application: 'shop',
    ttl: Duration.days(2),
    repository: 'https://github.com/acme/shop-infra',
    budget: { monthlyUsd: 300 },
  });
  for (const env of [dev, staging, prod]) shop(env, '1.4.2');
  shop(preview, 'pr-7');

  new GitOps(app, 'gitops', {
    platform,
    team: 'shop',
    repoURL: 'https://github.com/acme/shop-infra.git',
    revision: 'main',
    environments: [dev, staging, prod],
    sync: { automated: true, prune: true, selfHeal: true },
    previews: {
      github: { owner: 'acme', repo: 'shop-infra', labels: ['preview'], tokenSecretName: 'github-token' },
      application: 'shop',
      requeueAfter: Duration.minutes(5),
    },
  });
  new KyvernoPolicies(app, 'admission', { platform, tier: Tier.PRODUCTION, team: 'shop', excludedNamespaces: ['kube-system'] });
  return app;
}
