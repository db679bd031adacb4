import { Chart, Testing } from 'cdk8s';
import { AlertAudience, alertingRule, prometheusRule, severityFor } from '../../src/observability/alerting-rule';
import { resolveObservabilitySettings } from '../../src/observability/observability-settings';
import { Tier } from '../../src/platform/tier';

const ORDERS: AlertAudience = {
  name: 'orders',
  namespace: 'payments-prod',
  tier: Tier.PRODUCTION,
  team: 'payments',
  subjectLabel: 'service',
  origin: 'threshold from the Paved declaration of orders',
};

describe('alertingRule', () => {
  test('labels route by severity, team, namespace and the workload; the annotations say what and where from', () => {
    expect(alertingRule(ORDERS, 'ServiceRestarting', 'x > 3', '0m', 'warning', 'containers restarted')).toEqual({
      alert: 'ServiceRestarting',
      expr: 'x > 3',
      for: '0m',
      labels: { severity: 'warning', team: 'payments', namespace: 'payments-prod', service: 'orders' },
      annotations: {
        summary: 'orders in payments-prod: containers restarted',
        description: 'containers restarted (threshold from the Paved declaration of orders; production tier).',
      },
    });
  });

  test('what runs to completion is routed by `workload`, never by `service`', () => {
    const rule = alertingRule({ ...ORDERS, subjectLabel: 'workload' }, 'MigrationFailed', 'x > 0', '0m', 'warning', 'the migration failed');
    expect(rule.labels.workload).toBe('orders');
    expect(rule.labels.service).toBeUndefined();
  });

  test('on-call is a label for routing and an annotation for reading; the runbook is linked', () => {
    const rule = alertingRule({ ...ORDERS, onCall: 'payments-oncall', runbook: 'https://runbooks.acme.dev/orders' }, 'A', 'x', '5m', 'critical', 's');
    expect(rule.labels.on_call).toBe('payments-oncall');
    expect(rule.annotations).toMatchObject({ on_call: 'payments-oncall', runbook_url: 'https://runbooks.acme.dev/orders' });
  });

  test('extra labels tell apart rules that share a name', () => {
    const rule = alertingRule(ORDERS, 'ServiceErrorBudgetBurn', 'x', '2m', 'critical', 's', { long_window: '1h', short_window: '5m' });
    expect(rule.labels).toMatchObject({ long_window: '1h', short_window: '5m', service: 'orders' });
  });
});

describe('prometheusRule', () => {
  test('is named after the workload and carries the labels the platform\'s Prometheus selects rules by', () => {
    const chart = new Chart(Testing.app(), 'test');
    const settings = resolveObservabilitySettings('test', { ruleSelectorLabels: { prometheus: 'platform' } });
    prometheusRule(chart, 'orders', { 'app.kubernetes.io/name': 'orders' }, [{ name: 'orders.worker', rules: [] }], settings);
    expect(Testing.synth(chart)).toEqual([{
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: { name: 'orders', labels: { 'app.kubernetes.io/name': 'orders', 'prometheus': 'platform' } },
      spec: { groups: [{ name: 'orders.worker', rules: [] }] },
    }]);
  });
});

describe('severityFor', () => {
  test('production pages, staging warns, preview and development inform', () => {
    expect([Tier.PRODUCTION, Tier.STAGING, Tier.PREVIEW, Tier.DEVELOPMENT].map((t) => [severityFor(t, true), severityFor(t, false)])).toEqual([
      ['critical', 'warning'], ['warning', 'warning'], ['info', 'info'], ['info', 'info'],
    ]);
  });
});
