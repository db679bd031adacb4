import { ApiObject, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { createMigrationAlerts } from './job-alerts';
import { secondsText } from './job-durations';
import { addJobContainer, jobLabels, jobNetworkPolicy, jobServiceAccount } from './job-pod';
import { MigrationProps } from './migration-props';
import { resolveMigration } from './resolve-migration';
import { Dependency } from '../dependencies/dependency';
import { Environment } from '../environment/environment';
import { WorkloadNetworkPolicy } from '../network/workload-network-policy';
import { MIGRATES_BEFORE_ANNOTATION } from '../platform/annotations';
import { HOURS_PER_MONTH } from '../platform/rate-card';
import { ResourceSpec } from '../platform/resource-preset';
import { PlatformService } from '../service/platform-service';
import { wireDependencies } from '../workload/dependency-wiring';
import { PodTemplatePath, restrictedPodProps } from '../workload/secure-pod';
import { PodUsage, Workload } from '../workload/workload';
import { WorkloadKind } from '../workload/workload-kind';
import { ServiceOwner } from '../workload/workload-owner';
import { addWorkloadParts } from '../workload/workload-parts';

/** How a Migration is recognised across copies of the library. */
const MIGRATION_SYMBOL = Symbol.for('paved.Migration');

/** The Argo CD annotation that orders a sync: lower waves are applied, and healthy, first. */
export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';
/**
 * The waves a migration orders. Everything else stays in Argo CD's default wave 0, so an app
 * without a migration syncs exactly as before.
 */
export enum MigrationWave {
  /** The migration's Job: after wave 0, where the Namespace, the dependencies' ExternalSecrets (and so their Secrets) and in-cluster stores are. */
  MIGRATION = '1',
  /** The Deployment or Rollout of the service it precedes, and its autoscaler: only once the migration has completed. */
  SERVICE = '2',
}
/** Releases a month the cost estimate allows for at most: one a day, each running to its timeout. */
const RELEASES_PRICED = 30;

/**
 * A database migration that runs once per version, before that version takes traffic: a Job in
 * the same restricted pod as the service, under an identity of its own, wired to the dependencies
 * it declares and reaching nothing else.
 *
 * **Ordering, under Argo CD.** Not a `PreSync` hook: hooks run before any resource of the sync is
 * applied, so on the first sync the ExternalSecret that makes the database's Secret does not yet
 * exist and the migration fails. Instead the Job is a plain resource in sync wave 1, after
 * everything in the default wave 0 (the Namespace, the ExternalSecrets, the in-cluster stores) is
 * applied and healthy; Argo CD's built-in health checks say an ExternalSecret is healthy once its
 * Secret is synced, and a Job once it has completed. The Deployment (or Rollout) of the service it
 * precedes, and its autoscaler, move to wave 2, so the new version starts only after the migration
 * has succeeded; a failed migration stops the sync with the old version still serving. Applied
 * with `kubectl apply`, which knows no waves, all of them start at once.
 *
 * **Once per version.** The Job is named `<name>-<hash>`, the hash taken over everything its spec
 * is made of (image, command, arguments, variables, size). A re-sync finds that Job completed and
 * leaves it alone; a new version is a new Job. The Job has no `ttlSecondsAfterFinished`: a
 * finished Job deleted by its TTL would be missing from the cluster, and the next sync would
 * create it again and rerun the migration.
 *
 * The old version keeps serving while the migration runs, so a migration must be backward
 * compatible (expand, then contract in a later release); a service rolled out as a canary, where
 * both versions serve side by side for the whole rollout, gets a policy warning saying so.
 */
export class Migration extends Workload {
  /** Whether `x` is a Migration (works across copies of the library). */
  public static isMigration(x: any): x is Migration {
    return x !== null && typeof x === 'object' && MIGRATION_SYMBOL in x;
  }

  /** Always `WorkloadKind.MIGRATION`. */
  public readonly kind = WorkloadKind.MIGRATION;
  /** The environment the migration runs in. */
  public readonly environment: Environment;
  /** The Kubernetes name shared by the migration's ServiceAccount, NetworkPolicy and alerts. */
  public readonly name: string;
  /** The container's requests and limits, resolved from the preset against the platform. */
  public readonly resources: ResourceSpec;
  /** The labels that select the migration's pods, whatever run they belong to. */
  public readonly selectorLabels: { [key: string]: string };
  /** The dependencies the migration uses. */
  public readonly dependencies: Dependency[];
  /** Who answers for the migration, with the team filled in from the environment when not given. */
  public readonly owner: ServiceOwner;
  /** The catalog system the migration belongs to, when declared. */
  public readonly system?: string;
  /** The IAM role the migration assumes through IRSA; present when a dependency (a bucket) needs one. */
  public readonly roleName?: string;
  /** The ARN of `roleName`, written on the ServiceAccount as `eks.amazonaws.com/role-arn`. */
  public readonly roleArn?: string;
  /** The migration's own identity; its token is not mounted into pods. */
  public readonly serviceAccount: kplus.ServiceAccount;
  /** The migration's one container. */
  public readonly container: kplus.Container;
  /** The ExternalSecret that copies the workload's `secrets` from the organisation's store; absent without `secrets`. */
  public readonly storeSecrets?: ApiObject;
  /** The ConfigMap holding the workload's `files`; absent without `files`. */
  public readonly filesConfigMap?: kplus.ConfigMap;
  /** Isolates the pods: nothing in, only declared dependencies and callees out. */
  public readonly networkPolicy: ApiObject;
  /** A Migration has no dashboard. */
  public readonly dashboard?: ApiObject;

  /** The service whose new version waits for the migration. */
  public readonly before: PlatformService;
  /** The Job's name, `<name>-<hash of the run>`: one per version. */
  public readonly jobName: string;
  /** The Job. */
  public readonly job: kplus.Job;
  /** The failed-migration alert (a PrometheusRule). */
  public readonly alerts: ApiObject;

  /** @internal */
  public readonly _network: WorkloadNetworkPolicy;
  private readonly timeoutSeconds: number;

  constructor(scope: Construct, id: string, props: MigrationProps) {
    // Validate every prop before the construct joins the tree, so bad input leaves nothing behind.
    const resolved = resolveMigration(scope, id, props);
    super(scope, id);
    Object.defineProperty(this, MIGRATION_SYMBOL, { value: true });
    const { environment, name, dependencies, owner, before } = resolved;
    const { platform } = environment;
    this.environment = environment;
    this.name = name;
    this.resources = resolved.resources;
    this.owner = owner;
    this.system = resolved.system;
    this.dependencies = dependencies.list;
    this.before = before;
    this.jobName = resolved.jobName;
    this.timeoutSeconds = resolved.timeoutSeconds;
    const jl = jobLabels(resolved, WorkloadKind.MIGRATION);
    this.selectorLabels = jl.selector;

    this.serviceAccount = jobServiceAccount(this, name, jl.labels);
    this.job = new kplus.Job(this, 'Job', {
      metadata: {
        name: resolved.jobName,
        labels: jl.labels,
        annotations: { [SYNC_WAVE_ANNOTATION]: MigrationWave.MIGRATION, [MIGRATES_BEFORE_ANNOTATION]: before.name },
      },
      podMetadata: { labels: jl.podLabels },
      ...restrictedPodProps(platform, this.serviceAccount),
      restartPolicy: kplus.RestartPolicy.NEVER,
      backoffLimit: resolved.retries,
      activeDeadline: Duration.seconds(resolved.timeoutSeconds),
      // No ttlAfterFinished: see the class comment; a deleted finished Job is a rerun migration.
    });
    this.container = addJobContainer(this, this.job, resolved, props.image, PodTemplatePath.TEMPLATE);

    this._network = jobNetworkPolicy(this, resolved, jl);
    this.networkPolicy = this._network.apiObject;
    const role = wireDependencies(this, {
      name,
      namespace: environment.namespace!,
      container: this.container,
      serviceAccount: this.serviceAccount,
      network: this._network,
      pods: this._podPeer(),
    }, dependencies);
    this.roleName = role.roleName;
    this.roleArn = role.roleArn;
    const parts = addWorkloadParts(this, { labels: jl.labels, container: this.container, podMetadata: this.job.podMetadata }, resolved);
    this.storeSecrets = parts.storeSecrets;
    this.filesConfigMap = parts.files;

    // The service's new pods wait for the migration. Only what runs them moves: its Service,
    // Ingress and NetworkPolicy keep serving the old pods meanwhile.
    const workload = before.rolloutObject ?? ApiObject.of(before.deployment);
    workload.metadata.addAnnotation(SYNC_WAVE_ANNOTATION, MigrationWave.SERVICE);
    // An autoscaler synced before its target reports it missing, which Argo CD counts as degraded.
    if (before.autoscaler) ApiObject.of(before.autoscaler).metadata.addAnnotation(SYNC_WAVE_ANNOTATION, MigrationWave.SERVICE);

    this.alerts = createMigrationAlerts(this, {
      name,
      namespace: environment.namespace!,
      tier: environment.tier,
      owner,
      labels: jl.labels,
    }, resolved.jobName, platform.observability);
  }

  /**
   * A migration runs only when a version is released: nothing between releases, and at most one
   * release a day each running to its timeout.
   *
   * @internal
   */
  public _podUsage(): PodUsage {
    return {
      min: 0,
      max: (RELEASES_PRICED * this.timeoutSeconds) / (HOURS_PER_MONTH * 3600),
      description: `a run per release, at most ${RELEASES_PRICED} a month of ${secondsText(this.timeoutSeconds)}`,
    };
  }
}
