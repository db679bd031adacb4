import { AlertThresholds, validateThresholds } from './observability-options';
import { PavedError } from '../errors';
import { CloudWatchExporter } from '../platform/cloudwatch-exporter';
import { Tier } from '../platform/tier';
import { requireDnsLabel, requireLabelValue, requireQualifiedName, show } from '../validate';

/**
 * How the platform's monitoring stack finds and reads services: set once on the `Platform`.
 * The defaults match kube-prometheus-stack installed as release `kube-prometheus-stack` in
 * namespace `monitoring`, with Grafana's dashboard sidecar, and services exposing the
 * Prometheus HTTP conventions.
 */
export interface ObservabilitySettings {
  /**
   * The namespace Prometheus runs in; NetworkPolicies admit it to each service's metrics port.
   *
   * @default 'monitoring'
   */
  readonly prometheusNamespace?: string;
  /**
   * The HTTP(S) address canary analyses query Prometheus at (Argo Rollouts' Prometheus provider).
   *
   * @default - `http://prometheus-operated.<prometheusNamespace>.svc:9090`, the Service the
   * Prometheus Operator creates for every Prometheus it runs
   */
  readonly prometheusUrl?: string;
  /**
   * Labels of the Prometheus pods.
   *
   * @default { 'app.kubernetes.io/name': 'prometheus' }
   */
  readonly prometheusPodLabels?: { [key: string]: string };
  /**
   * Labels Prometheus selects ServiceMonitors and PrometheusRules by: kube-prometheus-stack only
   * picks up objects carrying its release label unless told otherwise.
   *
   * @default { release: 'kube-prometheus-stack' }
   */
  readonly ruleSelectorLabels?: { [key: string]: string };
  /**
   * Labels the Grafana sidecar discovers dashboard ConfigMaps by.
   *
   * @default { grafana_dashboard: '1' }
   */
  readonly dashboardLabels?: { [key: string]: string };
  /**
   * The annotation the Grafana sidecar reads a ConfigMap's target directory from. Each
   * service's dashboard is written as `dashboard.json` into a directory of its own,
   * `<namespace>/<service>` under the sidecar's folder, so dashboards never overwrite each other.
   * The default is the sidecar's own default (`FOLDER_ANNOTATION` unset), which the Grafana chart
   * and kube-prometheus-stack keep unless `sidecar.dashboards.folderAnnotation` is set; set this
   * to that value (often `grafana_folder`) when it is.
   *
   * @default 'k8s-sidecar-target-directory'
   */
  readonly dashboardFolderAnnotation?: string;
  /**
   * The request counter every service exposes, with a status code label.
   *
   * @default 'http_requests_total'
   */
  readonly requestsMetric?: string;
  /**
   * The request duration histogram (seconds) every service exposes, without `_bucket`.
   *
   * @default 'http_request_duration_seconds'
   */
  readonly durationMetric?: string;
  /**
   * The label of `requestsMetric` that carries the HTTP status code.
   *
   * @default 'code'
   */
  readonly statusCodeLabel?: string;
  /**
   * Golden-signal alert thresholds by tier name (`preview`, `development`, `staging`,
   * `production`), over the built-in ones; a service's own `observability.alerts` win over these.
   * Tiers not listed, and thresholds not set, keep the built-in defaults.
   *
   * @default - built in: a 5 % error rate in staging and production and 10 % in preview and
   * development; p99 latency 1 s, saturation 90 % of the limit and 3 restarts an hour in every tier
   */
  readonly alertThresholds?: { [tier: string]: AlertThresholds };
  /**
   * The exporter that brings CloudWatch metrics into Prometheus, which decides how alerts on an
   * SQS queue (dead letters, the age of the oldest message) select its series. It must export
   * `ApproximateNumberOfMessagesVisible` and `ApproximateAgeOfOldestMessage` of `AWS/SQS` with the
   * `Maximum` statistic.
   *
   * @default CloudWatchExporter.YACE
   */
  readonly cloudWatchExporter?: CloudWatchExporter;
}

