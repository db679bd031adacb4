import { App, Duration, Testing } from 'cdk8s';
import { Rollout } from '../../../src/delivery/rollout';
import { PostgresDependency } from '../../../src/dependencies/postgres-dependency';
import { RedisDependency } from '../../../src/dependencies/redis-dependency';
import { Environment } from '../../../src/environment/environment';
import { Tier } from '../../../src/platform/tier';
import { podSpecOf } from '../../../src/policy/rules/pod-spec';
import { PlatformService } from '../../../src/service/platform-service';
import { dependencyEnvironment, testEnvironment } from '../../support/fixtures';
import { exampleApps, fullEnvironment } from '../../support/golden-path';
import { manifestsOf } from '../../support/schema';

/** One pod template Paved emitted, and where it came from. */
export interface EmittedTemplate {
  /** e.g. `examples/basic payments-prod Deployment/orders-api` */
  readonly name: string;
  readonly kind: string;
  readonly object: any;
  readonly metadata: any;
  readonly spec: any;
}

const TIERS = [Tier.PREVIEW, Tier.DEVELOPMENT, Tier.STAGING, Tier.PRODUCTION];

/**
 * The test fixtures that between them make every kind of pod Paved writes: the golden path's
 * Deployments in every tier, a canary Rollout, and the in-cluster stores (StatefulSets) and
 * database seed (Job) of the tiers that run dependencies in the namespace.
 */
function fixtureApps(): Array<[string, App]> {
  const apps: Array<[string, App]> = TIERS.map((tier) => {
    const app = Testing.app();
    fullEnvironment(tier, app);
    return [`fixtures/full-${tier.name}`, app];
  });
  for (const tier of TIERS) {
    const app = Testing.app();
    const env: Environment = testEnvironment(tier, {}, app);
    new PlatformService(env, 'orders-api', {
      image: 'registry.acme.dev/payments/orders-api:1.4.2',
      port: 8080,
      ingress: { host: `orders-${tier.name}.apps.acme.dev` },
      observability: { metricsPort: 9090 },
      rollout: Rollout.canary({ steps: [10, 50, 100], analysis: { maxErrorRate: 0.01, maxLatencyP99: Duration.millis(300) } }),
    });
    apps.push([`fixtures/canary-${tier.name}`, app]);
  }
  for (const tier of TIERS) {
    const app = Testing.app();
    const env = dependencyEnvironment(tier, {}, app);
    const db = new PostgresDependency(env, 'orders-db', { seed: 'last-7-days-anonymized' });
    const cache = new RedisDependency(env, 'orders-cache', {});
    new PlatformService(env, 'orders-api', { image: 'registry.acme.dev/payments/orders-api:1.4.2', port: 8080, dependencies: [db, cache] });
    apps.push([`fixtures/dependencies-${tier.name}`, app]);
  }
  return apps;
}

/** Every pod template in the examples' synthesized output and the fixtures' output. */
export function emittedTemplates(): EmittedTemplate[] {
  const found: EmittedTemplate[] = [];
  const examples = exampleApps().map(([name, example]) => [`examples/${name}`, example] as [string, App]);
  for (const [source, app] of [...examples, ...fixtureApps()]) {
    for (const chart of app.charts) {
      for (const object of manifestsOf(chart)) {
        const pod = podSpecOf(object);
        if (!pod) continue;
        found.push({ name: `${source} ${chart.node.id} ${object.kind}/${object.metadata?.name}`, kind: object.kind, object, metadata: pod.metadata, spec: pod.spec });
      }
    }
  }
  return found;
}
