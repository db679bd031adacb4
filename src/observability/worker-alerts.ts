import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { AlertSubject, alertingRule, prometheusRule, severityFor } from './alerting-rule';
import { ResolvedObservabilitySettings } from './observability-settings';
import { availableReplicas, desiredReplicas, number, restarts, selectorsFor } from './promql';

/** Who a worker's alerts are for, and what they watch. */
export interface WorkerAlertTarget extends AlertSubject {
  readonly labels: { [key: string]: string };
  /** The fewest replicas the worker keeps; 0 for a worker that scales to zero. */
  readonly minReplicas: number;
  readonly restartsPerHour: number;
  /** The age of the oldest message of the worker's queue, in seconds, as PromQL; absent for a worker not scaled on a queue. */
  readonly oldestMessageAge?: string;
  readonly maxMessageAgeSeconds: number;
  /** The number of messages in the queue's dead-letter queue, as PromQL; absent for a worker not scaled on a queue. */
  readonly deadLetterDepth?: string;
  /** The queue's name, for people reading the alert. */
  readonly queueName?: string;
}

/**
 * A worker's PrometheusRule. A worker serves no requests, so it has no golden-signal or SLO
 * alerts; it is watched for what goes wrong with a consumer: containers restarting, fewer
 * replicas available than it keeps, and work waiting too long in its queue. Alerts carry the
 * labels a service's do (severity, team, namespace, `service`, on_call), so one Alertmanager
 * route serves both; production pages, staging warns, preview and development inform.
 */
export function createWorkerAlerts(scope: Construct, target: WorkerAlertTarget, s: ResolvedObservabilitySettings): ApiObject {
  const selectors = selectorsFor(target.namespace, target.name);
  const page = severityFor(target.tier, true);
  const warn = severityFor(target.tier, false);
  const audience = { ...target, subjectLabel: 'service', origin: `threshold from the Paved declaration of worker ${target.name}` } as const;
  const alert = (name: string, expr: string, duration: string, severity: string, summary: string) =>
    alertingRule(audience, name, expr, duration, severity, summary);

  const rules = [
    alert('WorkerRestarting', `${restarts(selectors, '1h')} > ${target.restartsPerHour}`, '0m', warn,
      `containers restarted more than ${target.restartsPerHour} times in an hour`),
    target.minReplicas > 0
      ? alert('WorkerUnavailable', `${availableReplicas(selectors)} < ${target.minReplicas}`, '5m', page,
        `fewer than ${target.minReplicas} replica(s) are available`)
      // Scaled to zero, no replica is the normal state: what is wrong is none coming up once KEDA asks for one.
      : alert('WorkerUnavailable', `${desiredReplicas(selectors)} > 0 and ${availableReplicas(selectors)} < 1`, '10m', page,
        'replicas were asked for but none is available'),
  ];
  if (target.oldestMessageAge !== undefined) {
    const seconds = number(target.maxMessageAgeSeconds);
    rules.push(alert('WorkerQueueBacklogAging', `${target.oldestMessageAge} > ${seconds}`, '5m', page,
      `the oldest message of queue ${target.queueName} has waited more than ${seconds}s`));
  }
  if (target.deadLetterDepth !== undefined) {
    // A message lands there only after failing every receive: each one is work lost until redriven.
    rules.push(alert('WorkerDeadLetters', `${target.deadLetterDepth} > 0`, '5m', warn,
      `messages of queue ${target.queueName} failed every receive and wait in its dead-letter queue`));
  }

  return prometheusRule(scope, target.name, target.labels, [{ name: `${target.name}.worker`, rules }], s);
}
