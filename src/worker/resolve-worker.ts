import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { HealthSpec, WorkerHealth } from './worker-health';
import { WorkerObservabilityOptions, WorkerProps } from './worker-props';
import { WorkerScaling } from './worker-scaling';
import { Dependency } from '../dependencies/dependency';
import { isQueueScalerSource, QueueKedaTrigger, QueueScalerSource } from '../dependencies/queue-source';
import { PavedError } from '../errors';
import { requireKnownProps } from '../known-props';
import { builtInThresholds } from '../observability/observability-options';
import { Platform } from '../platform/platform';
import { Tier } from '../platform/tier';
import { ReplicaRange } from '../platform/tier-settings';
import { describe, requireInteger, show } from '../validate';
import { claimWorkload, ResolvedWorkload, resolveWorkload } from '../workload/resolve-workload';

/** A worker's health probes, checked and completed with the platform's paths. */
export type ResolvedHealth =
  | { readonly kind: 'http'; readonly port: number; readonly readinessPath: string; readonly livenessPath: string }
  | { readonly kind: 'exec'; readonly livenessCommand: string[]; readonly readinessCommand: string[] };

/** Scaling on a queue, checked: the queue, its trigger, and KEDA's timings in seconds. */
export interface ResolvedQueueScaling {
  readonly kind: 'queue';
  readonly queue: Dependency & QueueScalerSource;
  readonly trigger: QueueKedaTrigger;
  readonly cooldownSeconds: number;
  readonly pollingSeconds: number;
}

/** Scaling on CPU, checked. */
export interface ResolvedCpuScaling {
  readonly kind: 'cpu';
  readonly targetUtilization: number;
}

/** A worker's observability, checked and completed with the platform's and the tier's thresholds. */
export interface ResolvedWorkerObservability {
  readonly enabled: boolean;
  readonly metricsPort?: number;
  readonly metricsPath: string;
  readonly restartsPerHour: number;
  readonly maxMessageAgeSeconds: number;
}

/** A Worker's props once validated and completed with the platform's defaults. */
export interface ResolvedWorkerProps extends ResolvedWorkload {
  readonly replicas: ReplicaRange;
  readonly scaling: ResolvedQueueScaling | ResolvedCpuScaling;
  readonly health: ResolvedHealth;
  readonly terminationGraceSeconds: number;
  readonly observability: ResolvedWorkerObservability;
}

/** Health ports, like every port the container opens, are above the privileged range. */
const DEFAULT_HEALTH_PORT = 8080;
const URL_PATH = /^\/[A-Za-z0-9._~/-]*$/;

/**
 * Checks a Worker's props where they enter and fills in the defaults; throws a PavedError naming
 * the construct path, the prop, the value and what is allowed.
 */
export function resolveWorkerProps(scope: Construct, id: string, props: WorkerProps): ResolvedWorkerProps {
  const workload = resolveWorkload(scope, id, 'Worker', 'WorkerProps', props);
  const { path, environment, dependencies } = workload;
  const { platform, settings, tier } = environment;

  const scaling = resolveScaling(path, props.scaling, dependencies.list);
  const declared = props.replicas ?? settings.defaultReplicas;
  const replicas = resolveReplicas(path, declared, scaling.kind, settings.minReplicas, tier.name, settings.maxReplicas);
  const health = resolveHealth(path, props.health, platform);
  const terminationGrace = props.terminationGracePeriod ?? Duration.seconds(60);
  const terminationGraceSeconds = requireSeconds(path, 'terminationGracePeriod', terminationGrace, 1, 3600);
  const observability = resolveWorkerObservability(path, props.observability, platform, tier.name, environment.tier);
  if (scaling.kind === 'queue' && observability.maxMessageAgeSeconds >= scaling.queue.retentionSeconds) {
    throw new PavedError(path, `observability.maxMessageAge (${observability.maxMessageAgeSeconds}s) must be under the retention of queue ${scaling.queue.name} `
      + `(${scaling.queue.retentionSeconds}s): SQS deletes a message before it grows that old, so the alert could never fire`);
  }

  // Last: claiming the name is the one check with an effect, so it runs only for valid input.
  claimWorkload(workload);
  return { ...workload, replicas, scaling, health, terminationGraceSeconds, observability };
}