/** `ObservabilitySettings` with every default filled in, as `Platform.observability` holds them. */
export interface ResolvedObservabilitySettings {
  /** The namespace Prometheus runs in. */
  readonly prometheusNamespace: string;
  /** The address canary analyses query Prometheus at. */
  readonly prometheusUrl: string;
  /** Labels of the Prometheus pods. */
  readonly prometheusPodLabels: { [key: string]: string };
  /** Labels Prometheus selects ServiceMonitors and PrometheusRules by. */
  readonly ruleSelectorLabels: { [key: string]: string };
  /** Labels the Grafana sidecar discovers dashboard ConfigMaps by. */
  readonly dashboardLabels: { [key: string]: string };
  /** The request counter every service exposes. */
  readonly requestsMetric: string;
  /** The request duration histogram (seconds) every service exposes, without `_bucket`. */
  readonly durationMetric: string;
  /** The label of `requestsMetric` that carries the HTTP status code. */
  readonly statusCodeLabel: string;
  /** The platform's alert thresholds by tier name; tiers not listed keep the built-in ones. */
  readonly alertThresholds: { [tier: string]: AlertThresholds };
  /** The exporter that brings CloudWatch's SQS metrics into Prometheus, which names their series. */
  readonly cloudWatchExporter: CloudWatchExporter;
  /** The annotation the Grafana sidecar reads each dashboard's directory from. */
  readonly dashboardFolderAnnotation: string;
}

/** Prometheus metric and label names. */
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Checks a platform's observability settings where they enter. */
export function resolveObservabilitySettings(path: string, settings: ObservabilitySettings = {}): ResolvedObservabilitySettings {
  const prometheusNamespace = settings.prometheusNamespace ?? 'monitoring';
  const resolved: ResolvedObservabilitySettings = {
    prometheusNamespace,
    prometheusUrl: settings.prometheusUrl ?? `http://prometheus-operated.${prometheusNamespace}.svc:9090`,
    prometheusPodLabels: settings.prometheusPodLabels ?? { 'app.kubernetes.io/name': 'prometheus' },
    ruleSelectorLabels: settings.ruleSelectorLabels ?? { release: 'kube-prometheus-stack' },
    dashboardLabels: settings.dashboardLabels ?? { grafana_dashboard: '1' },
    dashboardFolderAnnotation: settings.dashboardFolderAnnotation ?? 'k8s-sidecar-target-directory',
    requestsMetric: settings.requestsMetric ?? 'http_requests_total',
    durationMetric: settings.durationMetric ?? 'http_request_duration_seconds',
    statusCodeLabel: settings.statusCodeLabel ?? 'code',
    alertThresholds: { ...settings.alertThresholds },
    cloudWatchExporter: settings.cloudWatchExporter ?? CloudWatchExporter.YACE,
  };
  if (!Object.values(CloudWatchExporter).includes(resolved.cloudWatchExporter)) {
    throw new PavedError(path, `observability.cloudWatchExporter ${show(resolved.cloudWatchExporter)} is not a CloudWatchExporter (allowed: ${Object.keys(CloudWatchExporter).map((k) => `CloudWatchExporter.${k}`).join(', ')})`);
  }
  requireDnsLabel(path, 'observability.prometheusNamespace', resolved.prometheusNamespace);
  if (!isHttpUrl(resolved.prometheusUrl)) {
    throw new PavedError(path, `observability.prometheusUrl ${show(resolved.prometheusUrl)} must be an http:// or https:// URL, e.g. http://prometheus-operated.monitoring.svc:9090`);
  }
  for (const prop of ['prometheusPodLabels', 'ruleSelectorLabels', 'dashboardLabels'] as const) {
    for (const [key, value] of Object.entries(resolved[prop])) requireLabelValue(path, `observability.${prop}.${key}`, value);
  }
  requireQualifiedName(path, 'observability.dashboardFolderAnnotation', resolved.dashboardFolderAnnotation);
  for (const prop of ['requestsMetric', 'durationMetric'] as const) {
    if (!METRIC_NAME.test(resolved[prop])) throw new PavedError(path, `observability.${prop} ${show(resolved[prop])} must be a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)`);
  }
  if (!LABEL_NAME.test(resolved.statusCodeLabel)) {
    throw new PavedError(path, `observability.statusCodeLabel ${show(resolved.statusCodeLabel)} must be a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*)`);
  }
  for (const [tier, thresholds] of Object.entries(resolved.alertThresholds)) {
    if (!Tier.tryOf(tier)) {
      throw new PavedError(path, `observability.alertThresholds key ${show(tier)} is not a tier (allowed: ${Tier.all().join(', ')})`);
    }
    validateThresholds(path, `observability.alertThresholds.${tier}`, thresholds);
  }
  return resolved;
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
