import { Testing } from 'cdk8s';
import { createMigrationAlerts, createScheduledJobAlerts, sinceLastSchedule, unsupersededFailures } from '../../src/job/job-alerts';
import { resolveObservabilitySettings } from '../../src/observability/observability-settings';
import { Tier } from '../../src/platform/tier';
import { parsePromql } from '../support/promql';

const settings = resolveObservabilitySettings('app', undefined);
const target = (tier: Tier, owner = { team: 'payments' } as any) => ({ name: 'nightly-report', namespace: 'payments-production', tier, owner, labels: { 'app.kubernetes.io/name': 'nightly-report' } });
const KSM = ['kube_job_status_start_time', 'kube_job_failed', 'kube_job_owner', 'kube_job_status_completion_time', 'kube_job_complete', 'kube_cronjob_status_last_schedule_time', 'kube_cronjob_created', 'kube_cronjob_spec_suspend'];

describe('ScheduledJob alerts', () => {
  test('both expressions parse and read only kube-state-metrics series of the job\'s namespace', () => {
    for (const expr of [unsupersededFailures('payments-production', 'nightly-report'), sinceLastSchedule('payments-production', 'nightly-report')]) {
      const selectors = parsePromql(`${expr} > 0`);
      expect(selectors.length).toBeGreaterThan(0);
      for (const s of selectors) {
        expect(KSM).toContain(s.metric);
        expect(s.matchers.namespace).toBe('payments-production');
      }
    }
  });

  test('a failure counts only when owned by this CronJob and newer than its newest success', () => {
    const expr = unsupersededFailures('payments-production', 'nightly-report');
    const owners = parsePromql(expr).filter((s) => s.metric === 'kube_job_owner');
    expect(owners).toHaveLength(2);
    for (const o of owners) expect(o.matchers).toMatchObject({ owner_kind: 'CronJob', owner_name: 'nightly-report' });
    expect(parsePromql(expr).find((s) => s.metric === 'kube_job_failed')!.matchers.condition).toBe('true');
    expect(expr).toContain('or vector(0)');
  });

  test('a suspended CronJob is never late; the comparison binds to the whole expression', () => {
    const expr = sinceLastSchedule('payments-production', 'nightly-report');
    expect(expr).toMatch(/^\(.*\)$/);
    expect(expr).toContain('kube_cronjob_spec_suspend{namespace="payments-production",cronjob="nightly-report"} == 0');
  });

  test('production pages, staging warns, below informs; owner routing is carried', () => {
    const severities = [Tier.PRODUCTION, Tier.STAGING, Tier.DEVELOPMENT].map((tier) => {
      const rule = createScheduledJobAlerts(Testing.chart(), target(tier), { lateAfterSeconds: 90000 }, settings).toJson();
      return rule.spec.groups[0].rules.map((r: any) => r.labels.severity);
    });
    expect(severities).toEqual([['critical', 'critical'], ['warning', 'warning'], ['info', 'info']]);
    const owned = createScheduledJobAlerts(Testing.chart(), target(Tier.PRODUCTION, { team: 'payments', onCall: 'payments-primary', runbook: 'https://runbooks.acme.dev/report' }),
      { lateAfterSeconds: 90000 }, settings).toJson();
    const late = owned.spec.groups[0].rules[1];
    expect(late).toMatchObject({
      alert: 'ScheduledJobNotScheduled',
      expr: expect.stringMatching(/ > 90000$/),
      labels: { on_call: 'payments-primary', workload: 'nightly-report', team: 'payments' },
      annotations: { runbook_url: 'https://runbooks.acme.dev/report', summary: expect.stringContaining('no run has started for 25h') },
    });
    expect(owned.metadata.labels).toMatchObject({ release: 'kube-prometheus-stack' });
  });
});

test('a Migration\'s alert watches its one Job and warns', () => {
  const rule = createMigrationAlerts(Testing.chart(), { ...target(Tier.PRODUCTION), name: 'orders-migrate' }, 'orders-migrate-0123456789', settings).toJson();
  const [alert] = rule.spec.groups[0].rules;
  expect(alert.alert).toBe('MigrationFailed');
  expect(alert.labels.severity).toBe('warning');
  expect(parsePromql(alert.expr)).toEqual([{ metric: 'kube_job_failed', matchers: { namespace: 'payments-production', job_name: 'orders-migrate-0123456789', condition: 'true' } }]);
});
