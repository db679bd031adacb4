import { Duration } from 'cdk8s';
import { WorkerHealth } from './worker-health';
import { WorkerScaling } from './worker-scaling';
import { ReplicaRange } from '../platform/tier-settings';
import { WorkloadProps } from '../workload/workload-props';

/** What a worker tells the monitoring stack. A worker serves no requests, so it has no golden-signal or SLO alerts. */
export interface WorkerObservabilityOptions {
  /**
   * Whether to generate the worker's alerts (and, with a metrics port, its PodMonitor). Turn it
   * off only for a worker nobody must be told about; the choice is recorded on the Deployment as
   * `paved.dev/observability: off`.
   *
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * The port the worker serves Prometheus metrics on. With it, a PodMonitor has Prometheus scrape
   * the pods directly (a worker has no Service for a ServiceMonitor), and the NetworkPolicy admits
   * Prometheus on this port only.
   *
   * @default - no metrics are scraped; the alerts read kube-state-metrics and the queue's metrics
   */
  readonly metricsPort?: number;
  /**
   * The HTTP path of the metrics.
   *
   * @default '/metrics'
   */
  readonly metricsPath?: string;
  /**
   * Container restarts within an hour that alert.
   *
   * @default - the platform's threshold for the tier (`ObservabilitySettings.alertThresholds`); built in: 3
   */
  readonly restartsPerHour?: number;
  /**
   * How old the oldest message of the worker's queue may grow before it alerts: the worker is
   * stuck, too slow, or not running. Applies to a worker scaled on its queue.
   *
   * @default Duration.minutes(15)
   */
  readonly maxMessageAge?: Duration;
}

/** Props of a `Worker`. */
export interface WorkerProps extends WorkloadProps {
  /**
   * How many replicas the scaler may run between. When `min` equals `max` there is no scaler and
   * the Deployment runs exactly `min`. A worker scaled on its queue may declare `min: 0`, in a tier
   * whose floor is at most one (not production), to stop every replica while the queue is empty:
   * the queue holds the work, so nobody waits on an absent replica the way a request would. A
   * tier with a replica ceiling (one in preview) caps the range, as for services.
   *
   * @default - the tier's default: 2..10 in production and staging, 1..1 in preview and development
   */
  readonly replicas?: ReplicaRange;
  /**
   * What the replica count follows: `WorkerScaling.queue(queue, ...)` (KEDA, on the queue's
   * length) or `WorkerScaling.cpu(...)` (a HorizontalPodAutoscaler).
   *
   * @default WorkerScaling.cpu() - CPU at 70 % of the request
   */
  readonly scaling?: WorkerScaling;
  /**
   * How the kubelet checks the worker: readiness, liveness and start-up probes.
   *
   * @default WorkerHealth.http() - HTTP on port 8080 at the platform's readiness and liveness paths
   */
  readonly health?: WorkerHealth;
  /**
   * How long a stopping replica may take to finish the messages it holds after SIGTERM, before
   * it is killed. Consumers should stop receiving on SIGTERM and finish what they have; a message
   * left unfinished returns to the queue when its visibility timeout ends.
   *
   * @default Duration.seconds(60)
   */
  readonly terminationGracePeriod?: Duration;
  /**
   * Alerts and metrics scraping.
   *
   * @default - alerts on restarts, availability and (when scaled on a queue) message age; no metrics scraped
   */
  readonly observability?: WorkerObservabilityOptions;
}
