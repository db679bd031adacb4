import { ServiceIngressOptions } from './service-ingress';
import { ServiceOwner } from './service-owner';
import { Rollout } from '../delivery/rollout';
import { Dependency } from '../dependencies/dependency';
import { ObservabilityOptions } from '../observability/observability-options';
import { ResourcePreset } from '../platform/resource-preset';
import { ReplicaRange } from '../platform/tier-settings';

/** Props of a `PlatformService`. */
export interface PlatformServiceProps {
  /**
   * The container image: from one of the platform's registries, and pinned by a tag other than
   * `latest` or by a digest.
   */
  readonly image: string;
  /** The TCP port the container listens on; 1024 or above, because the container runs without root or capabilities. */
  readonly port: number;
  /**
   * The Kubernetes name of the service and its objects, a DNS-1035 label.
   *
   * @default - the construct id
   */
  readonly name?: string;
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
   * The container's size, resolved against the platform's presets.
   *
   * @default ResourcePreset.STANDARD
   */
  readonly resources?: ResourcePreset;
  /**
   * Exposes the service through the platform's ingress controller, with TLS.
   *
   * @default - not exposed outside the cluster
   */
  readonly ingress?: ServiceIngressOptions;
  /**
   * Plain environment variables. Secrets never belong here: they would be written into the
   * manifests in clear text.
   *
   * @default - none
   */
  readonly env?: { [name: string]: string };
  /**
   * Overrides the image's entrypoint.
   *
   * @default - the image's ENTRYPOINT
   */
  readonly command?: string[];
  /**
   * Arguments to the entrypoint.
   *
   * @default - the image's CMD
   */
  readonly args?: string[];
  /**
   * Databases, caches and buckets the service uses, declared in the same environment. Each one
   * reaches the container as environment variables read from its Secret (`PGHOST`...,
   * `REDIS_HOST`..., `BUCKET_NAME`; prefixed with the dependency's name when the service has two
   * of a kind), opens egress to it on its port only, and, for a bucket, gives the service an
   * IAM role of its own.
   *
   * @default - none
   */
  readonly dependencies?: Dependency[];
  /**
   * Who answers for the service: its catalog entry, alert routing and runbook links.
   *
   * @default - owned by the environment's team, with no on-call rotation or runbook
   */
  readonly owner?: ServiceOwner;
  /**
   * The catalog system the service belongs to (a Backstage `System`), a DNS label.
   *
   * @default - none
   */
  readonly system?: string;
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
