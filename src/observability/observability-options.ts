import { Duration } from 'cdk8s';
import { FASTEST_BURN } from './burn-rates';
import { PavedError } from '../errors';
import { Tier } from '../platform/tier';
import { requireInteger, show } from '../validate';

/** A service level objective: what share of requests succeed, and how fast. */
export interface ServiceLevelObjective {
  /**
   * The share of requests that must not fail with a 5xx, below 1 (e.g. `0.999`) and at least
   * 0.9306: with a larger error budget the fast burn-rate alert (14.4× the budget) could never fire.
   */
  readonly availability: number;
  /**
   * The 99th percentile latency requests must stay under.
   *
   * @default - no latency objective
   */
  readonly latencyP99?: Duration;
}

/**
 * Where the golden-signal alerts fire. A service's own thresholds win over the platform's for
 * its tier (`ObservabilitySettings.alertThresholds`), which win over the built-in tier defaults.
 */
export interface AlertThresholds {
  /**
   * The share of requests failing with a 5xx, over 5 minutes, that alerts.
   *
   * @default - the platform's threshold for the tier; built in: 0.05 in staging and production,
   * 0.1 in preview and development, where half-finished code fails more and nobody is paged
   */
  readonly errorRate?: number;
  /**
   * The p99 latency, over 5 minutes, that alerts.
   *
   * @default - the platform's threshold for the tier; built in: Duration.seconds(1) in every tier
   */
  readonly latencyP99?: Duration;
  /**
   * The share of the CPU or memory limit in use that alerts.
   *
   * @default - the platform's threshold for the tier; built in: 0.9 in every tier
   */
  readonly saturation?: number;
  /**
   * Container restarts within an hour that alert.
   *
   * @default - the platform's threshold for the tier; built in: 3 in every tier
   */
  readonly restartsPerHour?: number;
}

/** What a service tells the monitoring stack. */
export interface ObservabilityOptions {
  /**
   * Whether to generate the ServiceMonitor, alerts and dashboard. Turn it off only for a service
   * that exposes no metrics; the choice is recorded on the Deployment as `paved.dev/observability: off`.
   *
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * The port the service serves metrics on.
   *
   * @default - the service's own port
   */
  readonly metricsPort?: number;
  /**
   * The HTTP path of the metrics.
   *
   * @default '/metrics'
   */
  readonly metricsPath?: string;
  /**
   * The service's objective; adds multi-window, multi-burn-rate alerts on its error budget.
   *
   * @default - no objective: golden-signal alerts only
   */
  readonly slo?: ServiceLevelObjective;
  /**
   * Overrides of the golden-signal alert thresholds.
   *
   * @default - the tier's defaults
   */
  readonly alerts?: AlertThresholds;
}

/** Options checked and completed with the tier's defaults. */
export interface ResolvedObservability {
  readonly enabled: boolean;
  readonly metricsPort: number;
  readonly metricsPath: string;
  readonly slo?: ServiceLevelObjective;
  readonly errorRate: number;
  readonly latencyP99Seconds: number;
  readonly saturation: number;
  readonly restartsPerHour: number;
}

