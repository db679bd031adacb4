import { Duration } from 'cdk8s';
import { Errors } from '../../src/errors';
import { Tier } from '../../src/platform/tier';
import { errorOf } from '../support/errors';
import { find, findAll, synth, testEnvironment, testPlatform, testService } from '../support/fixtures';

describe('observability options', () => {
  test('metrics on their own port: a named container port, a Service port, a ServiceMonitor on it, Prometheus admitted to it only', () => {
    const env = testEnvironment();
    testService(env, { observability: { metricsPort: 9090, metricsPath: '/internal/metrics' } });
    const objects = synth(env);
    const container = find(objects, 'Deployment', 'orders-api').spec.template.spec.containers[0];
    expect(container.ports).toEqual(expect.arrayContaining([expect.objectContaining({ containerPort: 9090, name: 'metrics' })]));
    expect(find(objects, 'Service', 'orders-api').spec.ports).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'metrics', port: 9090, targetPort: 9090 })]));
    expect(find(objects, 'ServiceMonitor', 'orders-api').spec.endpoints).toEqual([{ port: 'metrics', path: '/internal/metrics', interval: '30s', scheme: 'http' }]);
    const prometheusRules = find(objects, 'NetworkPolicy', 'orders-api').spec.ingress
      .filter((r: any) => r.from.some((p: any) => p.namespaceSelector?.matchLabels['kubernetes.io/metadata.name'] === 'monitoring'));
    expect(prometheusRules.map((r: any) => r.ports)).toEqual([[{ port: 9090, protocol: 'TCP' }]]);
  });

  test('the ServiceMonitor selects the service in its namespace and carries the platform\'s selector labels', () => {
    const env = testEnvironment(Tier.PRODUCTION, { platform: testPlatform({ observability: { ruleSelectorLabels: { prometheus: 'main' } } }) });
    testService(env);
    const objects = synth(env);
    const monitor = find(objects, 'ServiceMonitor', 'orders-api');
    expect(monitor.spec.selector.matchLabels).toEqual(find(objects, 'Service', 'orders-api').spec.selector);
    expect(monitor.spec.namespaceSelector).toEqual({ matchNames: ['payments-production'] });
    expect(monitor.metadata.labels.prometheus).toBe('main');
    expect(find(objects, 'PrometheusRule', 'orders-api').metadata.labels.prometheus).toBe('main');
  });

  test('the platform names the metrics', () => {
    const env = testEnvironment(Tier.PRODUCTION, { platform: testPlatform({ observability: { requestsMetric: 'requests_total', statusCodeLabel: 'status' } }) });
    testService(env);
    expect(find(synth(env), 'PrometheusRule', 'orders-api').spec.groups[0].rules[0].expr).toContain('requests_total{namespace="payments-production",service="orders-api",status=~"5.."}');
  });

  test('turned off: no monitoring objects, and the Deployment says so', () => {
    const env = testEnvironment();
    const service = testService(env, { observability: { enabled: false } });
    const objects = synth(env);
    expect([service.serviceMonitor, service.alerts, service.dashboard]).toEqual([undefined, undefined, undefined]);
    expect([...findAll(objects, 'ServiceMonitor'), ...findAll(objects, 'PrometheusRule'), ...findAll(objects, 'ConfigMap')]).toEqual([]);
    expect(find(objects, 'Deployment', 'orders-api').metadata.annotations).toEqual({ 'paved.dev/observability': 'off' });
  });

  const bad: Array<[string, any, string]> = [
    ['an availability of 1', { slo: { availability: 1 } }, 'payments-production/orders-api: observability.slo.availability (1) must be a share strictly between 0 and 1, e.g. 0.999'],
    ['an availability of 0', { slo: { availability: 0 } }, 'observability.slo.availability (0) must be a share strictly between 0 and 1'],
    ['an availability given in percent', { slo: { availability: 99.9 } }, 'observability.slo.availability (99.9) must be a share strictly between 0 and 1'],
    ['an availability whose fast burn alert could never fire', { slo: { availability: 0.9 } },
      'observability.slo.availability (0.9) leaves an error budget so large that the fast burn-rate alert (14.4× the budget) would need more than every request to fail and could never fire: use at least 0.9306'],
    ['a zero latency objective', { slo: { availability: 0.99, latencyP99: Duration.millis(0) } }, 'observability.slo.latencyP99 (0ms) must be a Duration above zero'],
    ['a latency objective given as a number', { slo: { availability: 0.99, latencyP99: 300 } }, 'observability.slo.latencyP99 (300) must be a Duration above zero'],
    ['a zero latency threshold', { alerts: { latencyP99: Duration.seconds(0) } }, 'observability.alerts.latencyP99 (0ms) must be a Duration above zero'],
    ['a metrics port below 1024', { metricsPort: 80 }, 'observability.metricsPort (80) must be a whole number from 1024 to 65535'],
    ['a relative metrics path', { metricsPath: 'metrics' }, 'observability.metricsPath "metrics" must be an absolute URL path'],
    ['an error rate above 1', { alerts: { errorRate: 5 } }, 'observability.alerts.errorRate (5) must be a share above 0 and at most 1'],
    ['a saturation of 0', { alerts: { saturation: 0 } }, 'observability.alerts.saturation (0) must be a share above 0 and at most 1'],
    ['a fractional restart count', { alerts: { restartsPerHour: 1.5 } }, 'observability.alerts.restartsPerHour (1.5) must be a whole number from 1 to 1000'],
  ];
  test.each(bad)('rejects %s, naming the prop and value', (_what, observability, message) => {
    const env = testEnvironment();
    const error = errorOf(() => testService(env, { observability }));
    expect(Errors.isPavedError(error)).toBe(true);
    expect(error.message).toContain(message);
    expect(env.node.tryFindChild('orders-api')).toBeUndefined();
  });

  test('accepts the lowest availability whose fast burn-rate alert can still fire', () => {
    const env = testEnvironment();
    testService(env, { observability: { slo: { availability: 0.9306 } } });
    const rule = find(synth(env), 'PrometheusRule', 'orders-api');
    const fastest = rule.spec.groups.flatMap((g: any) => g.rules).find((r: any) => r.alert === 'ServiceErrorBudgetBurn');
    expect(Number(fastest.expr.split(' > ')[1].split(' ')[0])).toBeLessThan(1);
  });

  test.each([
    ['a Prometheus namespace that is not a DNS label', { prometheusNamespace: 'Monitoring' }, 'observability.prometheusNamespace "Monitoring" must be a DNS-1123 label'],
    ['a metric name with a dash', { requestsMetric: 'http-requests' }, 'observability.requestsMetric "http-requests" must be a Prometheus metric name'],
    ['a status label with a dot', { statusCodeLabel: 'http.code' }, 'observability.statusCodeLabel "http.code" must be a Prometheus label name'],
    ['thresholds for a tier that does not exist', { alertThresholds: { prod: { errorRate: 0.01 } } }, 'observability.alertThresholds key "prod" is not a tier (allowed: preview, development, staging, production)'],
    ['an error rate given in percent', { alertThresholds: { production: { errorRate: 2 } } }, 'Platform(acme): observability.alertThresholds.production.errorRate (2) must be a share above 0 and at most 1'],
    ['a restart threshold of 0', { alertThresholds: { staging: { restartsPerHour: 0 } } }, 'observability.alertThresholds.staging.restartsPerHour (0) must be a whole number from 1 to 1000'],
  ])('the platform rejects %s', (_what, observability, message) => {
    const error = errorOf(() => testPlatform({ observability }));
    expect(Errors.isPavedError(error)).toBe(true);
    expect(error.message).toContain(message);
  });

  test('the platform accepts thresholds for known tiers', () => {
    const alertThresholds = { production: { errorRate: 0.01, latencyP99: Duration.millis(500) }, preview: {} };
    expect(() => testPlatform({ observability: { alertThresholds } })).not.toThrow();
  });
});
