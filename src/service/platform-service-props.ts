import { ServiceIngressOptions } from './service-ingress';
import { Rollout } from '../delivery/rollout';
import { ObservabilityOptions } from '../observability/observability-options';
import { ReplicaRange } from '../platform/tier-settings';
import { WorkloadProps } from '../workload/workload-props';

/** Props of a `PlatformService`. */
export interface PlatformServiceProps extends WorkloadProps {
  /** The TCP port the container listens on; 1024 or above, because the container runs without root or capabilities. */
  readonly port: number;
  /**
   * How many replicas the autoscaler may run between. When `min` equals `max` there is no
   * autoscaler and the Deployment runs exactly `min`. A tier with a replica ceiling
   * (`TierSettings.maxReplicas`: one in preview) caps the range, so one definition can declare
   * production's range and still run a single replica in a pull request's preview.
   *
   * @default - the tier's default: 2..10 in production and staging, 1..1 in preview and development
   */
  readonly replicas?: ReplicaRange;
  /**
   * Exposes the service through the platform's ingress controller, with TLS.
   *
   * @default - not exposed outside the cluster
   */
  readonly ingress?: ServiceIngressOptions;
  /**
   * What the service tells the monitoring stack: where its metrics are, its objective, and
   * alert thresholds. A ServiceMonitor, golden-signal alerts and a dashboard are generated
   * unless `enabled` is false.
   *
   * @default - metrics on the service port at /metrics, the tier's alert thresholds, no SLO
   */
  readonly observability?: ObservabilityOptions;
  /**
   * How a new version replaces the running one. `Rollout.canary(...)` makes the workload an Argo
   * Rollouts `Rollout` (from the canary's `fromTier`, staging by default) that shifts traffic in
   * steps and rolls back by itself when its Prometheus analysis fails; it needs the Argo
   * Rollouts controller in the cluster.
   *
   * @default Rollout.rolling() - a Deployment's rolling update with no replica ever unavailable,
   * which needs nothing beyond Kubernetes itself
   */
  readonly rollout?: Rollout;
}
