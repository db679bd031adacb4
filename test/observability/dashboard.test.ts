import { dashboardUid } from '../../src/observability/dashboard';
import { Tier } from '../../src/platform/tier';
import { find, synth, testEnvironment, testService } from '../support/fixtures';
import { parsePromql } from '../support/promql';

function dashboardOf() {
  const env = testEnvironment(Tier.PRODUCTION);
  testService(env);
  const configMap = find(synth(env), 'ConfigMap', 'orders-api-dashboard');
  return { configMap, dashboard: JSON.parse(configMap.data['payments-production-orders-api.json']) };
}

describe('dashboard', () => {
  test('a ConfigMap the Grafana sidecar discovers by label', () => {
    expect(dashboardOf().configMap.metadata.labels).toMatchObject({ 'grafana_dashboard': '1', 'app.kubernetes.io/name': 'orders-api', 'paved.dev/team': 'payments' });
  });

  test('the golden-signal panels, laid out two a row, each query reading only the service\'s series', () => {
    const { dashboard } = dashboardOf();
    expect(dashboard.panels.map((p: any) => p.title)).toEqual([
      'Requests per second', 'Error rate (5xx)', 'Latency', 'CPU used / limit', 'Memory used / limit', 'Restarts (1h)', 'Available replicas',
    ]);
    expect(dashboard.panels.map((p: any) => [p.gridPos.x, p.gridPos.y])).toEqual([[0, 0], [12, 0], [0, 8], [12, 8], [0, 16], [12, 16], [0, 24]]);
    for (const target of dashboard.panels.flatMap((p: any) => p.targets)) {
      for (const { matchers } of parsePromql(target.expr)) {
        expect(matchers.namespace).toBe('payments-production');
        expect(matchers.service ?? matchers.container ?? matchers.deployment).toBe('orders-api');
      }
    }
  });

  test('a stable uid of at most 40 characters, readable when it fits', () => {
    expect(dashboardOf().dashboard.uid).toBe('payments-production-orders-api');
    const long = dashboardUid('a'.repeat(40), 'orders-api');
    expect(long).toHaveLength(40);
    expect(long).toBe(dashboardUid('a'.repeat(40), 'orders-api'));
    expect(long).not.toBe(dashboardUid('a'.repeat(40), 'orders-web'));
  });

  test('matches its snapshot', () => {
    expect(dashboardOf().dashboard).toMatchSnapshot();
  });
});
