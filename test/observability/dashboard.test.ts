import { Testing } from 'cdk8s';
import { dashboardUid } from '../../src/observability/dashboard';
import { Tier } from '../../src/platform/tier';
import { find, findAll, synth, testEnvironment, testPlatform, testService } from '../support/fixtures';
import { parsePromql } from '../support/promql';

function dashboardOf() {
  const env = testEnvironment(Tier.PRODUCTION);
  testService(env);
  const configMap = find(synth(env), 'ConfigMap', 'orders-api-dashboard');
  return { configMap, dashboard: JSON.parse(configMap.data['dashboard.json']) };
}

describe('dashboard', () => {
  test('a ConfigMap the Grafana sidecar discovers by label', () => {
    expect(dashboardOf().configMap.metadata.labels).toMatchObject({ 'grafana_dashboard': '1', 'app.kubernetes.io/name': 'orders-api', 'paved.dev/team': 'payments' });
  });

  test('one data key, written by the sidecar into a directory of the service\'s own under its folder', () => {
    const { configMap } = dashboardOf();
    expect(Object.keys(configMap.data)).toEqual(['dashboard.json']);
    expect(configMap.metadata.annotations).toEqual({ 'k8s-sidecar-target-directory': 'payments-production/orders-api' });
  });

  test('no two dashboards of an app land on the same file: services of one namespace and one service in two', () => {
    const app = Testing.app();
    const platform = testPlatform();
    const files = [Tier.STAGING, Tier.PRODUCTION].flatMap((tier) => {
      const env = testEnvironment(tier, { platform }, app);
      testService(env);
      testService(env, {}, 'storefront');
      return findAll(synth(env), 'ConfigMap').map((c) => Object.keys(c.data).map((key) => `${c.metadata.annotations['k8s-sidecar-target-directory']}/${key}`)).flat();
    });
    expect(files.sort()).toEqual([
      'payments-production/orders-api/dashboard.json', 'payments-production/storefront/dashboard.json',
      'payments-staging/orders-api/dashboard.json', 'payments-staging/storefront/dashboard.json',
    ]);
  });

  test('the folder annotation the platform\'s sidecar reads, when its chart sets one', () => {
    const env = testEnvironment(Tier.PRODUCTION, { platform: testPlatform({ observability: { dashboardFolderAnnotation: 'grafana_folder' } }) });
    testService(env);
    expect(find(synth(env), 'ConfigMap', 'orders-api-dashboard').metadata.annotations).toEqual({ grafana_folder: 'payments-production/orders-api' });
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
