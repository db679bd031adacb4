import { Duration } from 'cdk8s';
import { BURN_RATES } from '../../src/observability/burn-rates';
import { Tier } from '../../src/platform/tier';
import { find, synth, testEnvironment, testPlatform, testService } from '../support/fixtures';
import { exampleApps, fullEnvironment } from '../support/golden-path';
import { parsePromql } from '../support/promql';
import { manifestsOf } from '../support/schema';

function rulesOf(tier: Tier, props: any = {}) {
  const env = testEnvironment(tier);
  testService(env, props);
  return find(synth(env), 'PrometheusRule', 'orders-api');
}

const alertsOf = (rule: any) => rule.spec.groups.flatMap((g: any) => g.rules).filter((r: any) => r.alert);
const byName = (rule: any, name: string) => alertsOf(rule).filter((a: any) => a.alert === name);

/** Every expression parses, and every series it reads belongs to the service. */
function expectScoped(rule: any, namespace: string, name: string): void {
  const expressions = rule.spec.groups.flatMap((g: any) => g.rules.map((r: any) => r.expr));
  expect(expressions.length).toBeGreaterThan(0);
  for (const expr of expressions) {
    for (const { metric, matchers } of parsePromql(expr)) {
      // CloudWatch's series (a worker's queue) come from an exporter outside the namespace and are scoped by queue.
      if (metric.startsWith('aws_sqs_')) {
        expect([metric, matchers.queue_name ?? matchers.dimension_QueueName]).toEqual([metric, expect.stringMatching(/^acme-/)]);
        continue;
      }
      expect([metric, matchers.namespace]).toEqual([metric, namespace]);
      // A job's runs are named after it (`<name>-<timestamp>`), so they are matched by pattern or by their owner.
      const own = matchers.service ?? matchers.container ?? matchers.deployment ?? matchers.name ?? matchers.cronjob ?? matchers.owner_name
        ?? matchers.job_name?.replace(/^=~/, '').replace(/-(\[0-9\]\+|[0-9a-f]{10})$/, '');
      expect([metric, own]).toEqual([metric, name]);
    }
  }
}