function resolveReplicas(
  path: string, declared: ReplicaRange, scaling: 'queue' | 'cpu', floor: number, tierName: string, ceiling = Infinity,
): ReplicaRange {
  if (declared === null || typeof declared !== 'object') {
    throw new PavedError(path, `replicas (${show(declared)}) must be an object: { min, max }`);
  }
  requireInteger(path, 'replicas.min', declared.min, 0, 1000);
  requireInteger(path, 'replicas.max', declared.max, 1, 1000);
  if (declared.min > declared.max) {
    throw new PavedError(path, `replicas.min (${declared.min}) must not exceed replicas.max (${declared.max})`);
  }
  if (declared.min === 0) {
    if (scaling !== 'queue') {
      throw new PavedError(path, 'replicas.min (0) needs WorkerScaling.queue(...): only a queue can wake a worker that runs no replica; CPU scaling keeps at least one');
    }
    if (floor > 1) {
      throw new PavedError(path, `replicas.min (0) is below the ${tierName} tier's floor of ${floor}: a worker scales to zero only where the tier's floor is at most 1`);
    }
  } else if (declared.min < floor) {
    throw new PavedError(path, `replicas.min (${declared.min}) is below the ${tierName} tier's floor of ${floor}`);
  }
  // The declared range is validated whole, then capped: the same definition runs in every tier.
  return { min: Math.min(declared.min, ceiling), max: Math.min(declared.max, ceiling) };
}

function resolveScaling(path: string, scaling: WorkerScaling | undefined, dependencies: Dependency[]): ResolvedQueueScaling | ResolvedCpuScaling {
  const given = scaling ?? WorkerScaling.cpu();
  if (!WorkerScaling.isWorkerScaling(given)) {
    throw new PavedError(path, `scaling (${describe(given)}) must be WorkerScaling.queue(queue, options) or WorkerScaling.cpu(options)`);
  }
  const spec = given._spec;
  if (spec.kind === 'cpu') {
    requireKnownProps(path, 'CpuScalingOptions', spec.options);
    const targetUtilization = spec.options.targetUtilization ?? 70;
    requireInteger(path, 'scaling.targetUtilization', targetUtilization, 1, 100);
    return { kind: 'cpu', targetUtilization };
  }
  const { queue, options } = spec;
  requireKnownProps(path, 'QueueScalingOptions', options);
  if (!isQueueScalerSource(queue)) {
    throw new PavedError(path, `scaling: WorkerScaling.queue(${describe(queue)}) needs a queue dependency (a QueueDependency): KEDA scales on a queue's length`);
  }
  if (!dependencies.includes(queue)) {
    throw new PavedError(path, `scaling: queue ${queue.node.path} is not one of the worker's dependencies; add it to dependencies, so the worker is wired to the queue it scales on`);
  }
  const messagesPerReplica = options.messagesPerReplica ?? 5;
  requireInteger(path, 'scaling.messagesPerReplica', messagesPerReplica, 1, 100_000);
  const activationMessages = options.activationMessages ?? 0;
  requireInteger(path, 'scaling.activationMessages', activationMessages, 0, 100_000);
  const cooldownSeconds = requireSeconds(path, 'scaling.cooldown', options.cooldown ?? Duration.minutes(5), 0, 86_400);
  const pollingSeconds = requireSeconds(path, 'scaling.pollingInterval', options.pollingInterval ?? Duration.seconds(30), 5, 3600);
  return { kind: 'queue', queue, trigger: queue._kedaTrigger({ messagesPerReplica, activationMessages }), cooldownSeconds, pollingSeconds };
}

