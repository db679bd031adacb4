import { App, Duration, Testing } from 'cdk8s';
import { Rollout } from '../../../src/delivery/rollout';
import { Tier } from '../../../src/platform/tier';
import { testMigration, testScheduledJob } from '../../job/fixtures';
import { testEnvironment, testService } from '../../support/fixtures';
import { exampleApps, fullEnvironment } from '../../support/golden-path';
import { manifestsOf } from '../../support/schema';

/** One synthesized object and where it came from. */
export interface Emitted {
  /** e.g. `examples/basic PrometheusRule/orders-api` */
  readonly source: string;
  readonly object: any;
}

const TIERS = [Tier.PREVIEW, Tier.DEVELOPMENT, Tier.STAGING, Tier.PRODUCTION];
const SLO = { availability: 0.999, latencyP99: Duration.millis(300) };

/**
 * The fixtures that between them make every alert and query Paved writes: the golden path in
 * every tier, a service with an SLO (burn-rate and latency-objective alerts) in every tier, and
 * a canary (its AnalysisTemplate, and availability counted on the Rollout) in production, and a
 * scheduled job and a migration in development and production.
 */
function fixtureApps(): Array<[string, App]> {
  const apps: Array<[string, App]> = [];
  for (const tier of TIERS) {
    const full = Testing.app();
    fullEnvironment(tier, full);
    apps.push([`fixtures/full-${tier.name}`, full]);
    const slo = Testing.app();
    // Production's tight objective, and near the loosest Paved accepts, where the fast burn needs 99.4% errors.
    const availability = tier === Tier.PRODUCTION ? 0.9995 : tier === Tier.STAGING ? 0.99 : 0.9309;
    testService(testEnvironment(tier, {}, slo), { observability: { slo: { availability, latencyP99: SLO.latencyP99 } } });
    apps.push([`fixtures/slo-${tier.name}`, slo]);
  }
  const canary = Testing.app();
  testService(testEnvironment(Tier.PRODUCTION, {}, canary), {
    observability: { metricsPort: 9090, slo: SLO },
    rollout: Rollout.canary({ steps: [10, 50, 100], analysis: { maxErrorRate: 0.01, maxLatencyP99: Duration.millis(300) } }),
  });
  apps.push(['fixtures/canary-production', canary]);
  for (const tier of [Tier.DEVELOPMENT, Tier.PRODUCTION]) {
    const jobs = Testing.app();
    const env = testEnvironment(tier, {}, jobs);
    testScheduledJob(env, { timeZone: 'Europe/Berlin' });
    testMigration(env);
    apps.push([`fixtures/jobs-${tier.name}`, jobs]);
  }
  return apps;
}

/** Every object of the examples' and the fixtures' synthesized output. */
export function emittedObjects(): Emitted[] {
  const apps = [...exampleApps().map(([name, app]) => [`examples/${name}`, app] as [string, App]), ...fixtureApps()];
  return apps.flatMap(([source, app]) => app.charts.flatMap((chart) => manifestsOf(chart).map((object) => ({
    source: `${source} ${chart.node.id} ${object.kind}/${object.metadata?.name}`,
    object: { ...object, metadata: { ...object.metadata, namespace: object.metadata?.namespace ?? chart.namespace } },
  }))));
}
