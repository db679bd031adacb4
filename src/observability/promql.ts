import { ResolvedObservabilitySettings } from './observability-settings';

/** The label selectors that tie every expression to one service and nothing else. */
export interface ServiceSelectors {
  /** `{namespace="payments-prod",service="orders-api"}`: series scraped from the service. */
  readonly scraped: string;
  /** `{namespace="payments-prod",container="orders-api"}`: cAdvisor and kube-state-metrics series of its containers. */
  readonly container: string;
  /** `{namespace="payments-prod",deployment="orders-api"}`: kube-state-metrics series of its Deployment. */
  readonly deployment: string;
  /** `{namespace="payments-prod",name="orders-api"}`: the Argo Rollouts controller's series of its Rollout. */
  readonly rollout: string;
}

/** Quotes a label value for PromQL: Kubernetes names need no escaping, but the quoting stays exact. */
function quote(value: string): string {
  return JSON.stringify(value);
}

export function selectorsFor(namespace: string, name: string): ServiceSelectors {
  const ns = `namespace=${quote(namespace)}`;
  return {
    scraped: `{${ns},service=${quote(name)}}`,
    container: `{${ns},container=${quote(name)}}`,
    deployment: `{${ns},deployment=${quote(name)}}`,
    rollout: `{${ns},name=${quote(name)}}`,
  };
}

/** Selectors narrowed to the series that also carry `label="value"`, e.g. one ReplicaSet's pods. */
export function withLabel(selectors: ServiceSelectors, label: string, value: string): ServiceSelectors {
  const matcher = `${label}=${quote(value)}`;
  return {
    scraped: narrowed(selectors.scraped, matcher),
    container: narrowed(selectors.container, matcher),
    deployment: narrowed(selectors.deployment, matcher),
    rollout: narrowed(selectors.rollout, matcher),
  };
}

/** Adds matchers to a selector: `{a="1"}` + `code=~"5.."` gives `{a="1",code=~"5.."}`. */
function narrowed(selector: string, matcher: string): string {
  return `${selector.slice(0, -1)},${matcher}}`;
}

/** The share of requests answered with a 5xx over `window`. */
export function errorRatio(s: ResolvedObservabilitySettings, selectors: ServiceSelectors, window: string): string {
  const errors = narrowed(selectors.scraped, `${s.statusCodeLabel}=~"5.."`);
  return `sum(rate(${s.requestsMetric}${errors}[${window}])) / sum(rate(${s.requestsMetric}${selectors.scraped}[${window}]))`;
}

/**
 * `errorRatio`, but 0 when no request came in: without traffic the ratio is 0/0 (NaN) or has
 * no series at all, and a measurement that yields neither a number nor a result errors.
 */
export function errorRatioOrZero(s: ResolvedObservabilitySettings, selectors: ServiceSelectors, window: string): string {
  const errors = narrowed(selectors.scraped, `${s.statusCodeLabel}=~"5.."`);
  return `(sum(rate(${s.requestsMetric}${errors}[${window}])) or vector(0)) / (sum(rate(${s.requestsMetric}${selectors.scraped}[${window}])) > 0) or vector(0)`;
}

/** `latencyQuantile`, but 0 when no request came in (the quantile of empty buckets is NaN, which `>= 0` drops). */
export function latencyQuantileOrZero(s: ResolvedObservabilitySettings, selectors: ServiceSelectors, quantile: number, window: string): string {
  return `(${latencyQuantile(s, selectors, quantile, window)} >= 0) or vector(0)`;
}

/** A latency quantile in seconds over `window`. */
export function latencyQuantile(s: ResolvedObservabilitySettings, selectors: ServiceSelectors, quantile: number, window: string): string {
  return `histogram_quantile(${quantile}, sum by (le) (rate(${s.durationMetric}_bucket${selectors.scraped}[${window}])))`;
}

/** Requests per second over `window`. */
export function requestRate(s: ResolvedObservabilitySettings, selectors: ServiceSelectors, window: string): string {
  return `sum(rate(${s.requestsMetric}${selectors.scraped}[${window}]))`;
}

/** The share of a resource's limit in use: CPU cores or memory bytes. */
export function saturation(selectors: ServiceSelectors, resource: 'cpu' | 'memory'): string {
  const used = resource === 'cpu'
    ? `sum(rate(container_cpu_usage_seconds_total${selectors.container}[5m]))`
    : `sum(container_memory_working_set_bytes${selectors.container})`;
  return `${used} / sum(kube_pod_container_resource_limits${narrowed(selectors.container, `resource="${resource}"`)})`;
}

/** Container restarts over `window`. */
export function restarts(selectors: ServiceSelectors, window: string): string {
  return `sum(increase(kube_pod_container_status_restarts_total${selectors.container}[${window}]))`;
}

/**
 * Replicas ready to serve. kube-state-metrics knows Deployments only; a Rollout's replicas are
 * reported by the Argo Rollouts controller.
 */
export function availableReplicas(selectors: ServiceSelectors, workloadKind: WorkloadKind = 'Deployment'): string {
  return workloadKind === 'Rollout'
    ? `sum(rollout_info_replicas_available${selectors.rollout})`
    : `sum(kube_deployment_status_replicas_available${selectors.deployment})`;
}

/** Replicas a Deployment's scaler currently asks for (kube-state-metrics), which is 0 for a worker scaled to zero. */
export function desiredReplicas(selectors: ServiceSelectors): string {
  return `sum(kube_deployment_spec_replicas${selectors.deployment})`;
}

/** The kind of object that runs a service's pods. */
export type WorkloadKind = 'Deployment' | 'Rollout';

/** A number as PromQL reads it, without binary floating-point noise (14.4 × 0.001 is 0.0144, not 0.014400000000000001). */
export function number(value: number): string {
  return String(Number(value.toPrecision(12)));
}