describe('alert rules', () => {
  test('the golden signals: errors, latency, CPU and memory saturation, restarts, availability', () => {
    expect(alertsOf(rulesOf(Tier.PRODUCTION)).map((a: any) => a.alert)).toEqual([
      'ServiceHighErrorRate', 'ServiceHighLatency', 'ServiceCpuSaturated', 'ServiceMemorySaturated', 'ServiceRestarting', 'ServiceUnavailable',
    ]);
  });

  test('every expression is PromQL and reads only the service\'s own series, in every tier and example', () => {
    expectScoped(rulesOf(Tier.PRODUCTION, { observability: { slo: { availability: 0.999, latencyP99: Duration.millis(300) } } }), 'payments-production', 'orders-api');
    for (const tier of Tier.all()) {
      for (const rule of manifestsOf(fullEnvironment(tier)).filter((o) => o.kind === 'PrometheusRule')) expectScoped(rule, `shop-${tier.name}`, rule.metadata.name);
    }
    for (const [, app] of exampleApps()) {
      for (const rule of manifestsOf(app).filter((o) => o.kind === 'PrometheusRule')) expectScoped(rule, rule.metadata.namespace, rule.metadata.name);
    }
  });

  test('production pages, staging warns, preview and development only inform', () => {
    const severities = (tier: Tier) => Object.fromEntries(alertsOf(rulesOf(tier)).map((a: any) => [a.alert, a.labels.severity]));
    expect(severities(Tier.PRODUCTION)).toMatchObject({ ServiceHighErrorRate: 'critical', ServiceUnavailable: 'critical', ServiceHighLatency: 'warning' });
    expect(new Set(Object.values(severities(Tier.STAGING)))).toEqual(new Set(['warning']));
    expect(new Set(Object.values(severities(Tier.PREVIEW)))).toEqual(new Set(['info']));
    expect(new Set(Object.values(severities(Tier.DEVELOPMENT)))).toEqual(new Set(['info']));
  });

  test('thresholds default by tier and can be overridden', () => {
    expect(byName(rulesOf(Tier.PRODUCTION), 'ServiceHighErrorRate')[0].expr).toMatch(/> 0\.05$/);
    expect(byName(rulesOf(Tier.DEVELOPMENT), 'ServiceHighErrorRate')[0].expr).toMatch(/> 0\.1$/);
    const alerts = { errorRate: 0.02, latencyP99: Duration.millis(250), saturation: 0.8, restartsPerHour: 5 };
    const custom = rulesOf(Tier.PRODUCTION, { observability: { alerts } });
    expect(byName(custom, 'ServiceHighErrorRate')[0].expr).toMatch(/> 0\.02$/);
    expect(byName(custom, 'ServiceHighLatency')[0].expr).toMatch(/> 0\.25$/);
    expect(byName(custom, 'ServiceCpuSaturated')[0].expr).toMatch(/> 0\.8$/);
    expect(byName(custom, 'ServiceRestarting')[0].expr).toMatch(/> 5$/);
    expect(byName(rulesOf(Tier.PRODUCTION, { replicas: { min: 3, max: 6 } }), 'ServiceUnavailable')[0].expr).toMatch(/< 3$/);
  });

  test('the platform sets thresholds per tier; a service\'s own win, and unset ones keep the built-in defaults', () => {
    const platform = testPlatform({
      observability: { alertThresholds: { production: { errorRate: 0.01, latencyP99: Duration.millis(400) }, development: { restartsPerHour: 10 } } },
    });
    const rules = (tier: Tier, props: any = {}) => {
      const env = testEnvironment(tier, { platform });
      testService(env, props);
      return find(synth(env), 'PrometheusRule', 'orders-api');
    };
    const production = rules(Tier.PRODUCTION);
    expect(byName(production, 'ServiceHighErrorRate')[0].expr).toMatch(/> 0\.01$/);
    expect(byName(production, 'ServiceHighLatency')[0].expr).toMatch(/> 0\.4$/);
    expect(byName(production, 'ServiceRestarting')[0].expr).toMatch(/> 3$/);
    expect(byName(rules(Tier.DEVELOPMENT), 'ServiceRestarting')[0].expr).toMatch(/> 10$/);
    expect(byName(rules(Tier.DEVELOPMENT), 'ServiceHighErrorRate')[0].expr).toMatch(/> 0\.1$/);
    expect(byName(rules(Tier.STAGING), 'ServiceHighErrorRate')[0].expr).toMatch(/> 0\.05$/);
    const own = rules(Tier.PRODUCTION, { observability: { alerts: { errorRate: 0.2, latencyP99: undefined } } });
    expect(byName(own, 'ServiceHighErrorRate')[0].expr).toMatch(/> 0\.2$/);
    expect(byName(own, 'ServiceHighLatency')[0].expr).toMatch(/> 0\.4$/);
  });

  test('alerts carry team, severity, service and namespace, and link the runbook and on-call', () => {
    const [alert] = alertsOf(rulesOf(Tier.PRODUCTION, { owner: { onCall: 'payments-primary', runbook: 'https://runbooks.acme.dev/orders-api' } }));
    expect(alert.labels).toEqual({ severity: 'critical', team: 'payments', namespace: 'payments-production', service: 'orders-api', on_call: 'payments-primary' });
    expect(alert.annotations.runbook_url).toBe('https://runbooks.acme.dev/orders-api');
    expect(alert.annotations.on_call).toBe('payments-primary');
    expect(alert.annotations.summary).toBe('orders-api in payments-production: more than 5% of requests fail with a 5xx');
    const [plain] = alertsOf(rulesOf(Tier.PRODUCTION));
    expect(plain.labels.on_call).toBeUndefined();
    expect(plain.annotations.runbook_url).toBeUndefined();
    expect(plain.annotations.on_call).toBeUndefined();
    expect(plain.labels.team).toBe('payments');
    const [otherTeam] = alertsOf(rulesOf(Tier.PRODUCTION, { owner: { team: 'checkout' } }));
    expect(otherTeam.labels.team).toBe('checkout');
  });

  test('an SLO adds recorded error ratios and the four burn-rate alerts at factor × (1 − objective)', () => {
    const rule = rulesOf(Tier.PRODUCTION, { observability: { slo: { availability: 0.999 } } });
    const slo = rule.spec.groups.find((g: any) => g.name === 'orders-api.slo');
    expect(slo.rules.filter((r: any) => r.record).map((r: any) => r.record)).toEqual(
      ['5m', '1h', '30m', '6h', '2h', '1d', '3d'].map((w) => `paved:slo_errors_per_request:ratio_rate${w}`),
    );
    const burns = slo.rules.filter((r: any) => r.alert);
    expect(burns.map((a: any) => [a.alert, a.for, a.labels.severity])).toEqual([
      ['ServiceErrorBudgetBurn', '2m', 'critical'],
      ['ServiceErrorBudgetBurn', '15m', 'critical'],
      ['ServiceErrorBudgetSlowBurn', '1h', 'warning'],
      ['ServiceErrorBudgetSlowBurn', '3h', 'warning'],
    ]);
    expect(burns[0].expr).toBe('paved:slo_errors_per_request:ratio_rate1h{namespace="payments-production",service="orders-api"} > 0.0144'
      + ' and paved:slo_errors_per_request:ratio_rate5m{namespace="payments-production",service="orders-api"} > 0.0144');
    expect(burns.map((a: any) => Number(a.expr.split(' > ')[1].split(' ')[0]))).toEqual(BURN_RATES.map((b) => Number((b.factor * 0.001).toPrecision(12))));
  });

  test('burn-rate alerts that share a name are told apart by their windows, so no two rules write the same alert', () => {
    const rule = rulesOf(Tier.PRODUCTION, { observability: { slo: { availability: 0.999, latencyP99: Duration.millis(300) } } });
    const burns = byName(rule, 'ServiceErrorBudgetBurn').concat(byName(rule, 'ServiceErrorBudgetSlowBurn'));
    expect(burns.map((a: any) => [a.labels.long_window, a.labels.short_window])).toEqual(BURN_RATES.map((b) => [b.long, b.short]));
    const identities = alertsOf(rule).map((a: any) => JSON.stringify([a.alert, Object.entries(a.labels).sort()]));
    expect(new Set(identities).size).toBe(identities.length);
  });

  test('a latency objective adds its own alert; without an SLO there is no SLO group', () => {
    const rule = rulesOf(Tier.PRODUCTION, { observability: { slo: { availability: 0.99, latencyP99: Duration.millis(300) } } });
    expect(byName(rule, 'ServiceLatencyObjectiveMissed')[0].expr).toMatch(/\[30m\]\)\)\) > 0\.3$/);
    expect(rulesOf(Tier.PRODUCTION).spec.groups.map((g: any) => g.name)).toEqual(['orders-api.golden-signals']);
  });

  test('matches its snapshot: a production service with an SLO', () => {
    expect(rulesOf(Tier.PRODUCTION, {
      owner: { onCall: 'payments-primary', runbook: 'https://runbooks.acme.dev/orders-api' },
      observability: { slo: { availability: 0.999, latencyP99: Duration.millis(300) } },
    })).toMatchSnapshot();
  });
});