/** Checks a service's observability options where they enter and fills in the platform's and the tier's defaults. */
export function resolveObservability(
  path: string, options: ObservabilityOptions | undefined, port: number, tier: Tier, platformThresholds: AlertThresholds = {},
): ResolvedObservability {
  const o = options ?? {};
  const metricsPort = o.metricsPort ?? port;
  requireInteger(path, 'observability.metricsPort', metricsPort, 1024, 65535);
  const metricsPath = o.metricsPath ?? '/metrics';
  if (typeof metricsPath !== 'string' || !/^\/[A-Za-z0-9._~\/-]*$/.test(metricsPath)) {
    throw new PavedError(path, `observability.metricsPath ${show(metricsPath)} must be an absolute URL path of letters, digits and ._~/-`);
  }
  if (o.slo !== undefined) {
    const { availability, latencyP99 } = o.slo;
    if (typeof availability !== 'number' || !(availability > 0 && availability < 1)) {
      throw new PavedError(path, `observability.slo.availability (${show(availability)}) must be a share strictly between 0 and 1, e.g. 0.999`);
    }
    // The fast burn-rate alert fires when errors reach FASTEST_BURN × the budget: with a budget
    // of 1/FASTEST_BURN or more, that is more than every request, so it could never fire.
    if (FASTEST_BURN * (1 - availability) >= 1) {
      const floor = Math.ceil((1 - 1 / FASTEST_BURN) * 10_000) / 10_000;
      throw new PavedError(path, `observability.slo.availability (${show(availability)}) leaves an error budget so large that the fast burn-rate alert `
        + `(${FASTEST_BURN}× the budget) would need more than every request to fail and could never fire: use at least ${floor}`);
    }
    if (latencyP99 !== undefined) requirePositiveDuration(path, 'observability.slo.latencyP99', latencyP99);
  }
  validateThresholds(path, 'observability.alerts', o.alerts ?? {});
  // The platform's thresholds were checked where the Platform was built; the service's win over them.
  const alerts: AlertThresholds = { ...builtInThresholds(tier), ...definedOnly(platformThresholds), ...definedOnly(o.alerts ?? {}) };
  return {
    enabled: o.enabled ?? true,
    metricsPort,
    metricsPath,
    slo: o.slo,
    errorRate: alerts.errorRate!,
    latencyP99Seconds: alerts.latencyP99!.toMilliseconds({ integral: false }) / 1000,
    saturation: alerts.saturation!,
    restartsPerHour: alerts.restartsPerHour!,
  };
}

/**
 * The thresholds a tier starts from. Preview and development tolerate twice the error rate:
 * half-finished code fails more there, and their alerts only inform (see `severityFor`).
 */
export function builtInThresholds(tier: Tier): AlertThresholds {
  return {
    errorRate: tier.isAtLeast(Tier.STAGING) ? 0.05 : 0.1,
    latencyP99: Duration.seconds(1),
    saturation: 0.9,
    restartsPerHour: 3,
  };
}

/** Checks threshold overrides, from a service (`observability.alerts`) or a platform (`observability.alertThresholds.<tier>`). */
export function validateThresholds(path: string, prefix: string, alerts: AlertThresholds): void {
  if (alerts === null || typeof alerts !== 'object') {
    throw new PavedError(path, `${prefix} (${show(alerts)}) must be an object: { errorRate?, latencyP99?, saturation?, restartsPerHour? }`);
  }
  if (alerts.errorRate !== undefined) requireShare(path, `${prefix}.errorRate`, alerts.errorRate);
  if (alerts.saturation !== undefined) requireShare(path, `${prefix}.saturation`, alerts.saturation);
  if (alerts.latencyP99 !== undefined) requirePositiveDuration(path, `${prefix}.latencyP99`, alerts.latencyP99);
  if (alerts.restartsPerHour !== undefined) requireInteger(path, `${prefix}.restartsPerHour`, alerts.restartsPerHour, 1, 1000);
}

/** Drops keys set to `undefined`, so spreading an override cannot erase a default. */
function definedOnly(alerts: AlertThresholds): AlertThresholds {
  return Object.fromEntries(Object.entries(alerts).filter(([, value]) => value !== undefined));
}

function requireShare(path: string, prop: string, value: number): void {
  if (typeof value !== 'number' || !(value > 0 && value <= 1)) {
    throw new PavedError(path, `${prop} (${show(value)}) must be a share above 0 and at most 1`);
  }
}

function requirePositiveDuration(path: string, prop: string, value: Duration): void {
  const shown = value instanceof Duration ? `${value.toMilliseconds({ integral: false })}ms` : show(value);
  if (!(value instanceof Duration) || !(value.toMilliseconds({ integral: false }) > 0)) {
    throw new PavedError(path, `${prop} (${shown}) must be a Duration above zero (e.g. Duration.millis(300))`);
  }
}