function resolveHealth(path: string, health: WorkerHealth | undefined, platform: Platform): ResolvedHealth {
  const given = health ?? WorkerHealth.http();
  if (!WorkerHealth.isWorkerHealth(given)) {
    throw new PavedError(path, `health (${describe(given)}) must be WorkerHealth.http(options) or WorkerHealth.exec(options)`);
  }
  const spec: HealthSpec = given._spec;
  if (spec.kind === 'http') {
    const { kind: _http, ...httpOptions } = spec;
    requireKnownProps(path, 'WorkerHttpHealthOptions', httpOptions);
    const port = spec.port ?? DEFAULT_HEALTH_PORT;
    requireInteger(path, 'health.port', port, 1024, 65535);
    const readinessPath = spec.readinessPath ?? platform.readinessPath;
    const livenessPath = spec.livenessPath ?? platform.livenessPath;
    for (const [prop, value] of [['health.readinessPath', readinessPath], ['health.livenessPath', livenessPath]]) {
      if (typeof value !== 'string' || !URL_PATH.test(value)) {
        throw new PavedError(path, `${prop} ${show(value)} must be an absolute URL path of letters, digits and ._~/-`);
      }
    }
    return { kind: 'http', port, readinessPath, livenessPath };
  }
  const { kind: _exec, ...execOptions } = spec;
  requireKnownProps(path, 'WorkerExecHealthOptions', execOptions);
  const livenessCommand = requireCommand(path, 'health.livenessCommand', spec.livenessCommand);
  const readinessCommand = spec.readinessCommand === undefined ? livenessCommand : requireCommand(path, 'health.readinessCommand', spec.readinessCommand);
  return { kind: 'exec', livenessCommand, readinessCommand };
}

function requireCommand(path: string, prop: string, command: unknown): string[] {
  if (!Array.isArray(command) || command.length === 0 || command.some((a) => typeof a !== 'string') || command[0].trim() === '') {
    throw new PavedError(path, `${prop} (${show(command)}) must be a non-empty list of strings, the program first (e.g. ["/app/healthcheck"])`);
  }
  return [...command];
}

function resolveWorkerObservability(
  path: string, options: WorkerObservabilityOptions | undefined, platform: Platform, tierName: string, tier: Tier,
): ResolvedWorkerObservability {
  const o = options ?? {};
  if (o === null || typeof o !== 'object') {
    throw new PavedError(path, `observability (${show(o)}) must be an object: { enabled?, metricsPort?, metricsPath?, restartsPerHour?, maxMessageAge? }`);
  }
  const enabled = o.enabled ?? true;
  if (typeof enabled !== 'boolean') throw new PavedError(path, `observability.enabled (${show(enabled)}) must be true or false`);
  if (o.metricsPort !== undefined) requireInteger(path, 'observability.metricsPort', o.metricsPort, 1024, 65535);
  const metricsPath = o.metricsPath ?? '/metrics';
  if (typeof metricsPath !== 'string' || !URL_PATH.test(metricsPath)) {
    throw new PavedError(path, `observability.metricsPath ${show(metricsPath)} must be an absolute URL path of letters, digits and ._~/-`);
  }
  // The worker's own threshold wins over the platform's for its tier, which wins over the built-in one.
  const restartsPerHour = o.restartsPerHour
    ?? platform.observability.alertThresholds?.[tierName]?.restartsPerHour ?? builtInThresholds(tier).restartsPerHour!;
  requireInteger(path, 'observability.restartsPerHour', restartsPerHour, 1, 1000);
  const maxMessageAgeSeconds = requireSeconds(path, 'observability.maxMessageAge', o.maxMessageAge ?? Duration.minutes(15), 1, 14 * 86_400);
  return { enabled, metricsPort: o.metricsPort, metricsPath, restartsPerHour, maxMessageAgeSeconds };
}

/** KEDA and the kubelet read whole seconds; a fraction would be silently cut. */
function requireSeconds(path: string, prop: string, value: Duration, min: number, max: number): number {
  const ms = value instanceof Duration ? value.toMilliseconds({ integral: false }) : NaN;
  const shown = value instanceof Duration ? `${ms}ms` : describe(value);
  if (!(ms % 1000 === 0 && ms >= min * 1000 && ms <= max * 1000)) {
    throw new PavedError(path, `${prop} (${shown}) must be a Duration of whole seconds from ${min} to ${max} seconds (e.g. Duration.minutes(1))`);
  }
  return ms / 1000;
}
