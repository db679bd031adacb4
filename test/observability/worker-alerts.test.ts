import { Chart, Testing } from 'cdk8s';
import { ResolvedObservabilitySettings, resolveObservabilitySettings } from '../../src/observability/observability-settings';
import { createWorkerAlerts, WorkerAlertTarget } from '../../src/observability/worker-alerts';
import { Tier } from '../../src/platform/tier';
import { parsePromql } from '../support/promql';

const SETTINGS = resolveObservabilitySettings('test', undefined) as ResolvedObservabilitySettings;
const AGE = 'max(aws_sqs_approximate_age_of_oldest_message_maximum{queue_name="acme-payments-production-invoices-04af07"})';

function target(overrides: Partial<WorkerAlertTarget> = {}): WorkerAlertTarget {
  return {
    name: 'invoicer',
    namespace: 'payments-production',
    tier: Tier.PRODUCTION,
    team: 'payments',
    labels: { 'app.kubernetes.io/name': 'invoicer' },
    minReplicas: 2,
    restartsPerHour: 3,
    maxMessageAgeSeconds: 900,
    ...overrides,
  };
}

function rules(overrides: Partial<WorkerAlertTarget> = {}): any[] {
  return createWorkerAlerts(new Chart(Testing.app(), 'test'), target(overrides), SETTINGS).toJson().spec.groups.flatMap((g: any) => g.rules);
}
const byName = (list: any[], name: string) => list.find((r) => r.alert === name);

describe('createWorkerAlerts', () => {
  test('watches restarts and availability; a worker serves no requests, so no golden-signal alerts', () => {
    expect(rules().map((r) => r.alert)).toEqual(['WorkerRestarting', 'WorkerUnavailable']);
  });

  test('alerts on the age of the oldest message with the queue\'s own expression, when scaled on a queue', () => {
    const aging = byName(rules({ oldestMessageAge: AGE, queueName: 'invoices', maxMessageAgeSeconds: 600 }), 'WorkerQueueBacklogAging');
    expect(aging.expr).toBe(`${AGE} > 600`);
    expect(aging.annotations.summary).toBe('invoicer in payments-production: the oldest message of queue invoices has waited more than 600s');
  });

  test('counts available replicas against the worker\'s minimum', () => {
    const unavailable = byName(rules(), 'WorkerUnavailable');
    expect(unavailable.expr).toBe('sum(kube_deployment_status_replicas_available{namespace="payments-production",deployment="invoicer"}) < 2');
  });

  test('scaled to zero, alerts only when replicas are asked for and none becomes available', () => {
    expect(byName(rules({ minReplicas: 0 }), 'WorkerUnavailable').expr).toBe(
      'sum(kube_deployment_spec_replicas{namespace="payments-production",deployment="invoicer"}) > 0 and '
      + 'sum(kube_deployment_status_replicas_available{namespace="payments-production",deployment="invoicer"}) < 1');
  });

  test('every expression is PromQL reading only the worker\'s series and its queue\'s', () => {
    for (const minReplicas of [0, 2]) {
      for (const rule of rules({ minReplicas, oldestMessageAge: AGE, queueName: 'invoices' })) {
        for (const { metric, matchers } of parsePromql(rule.expr)) {
          if (metric.startsWith('aws_sqs_')) continue;
          expect([metric, matchers.namespace, matchers.container ?? matchers.deployment]).toEqual([metric, 'payments-production', 'invoicer']);
        }
      }
    }
  });

  test('production pages on availability and message age and warns on restarts; preview only informs', () => {
    const production = rules({ oldestMessageAge: AGE, queueName: 'invoices' });
    expect(production.map((r) => r.labels.severity)).toEqual(['warning', 'critical', 'critical']);
    expect(rules({ tier: Tier.PREVIEW }).map((r) => r.labels.severity)).toEqual(['info', 'info']);
    expect(rules({ tier: Tier.STAGING }).map((r) => r.labels.severity)).toEqual(['warning', 'warning']);
  });

  test('routes like a service\'s alerts: team, namespace, service, on-call; links the runbook', () => {
    const [restarting] = rules({ onCall: 'payments-primary', runbook: 'https://runbooks.acme.dev/invoicer', restartsPerHour: 5 });
    expect(restarting.expr).toMatch(/\[1h\]\)\) > 5$/);
    expect(restarting.labels).toEqual({ severity: 'warning', team: 'payments', namespace: 'payments-production', service: 'invoicer', on_call: 'payments-primary' });
    expect(restarting.annotations).toMatchObject({ runbook_url: 'https://runbooks.acme.dev/invoicer', on_call: 'payments-primary' });
  });

  test('is a PrometheusRule the operator selects by the platform\'s rule labels', () => {
    const object = createWorkerAlerts(new Chart(Testing.app(), 'test'), target(), SETTINGS).toJson();
    expect([object.apiVersion, object.kind]).toEqual(['monitoring.coreos.com/v1', 'PrometheusRule']);
    expect(object.metadata.labels).toMatchObject(SETTINGS.ruleSelectorLabels);
  });
});
