import { ApiObject, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { CANARY_HASH_ARG, ROLLOUT_API_VERSION } from './canary-rollout';
import { argoDuration, ResolvedCanary } from './rollout';
import { ResolvedObservabilitySettings } from '../observability/observability-settings';
import { errorRatioOrZero, latencyQuantileOrZero, number, selectorsFor, withLabel } from '../observability/promql';

/** The label the ServiceMonitor's `podTargetLabels` writes the pod template hash to. */
const HASH_METRIC_LABEL = 'rollouts_pod_template_hash';

/** The shortest window a measurement looks back over: four 30 s scrapes, so `rate()` always has samples. */
const MIN_WINDOW = Duration.minutes(2);

/** Everything the AnalysisTemplate is built from, already validated. */
export interface AnalysisTemplateModel {
  readonly name: string;
  readonly namespace: string;
  readonly labels: { [key: string]: string };
  readonly canary: ResolvedCanary;
}

/**
 * The Prometheus analysis a canary is judged by: its error rate and its p99 latency, measured
 * on the canary's own pods only (the pod template hash Argo Rollouts passes in), every
 * `interval`, for as long as the rollout runs. More than `failureLimit` failed measurements
 * fail the AnalysisRun, which aborts the rollout.
 */
export function createAnalysisTemplate(scope: Construct, model: AnalysisTemplateModel, s: ResolvedObservabilitySettings): ApiObject {
  const selectors = withLabel(selectorsFor(model.namespace, model.name), HASH_METRIC_LABEL, `{{args.${CANARY_HASH_ARG}}}`);
  const { canary } = model;
  const window = argoDuration(canary.interval.toSeconds() >= MIN_WINDOW.toSeconds() ? canary.interval : MIN_WINDOW);
  const metric = (name: string, query: string, threshold: number) => ({
    name,
    interval: argoDuration(canary.interval),
    failureLimit: canary.failureLimit,
    successCondition: `result[0] <= ${number(threshold)}`,
    provider: { prometheus: { address: s.prometheusUrl, query } },
  });
  return new ApiObject(scope, 'AnalysisTemplate', {
    apiVersion: ROLLOUT_API_VERSION,
    kind: 'AnalysisTemplate',
    metadata: { name: `${model.name}-canary`, labels: model.labels },
    spec: {
      args: [{ name: CANARY_HASH_ARG }],
      metrics: [
        metric('error-rate', errorRatioOrZero(s, selectors, window), canary.maxErrorRate),
        metric('latency-p99', latencyQuantileOrZero(s, selectors, 0.99, window), canary.maxLatencyP99Seconds),
      ],
    },
  });
}
