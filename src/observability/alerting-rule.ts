import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ResolvedObservabilitySettings } from './observability-settings';
import { Tier } from '../platform/tier';

/** The workload an alert is about, and the people it reaches. */
export interface AlertSubject {
  readonly name: string;
  readonly namespace: string;
  readonly tier: Tier;
  readonly team: string;
  readonly onCall?: string;
  readonly runbook?: string;
}

/** Whom a workload's alerts reach, and what they name it by. */
export interface AlertAudience extends AlertSubject {
  /**
   * The label the workload's name is routed by: `service` for what runs continuously (services
   * and workers share Alertmanager routes), `workload` for what runs to completion.
   */
  readonly subjectLabel: 'service' | 'workload';
  /** Where the threshold comes from, for the description: `threshold from the Paved declaration of worker orders`. */
  readonly origin: string;
}

/**
 * One alerting rule, labelled for routing (severity, team, namespace, the workload, on_call) and
 * annotated for the person it reaches (summary, description, runbook, whom to call). Extra labels
 * tell apart rules that share a name.
 */
export function alertingRule(audience: AlertAudience, name: string, expr: string, duration: string, severity: string, summary: string,
  extraLabels: { [key: string]: string } = {}): any {
  return {
    alert: name,
    expr,
    for: duration,
    labels: {
      severity,
      team: audience.team,
      namespace: audience.namespace,
      [audience.subjectLabel]: audience.name,
      ...(audience.onCall ? { on_call: audience.onCall } : {}),
      ...extraLabels,
    },
    annotations: {
      summary: `${audience.name} in ${audience.namespace}: ${summary}`,
      description: `${summary} (${audience.origin}; ${audience.tier.name} tier).`,
      ...(audience.runbook ? { runbook_url: audience.runbook } : {}),
      // A label routes the alert in Alertmanager; the annotation shows whom to call wherever it is read.
      ...(audience.onCall ? { on_call: audience.onCall } : {}),
    },
  };
}

/** A workload's PrometheusRule, named after it and labelled so the platform's Prometheus selects it. */
export function prometheusRule(scope: Construct, name: string, labels: { [key: string]: string }, groups: any[],
  s: ResolvedObservabilitySettings): ApiObject {
  return new ApiObject(scope, 'Alerts', {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: { name, labels: { ...labels, ...s.ruleSelectorLabels } },
    spec: { groups },
  });
}

/** Production pages, staging warns, preview and development inform. */
export function severityFor(tier: Tier, paging: boolean): string {
  if (tier.isAtLeast(Tier.PRODUCTION)) return paging ? 'critical' : 'warning';
  return tier.isAtLeast(Tier.STAGING) ? 'warning' : 'info';
}
