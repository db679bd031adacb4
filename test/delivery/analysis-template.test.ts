import { Duration, Testing } from 'cdk8s';
import { Rollout } from '../../src/delivery/rollout';
import { Environment } from '../../src/environment/environment';
import { Tier } from '../../src/platform/tier';
import { find, synth, testEnvironment, testPlatform, testService } from '../support/fixtures';
import { parsePromql } from '../support/promql';
import { manifestsOf, validateAgainstSchemas } from '../support/schema';

function templateOf(options: any = {}, env = testEnvironment(), props: any = {}) {
  testService(env, { rollout: Rollout.canary({ steps: [10, 50, 100], ...options }), ...props });
  return find(synth(env), 'AnalysisTemplate', 'orders-api-canary');
}
const metric = (template: any, name: string) => template.spec.metrics.find((m: any) => m.name === name);

describe('the canary AnalysisTemplate', () => {
  const template = templateOf({ analysis: { maxErrorRate: 0.01, maxLatencyP99: Duration.millis(300) } });

  test('takes the canary pods\' hash as its one argument', () => {
    expect(template.spec.args).toEqual([{ name: 'canary-hash' }]);
    expect(template.metadata.labels).toMatchObject({ 'app.kubernetes.io/name': 'orders-api', 'paved.dev/team': 'payments' });
  });

  test('judges the error rate and the p99 latency against the declared limits', () => {
    expect(template.spec.metrics.map((m: any) => m.name)).toEqual(['error-rate', 'latency-p99']);
    expect(metric(template, 'error-rate').successCondition).toBe('result[0] <= 0.01');
    expect(metric(template, 'latency-p99').successCondition).toBe('result[0] <= 0.3');
  });

  test('measures every minute and tolerates one failed measurement by default', () => {
    for (const m of template.spec.metrics) {
      expect(m.interval).toBe('1m');
      expect(m.failureLimit).toBe(1);
      expect(m.count).toBeUndefined();
    }
  });

  test('asks the Prometheus Operator\'s Service in the monitoring namespace by default', () => {
    for (const m of template.spec.metrics) expect(m.provider.prometheus.address).toBe('http://prometheus-operated.monitoring.svc:9090');
  });

  test('reads only the canary pods of this service, through its own Service', () => {
    for (const m of template.spec.metrics) {
      const series = parsePromql(m.provider.prometheus.query);
      expect(series.length).toBeGreaterThan(0);
      for (const { matchers } of series) {
        expect(matchers).toMatchObject({ namespace: 'payments-production', service: 'orders-api', rollouts_pod_template_hash: '{{args.canary-hash}}' });
      }
    }
  });

  test('yields 0 rather than NaN or nothing when the canary has no traffic', () => {
    expect(metric(template, 'error-rate').provider.prometheus.query).toBe(
      '(sum(rate(http_requests_total{namespace="payments-production",service="orders-api",rollouts_pod_template_hash="{{args.canary-hash}}",code=~"5.."}[2m])) or vector(0))'
      + ' / (sum(rate(http_requests_total{namespace="payments-production",service="orders-api",rollouts_pod_template_hash="{{args.canary-hash}}"}[2m])) > 0) or vector(0)',
    );
    expect(metric(template, 'latency-p99').provider.prometheus.query).toBe(
      '(histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{namespace="payments-production",service="orders-api",rollouts_pod_template_hash="{{args.canary-hash}}"}[2m]))) >= 0) or vector(0)',
    );
  });

  test('validates against the Argo Rollouts schema', () => {
    const env = testEnvironment();
    templateOf({}, env);
    validateAgainstSchemas(manifestsOf(env).filter((o) => o.kind === 'AnalysisTemplate'));
  });
});

describe('analysis options', () => {
  test('interval and failureLimit are the declared ones; a longer interval widens the window', () => {
    const template = templateOf({ analysis: { interval: Duration.minutes(5), failureLimit: 3 } });
    for (const m of template.spec.metrics) {
      expect(m.interval).toBe('5m');
      expect(m.failureLimit).toBe(3);
      expect(m.provider.prometheus.query).toContain('[5m]');
    }
  });

  test('defaults: a 1 % error rate and the service\'s own p99 latency threshold', () => {
    expect(metric(templateOf(), 'error-rate').successCondition).toBe('result[0] <= 0.01');
    expect(metric(templateOf(), 'latency-p99').successCondition).toBe('result[0] <= 1');
    const tuned = templateOf({}, testEnvironment(), { observability: { alerts: { latencyP99: Duration.millis(250) } } });
    expect(metric(tuned, 'latency-p99').successCondition).toBe('result[0] <= 0.25');
  });

  test('metric names and the status label come from the platform', () => {
    const platform = testPlatform({ observability: { requestsMetric: 'app_requests', durationMetric: 'app_latency_seconds', statusCodeLabel: 'status', prometheusUrl: 'https://prometheus.acme.dev' } });
    const env = new Environment(Testing.app(), 'payments-production', { platform, tier: Tier.PRODUCTION, team: 'payments' });
    const template = templateOf({}, env);
    expect(metric(template, 'error-rate').provider.prometheus.query).toContain('app_requests{namespace="payments-production",service="orders-api",rollouts_pod_template_hash="{{args.canary-hash}}",status=~"5.."}');
    expect(metric(template, 'latency-p99').provider.prometheus.query).toContain('app_latency_seconds_bucket{');
    for (const m of template.spec.metrics) expect(m.provider.prometheus.address).toBe('https://prometheus.acme.dev');
  });
});

