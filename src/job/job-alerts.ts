import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { secondsText } from './job-durations';
import { AlertAudience, alertingRule, prometheusRule, severityFor } from '../observability/alerting-rule';
import { ResolvedObservabilitySettings } from '../observability/observability-settings';
import { number } from '../observability/promql';
import { Tier } from '../platform/tier';
import { ResolvedOwner } from '../workload/workload-owner';

// Alerts of workloads that run to completion. They read kube-state-metrics only (its STABLE
// series): a Job is not scraped, and whether it ran, and how it ended, is the API's to say.

/** Who a job's alerts are for. */
export interface JobAlertTarget {
  readonly name: string;
  readonly namespace: string;
  readonly tier: Tier;
  readonly owner: ResolvedOwner;
  readonly labels: { [key: string]: string };
}

/** One alerting rule, routed by the job's name under `workload`. */
function alertRule(target: JobAlertTarget, name: string, expr: string, duration: string, severity: string, summary: string): any {
  const { owner } = target;
  const audience: AlertAudience = {
    ...target, team: owner.team, onCall: owner.onCall, runbook: owner.runbook, subjectLabel: 'workload', origin: `from the Paved declaration of ${target.name}`,
  };
  return alertingRule(audience, name, expr, duration, severity, summary);
}

function rules(scope: Construct, target: JobAlertTarget, group: string, list: any[], s: ResolvedObservabilitySettings): ApiObject {
  return prometheusRule(scope, target.name, target.labels, [{ name: `${target.name}.${group}`, rules: list }], s);
}

const q = (value: string) => JSON.stringify(value);

/**
 * The start time of each failed run of `cronJob` that started after its newest successful run:
 * a failure that a later success has not superseded, by Job name. `kube_job_failed{condition="true"}`
 * is the Job's Failed condition (retries exhausted or deadline passed), not a failed pod that was
 * retried. The Jobs are the CronJob's by their owner; the name pattern (`<cronjob>-<minutes>`, as
 * the controller names them) only narrows what Prometheus reads.
 */
export function unsupersededFailures(namespace: string, cronJob: string): string {
  const jobs = `namespace=${q(namespace)},job_name=~${q(`${cronJob}-[0-9]+`)}`;
  const owned = `* on (namespace, job_name) group_left () (kube_job_owner{${jobs},owner_kind="CronJob",owner_name=${q(cronJob)}} == 1)`;
  const failedStarts = `kube_job_status_start_time{${jobs}} * on (namespace, job_name) group_left () (kube_job_failed{${jobs},condition="true"} == 1) ${owned}`;
  const succeededEnds = `kube_job_status_completion_time{${jobs}} * on (namespace, job_name) group_left () (kube_job_complete{${jobs},condition="true"} == 1) ${owned}`;
  // No successful run kept (none yet, or all past their TTL) means every kept failure counts. By
  // Job name only: the scrape's own labels (kube-state-metrics' job and instance) are noise here.
  return `max by (job_name) (${failedStarts} > on () group_left () (max(${succeededEnds}) or vector(0)))`;
}

/**
 * Seconds since `cronJob` last started a run (or, before its first, since it was created), while
 * it is not suspended. `kube_cronjob_next_schedule_time` would be the obvious series, but
 * kube-state-metrics computes it without the CronJob's timeZone (kube-state-metrics#2206), so in
 * any zone but UTC it is off by the zone's offset.
 */
export function sinceLastSchedule(namespace: string, cronJob: string): string {
  const selector = `{namespace=${q(namespace)},cronjob=${q(cronJob)}}`;
  // Parenthesised whole: `and` binds more loosely than the comparison a caller appends.
  return `((time() - max by (namespace, cronjob) (kube_cronjob_status_last_schedule_time${selector} or kube_cronjob_created${selector}))`
    + ` and on (namespace, cronjob) (kube_cronjob_spec_suspend${selector} == 0))`;
}

/** What the ScheduledJob's alerts are judged against. */
export interface ScheduledJobAlertModel {
  /** The longest wait between two runs plus the starting deadline, and any daylight-saving hour. */
  readonly lateAfterSeconds: number;
}

/**
 * A ScheduledJob's PrometheusRule: a run failed (and no later run succeeded), and a run did not
 * start when the schedule said it would. Production pages for both: a scheduled job that stops
 * running fails silently otherwise.
 */
export function createScheduledJobAlerts(
  scope: Construct, target: JobAlertTarget, model: ScheduledJobAlertModel, s: ResolvedObservabilitySettings,
): ApiObject {
  const page = severityFor(target.tier, true);
  return rules(scope, target, 'scheduled-job', [
    alertRule(target, 'ScheduledJobFailed', `${unsupersededFailures(target.namespace, target.name)} > 0`, '0m', page,
      'a run failed (retries exhausted or timed out) and no later run has succeeded'),
    alertRule(target, 'ScheduledJobNotScheduled', `${sinceLastSchedule(target.namespace, target.name)} > ${number(model.lateAfterSeconds)}`, '0m', page,
      `no run has started for ${secondsText(model.lateAfterSeconds)}, longer than the schedule allows`),
  ], s);
}

/** A Migration's PrometheusRule: its run failed, so the version it precedes is held back. */
export function createMigrationAlerts(scope: Construct, target: JobAlertTarget, jobName: string, s: ResolvedObservabilitySettings): ApiObject {
  return rules(scope, target, 'migration', [
    alertRule(target, 'MigrationFailed', `max(kube_job_failed{namespace=${q(target.namespace)},job_name=${q(jobName)},condition="true"}) > 0`, '0m',
      severityFor(target.tier, false), 'the migration failed, so the new version does not roll out'),
  ], s);
}
