import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { CostEstimate } from '../../src/cost/cost-estimate';
import { costTable } from '../../src/cost/cost-report';
import { PostgresDependency } from '../../src/dependencies/postgres-dependency';
import { Tier } from '../../src/platform/tier';
import { Policy } from '../../src/policy/policy';
import { PlatformService } from '../../src/service/platform-service';
import { dependencyEnvironment } from '../support/fixtures';

/** Staging and production, each with orders-api on orders-db. */
function paymentsApp(console = false) {
  const app = Testing.app();
  Policy.of(app).configureReports({ console });
  for (const tier of [Tier.STAGING, Tier.PRODUCTION]) {
    const env = dependencyEnvironment(tier, {}, app);
    const db = new PostgresDependency(env, 'orders-db', { version: '16' });
    new PlatformService(env, 'orders-api', { image: 'registry.acme.dev/payments/orders-api:1.4.2', port: 8080, dependencies: [db] });
  }
  return app;
}

describe('cost report', () => {
  test('app.synth() writes paved-reports/paved-cost.json with every environment\'s estimate', () => {
    const app = paymentsApp();
    app.synth();
    const report = JSON.parse(fs.readFileSync(path.join(app.outdir, 'paved-reports', 'paved-cost.json'), 'utf8'));
    expect(report).toEqual({
      currency: 'USD',
      period: 'month',
      hoursPerMonth: 730,
      note: expect.stringContaining('Approximations'),
      environments: JSON.parse(JSON.stringify(CostEstimate.all(app))),
    });
    expect(report).toMatchSnapshot();
  });

  test('prints a table on stderr at synth, unless the app is quiet', () => {
    const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      paymentsApp(true).synth();
      const printed = log.mock.calls.map((c) => c.join(' ')).join('\n');
      expect(printed).toContain(costTable(CostEstimate.all(paymentsApp())));
      log.mockClear();
      paymentsApp(false).synth();
      expect(log).not.toHaveBeenCalled();
    } finally {
      log.mockRestore();
    }
  });

  test('the table: a block per environment, a row per service and dependency, the budget beside the total', () => {
    const app = Testing.app();
    const env = dependencyEnvironment(Tier.PRODUCTION, {}, app);
    new PlatformService(env, 'orders-api', { image: 'registry.acme.dev/payments/orders-api:1.4.2', port: 8080, replicas: { min: 2, max: 4 } });
    const estimate = { ...CostEstimate.of(env), budgetUsd: 20 };
    expect(costTable([estimate]).split('\n')).toEqual([
      'Paved cost estimate, USD a month (approximations at the platform rate card; min – max over replica ranges):',
      'payments-production [production]              $13.58 – $27.16  budget $20.00 (over at the ceiling)',
      '  service                         orders-api  $13.58 – $27.16  2–4 replica(s) × 250m CPU, 256Mi at $6.79 each',
    ]);
  });
});

describe('cost table in a large app', () => {
  test('shows the costliest rows of an environment and points at the JSON for the rest', () => {
    const app = Testing.app();
    const env = dependencyEnvironment(Tier.PRODUCTION, {}, app);
    for (let i = 0; i < 30; i++) {
      new PlatformService(env, `svc-${String(i).padStart(2, '0')}`, {
        image: 'registry.acme.dev/payments/svc:1.0.0', port: 8080, replicas: { min: 2, max: i === 29 ? 40 : 2 },
      });
    }
    const lines = costTable(CostEstimate.all(app)).split('\n');
    expect(lines).toHaveLength(1 + 1 + 25 + 1);
    expect(lines[2]).toContain('svc-29');
    expect(lines[27]).toMatch(/^ {2}… +5 more +in paved-reports\/paved-cost\.json$/);
  });
});
