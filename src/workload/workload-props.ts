import { ServiceOwner } from './workload-owner';
import { Dependency } from '../dependencies/dependency';
import { ResourcePreset } from '../platform/resource-preset';

/** Props every workload kind accepts: what runs, with what, and who answers for it. */
export interface WorkloadProps {
  /**
   * The container image: from one of the platform's registries, and pinned by a tag other than
   * `latest` or by a digest.
   */
  readonly image: string;
  /**
   * The Kubernetes name of the workload and its objects, a DNS-1035 label.
   *
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * The container's size, resolved against the platform's presets.
   *
   * @default ResourcePreset.STANDARD
   */
  readonly resources?: ResourcePreset;
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
   * Databases, caches, buckets and queues the workload uses, declared in the same environment.
   * Each one reaches the container as environment variables read from its Secret (`PGHOST`...,
   * `REDIS_HOST`..., `BUCKET_NAME`; prefixed with the dependency's name when the workload has
   * two of a kind), opens egress to it on its port only, and, for one reached with AWS
   * credentials, gives the workload an IAM role of its own.
   *
   * @default - none
   */
  readonly dependencies?: Dependency[];
  /**
   * Who answers for the workload: its catalog entry, alert routing and runbook links.
   *
   * @default - owned by the environment's team, with no on-call rotation or runbook
   */
  readonly owner?: ServiceOwner;
  /**
   * The catalog system the workload belongs to (a Backstage `System`), a DNS label.
   *
   * @default - none
   */
  readonly system?: string;
}
