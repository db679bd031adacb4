import { ApiObject, App, Chart, Duration, Size } from 'cdk8s';
import {
  Environment, Migration, Platform, PlatformService, Policy, PostgresDependency, QueueDependency, Rollout, ScheduledJob,
  SecretReference, Tier, Worker, WorkerScaling,
} from 'paved';

/** The organisation's conventions, with the AWS account its staging and production dependencies live in. */
export const platform = new Platform({
  name: 'acme',
  domain: 'apps.acme.dev',
  registries: ['registry.acme.dev'],
  aws: { accountId: '123456789012', region: 'eu-west-1', privateNetworkCidrs: ['10.20.0.0/16'] },
});

const IMAGE = 'registry.acme.dev/billing/invoices:3.2.0';

/**
 * The billing team's golden paths beyond one HTTP service: an API that takes orders for invoices
 * and puts them on a queue, with a secret from the store, a config file and scratch space; the
 * worker that renders the invoices from the queue, scaled on its length; the nightly job that
 * sends the day's reminders; and the schema migration every release runs before the API's new
 * version takes traffic.
 */
export function billing(env: Environment): void {
  const production = env.tier === Tier.PRODUCTION;
  const db = new PostgresDependency(env, 'invoices-db');
  const queue = new QueueDependency(env, 'invoice-requests', { visibilityTimeout: Duration.minutes(2), maxReceiveCount: 5 });

  const api = new PlatformService(env, 'invoices-api', {
    image: IMAGE,
    port: 8080,
    replicas: production ? { min: 2, max: 10 } : undefined,
    ingress: { host: production ? 'invoices.apps.acme.dev' : 'invoices.staging.apps.acme.dev' },
    dependencies: [db, queue], // sends to the queue: it is not among the queue's consumers
    secrets: { STRIPE_API_KEY: SecretReference.fromStore('billing/stripe', 'api-key') },
    files: { '/etc/invoices/config.yaml': 'currency: EUR\nrounding: half-even\n' },
    scratch: { '/var/cache/invoices': Size.mebibytes(256) },
    rollout: Rollout.canary({ steps: [20, 50, 100] }),
    owner: { onCall: 'billing-primary', runbook: 'https://runbooks.acme.dev/invoices' },
    system: 'billing',
  });

  // Consumes the queue: scaling on it makes the worker a consumer (receive and delete, not send),
  // and staging may stop every replica while the queue is empty.
  new Worker(env, 'invoice-renderer', {
    image: 'registry.acme.dev/billing/renderer:3.2.0',
    dependencies: [db, queue],
    replicas: production ? { min: 2, max: 20 } : { min: 0, max: 3 },
    scaling: WorkerScaling.queue(queue, { messagesPerReplica: 10 }),
    secrets: { STRIPE_API_KEY: SecretReference.fromStore('billing/stripe', 'api-key') },
    scratch: { '/var/cache/renderer': Size.gibibytes(1) },
    owner: { onCall: 'billing-primary', runbook: 'https://runbooks.acme.dev/invoice-renderer' },
    system: 'billing',
  });

  new ScheduledJob(env, 'payment-reminders', {
    image: 'registry.acme.dev/billing/reminders:3.2.0',
    schedule: '30 6 * * *',
    timeZone: 'Europe/Dublin',
    expectedDuration: Duration.minutes(10),
    dependencies: [db],
    owner: { onCall: 'billing-primary', runbook: 'https://runbooks.acme.dev/payment-reminders' },
    system: 'billing',
  });

  const migrate = new Migration(env, 'invoices-migrate', {
    image: IMAGE,
    command: ['/app/migrate', 'up'],
    before: api,
    dependencies: [db],
  });
  // The API rolls out as a canary, so old and new versions share the database for a while: Paved
  // warns until the team states that its migrations only expand.
  Policy.suppress(migrate, 'workload.migration-compatibility', {
    reason: 'Migrations only add columns and tables; a later release drops what no running version reads (expand and contract).',
  });
}

export function buildApp(app: App = new App()): App {
  billing(new Environment(app, 'billing-staging', { platform, tier: Tier.STAGING, team: 'billing' }));
  billing(new Environment(app, 'billing-prod', { platform, tier: Tier.PRODUCTION, team: 'billing', budget: { monthlyUsd: 6000 } }));
  return app;
}

/** One line per environment: what was written and what it holds. */
function describe(app: App): string {
  return app.charts.map((chart: Chart) => {
    const kinds = new Map<string, number>();
    for (const o of chart.node.findAll().filter(ApiObject.isApiObject)) kinds.set(o.kind, (kinds.get(o.kind) ?? 0) + 1);
    const summary = [...kinds.entries()].sort().map(([k, n]) => `${n} ${k}`).join(', ');
    return `  ${app.outdir}/${chart.node.id}.k8s.yaml  ${summary}`;
  }).join('\n');
}

if (require.main === module) {
  const app = buildApp();
  app.synth();
  // stderr: `cdk8s synth` captures the app's stdout.
  console.error(`paved: synthesized ${app.charts.length} environments\n${describe(app)}`);
}
