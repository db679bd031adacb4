import { Size } from 'cdk8s';
import { SecretReference } from './secret-reference';
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
  /**
   * Variables read from the organisation's secret store, by name:
   * `{ STRIPE_API_KEY: SecretReference.fromStore('payments/stripe', 'api-key') }`. They become one
   * ExternalSecret (`<name>-store`, through the platform's ClusterSecretStore) and `secretKeyRef`
   * variables; a value cannot be written here, only where it lives.
   *
   * @default - none
   */
  readonly secrets?: { [name: string]: SecretReference };
  /**
   * Files mounted read-only into the container, by absolute path: `{ '/etc/app/config.yaml': '...' }`.
   * They are written to one ConfigMap (`<name>-files`), which the secrets pack scans like any
   * object, and each is mounted on its own (`subPath`), so the rest of its directory stays as the
   * image has it. A change of content rolls the pods out.
   *
   * @default - none
   */
  readonly files?: { [path: string]: string };
  /**
   * Writable directories besides `/tmp`, by absolute path, each an `emptyDir` bounded by its size:
   * `{ '/var/cache/app': Size.mebibytes(512) }`. The root filesystem stays read-only; the
   * container requests the space as `ephemeral-storage`, so it is scheduled where the disk is.
   *
   * @default - none: only the 256 MiB /tmp
   */
  readonly scratch?: { [path: string]: Size };
}
