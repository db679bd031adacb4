import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { AlertAudience, AlertSubject, alertingRule, prometheusRule, severityFor } from './alerting-rule';
import { BURN_RATES } from './burn-rates';
import { ResolvedObservability } from './observability-options';
import { ResolvedObservabilitySettings } from './observability-settings';
import { availableReplicas, errorRatio, latencyQuantile, number, restarts, saturation, selectorsFor, ServiceSelectors, WorkloadKind } from './promql';

/** Who the alerts are for, and how loud they are. */
export interface AlertTarget extends AlertSubject {
  readonly minReplicas: number;
  readonly labels: { [key: string]: string };
  /** What runs the pods, which decides where the available replicas are counted. @default 'Deployment' */
  readonly workloadKind?: WorkloadKind;
}

/** Recorded so the burn-rate alerts read a series rather than recompute the ratio for each window pair. */
export const ERROR_RATIO_RECORD = 'paved:slo_errors_per_request:ratio_rate';

/**
 * The service's PrometheusRule: golden-signal alerts (errors, latency, saturation, restarts,
 * availability) and, with an SLO, burn-rate alerts on its error budget. Production pages
 * (`critical`); staging warns; preview and development only inform, so they never wake anyone.
 */
export function createAlertRules(scope: Construct, target: AlertTarget, o: ResolvedObservability, s: ResolvedObservabilitySettings): ApiObject {
  const selectors = selectorsFor(target.namespace, target.name);
  const page = severityFor(target.tier, true);
  const warn = severityFor(target.tier, false);
  const audience: AlertAudience = { ...target, subjectLabel: 'service', origin: `threshold from the Paved declaration of ${target.name}` };
  const alert: AlertFactory = (...rule) => alertingRule(audience, ...rule);

  const groups: any[] = [{
    name: `${target.name}.golden-signals`,
    rules: [
      alert('ServiceHighErrorRate', `${errorRatio(s, selectors, '5m')} > ${number(o.errorRate)}`, '10m', page,
        `more than ${percent(o.errorRate)} of requests fail with a 5xx`),
      alert('ServiceHighLatency', `${latencyQuantile(s, selectors, 0.99, '5m')} > ${number(o.latencyP99Seconds)}`, '10m', warn,
        `p99 latency is above ${number(o.latencyP99Seconds)}s`),
      alert('ServiceCpuSaturated', `${saturation(selectors, 'cpu')} > ${number(o.saturation)}`, '15m', warn,
        `CPU use is above ${percent(o.saturation)} of the limit`),
      alert('ServiceMemorySaturated', `${saturation(selectors, 'memory')} > ${number(o.saturation)}`, '15m', warn,
        `memory use is above ${percent(o.saturation)} of the limit`),
      alert('ServiceRestarting', `${restarts(selectors, '1h')} > ${o.restartsPerHour}`, '0m', warn,
        `containers restarted more than ${o.restartsPerHour} times in an hour`),
      alert('ServiceUnavailable', `${availableReplicas(selectors, target.workloadKind)} < ${target.minReplicas}`, '5m', page,
        `fewer than ${target.minReplicas} replica(s) are available`),
    ],
  }];
  if (o.slo) groups.push(sloGroup(target, o, s, selectors, alert, page, warn));

  return prometheusRule(scope, target.name, target.labels, groups, s);
}

/** Writes one alerting rule; extra labels tell apart rules that share a name. */
type AlertFactory = (name: string, expr: string, duration: string, severity: string, summary: string, extraLabels?: { [key: string]: string }) => any;

function sloGroup(target: AlertTarget, o: ResolvedObservability, s: ResolvedObservabilitySettings, selectors: ServiceSelectors,
  alert: AlertFactory, page: string, warn: string): any {
  const slo = o.slo!;
  const budget = 1 - slo.availability;
  const windows = [...new Set(BURN_RATES.flatMap((b) => [b.short, b.long]))];
  const recorded = (window: string) => `${ERROR_RATIO_RECORD}${window}${selectors.scraped}`;
  const rules: any[] = windows.map((window) => ({
    record: `${ERROR_RATIO_RECORD}${window}`,
    expr: errorRatio(s, selectors, window),
    labels: { namespace: target.namespace, service: target.name },
  }));
  for (const burn of BURN_RATES) {
    const threshold = number(burn.factor * budget);
    rules.push(alert(
      burn.page ? 'ServiceErrorBudgetBurn' : 'ServiceErrorBudgetSlowBurn',
      `${recorded(burn.long)} > ${threshold} and ${recorded(burn.short)} > ${threshold}`,
      burn.for,
      burn.page ? page : warn,
      `the error budget of the ${percent(slo.availability)} objective burns ${burn.factor}× too fast over ${burn.long} and ${burn.short}`,
      // Two rules share each name: without their windows, their alerts would have the same
      // labels and write the same ALERTS series, which Prometheus reports as duplicate rules.
      { long_window: burn.long, short_window: burn.short },
    ));
  }
  if (slo.latencyP99) {
    const seconds = number(slo.latencyP99.toMilliseconds({ integral: false }) / 1000);
    rules.push(alert('ServiceLatencyObjectiveMissed', `${latencyQuantile(s, selectors, 0.99, '30m')} > ${seconds}`, '15m', page,
      `p99 latency over 30 minutes is above the ${seconds}s objective`));
  }
  return { name: `${target.name}.slo`, rules };
}

function percent(share: number): string {
  return `${number(share * 100)}%`;
}
