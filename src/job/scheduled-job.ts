import { ApiObject, Cron, Duration, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { createScheduledJobAlerts } from './job-alerts';
import { secondsText } from './job-durations';
import { addJobContainer, jobLabels, jobNetworkPolicy, jobServiceAccount } from './job-pod';
import { resolveScheduledJob } from './resolve-scheduled-job';
import { ScheduledJobProps } from './scheduled-job-props';
import { Dependency } from '../dependencies/dependency';
import { Environment } from '../environment/environment';
import { WorkloadNetworkPolicy } from '../network/workload-network-policy';
import { HOURS_PER_MONTH } from '../platform/rate-card';
import { ResourceSpec } from '../platform/resource-preset';
import { wireDependencies } from '../workload/dependency-wiring';
import { restrictedPodProps, PodTemplatePath } from '../workload/secure-pod';
import { PodUsage, Workload } from '../workload/workload';
import { WorkloadKind } from '../workload/workload-kind';
import { ServiceOwner } from '../workload/workload-owner';
import { addWorkloadParts } from '../workload/workload-parts';

/** How a ScheduledJob is recognised across copies of the library. */
const SCHEDULED_JOB_SYMBOL = Symbol.for('paved.ScheduledJob');
/** Finished runs the controller keeps, of each outcome, for `kubectl logs` and the failed-run alert. */
const RUNS_KEPT = 3;

/**
 * A job that runs to completion on a schedule: a CronJob whose runs are one pod each, in the same
 * restricted pod, under the same identity of its own, behind the same egress-only NetworkPolicy
 * and wired to its dependencies exactly as a service is.
 *
 * Its defaults are the safe ones, stated on the object: one run at a time
 * (`concurrencyPolicy: Forbid`), an explicit time zone, a starting deadline long enough that a
 * controller restart does not skip a run, a timeout, a few retries, and finished runs kept until
 * the next run has finished. Two alerts come with it: a run failed and no later one succeeded,
 * and no run started when the schedule said one would.
 *
 * Every generated object is a public property; an escape hatch on `cronJob`
 * (`ApiObject.of(job.cronJob).addJsonPatch(...)`) is checked by policy like any other change.
 */
export class ScheduledJob extends Workload {
  /** Whether `x` is a ScheduledJob (works across copies of the library). */
  public static isScheduledJob(x: any): x is ScheduledJob {
    return x !== null && typeof x === 'object' && SCHEDULED_JOB_SYMBOL in x;
  }

  /** Always `WorkloadKind.SCHEDULED_JOB`. */
  public readonly kind = WorkloadKind.SCHEDULED_JOB;
  /** The environment the scheduled job runs in. */
  public readonly environment: Environment;
  /** The Kubernetes name shared by the scheduled job's ServiceAccount, NetworkPolicy and alerts. */
  public readonly name: string;
  /** The container's requests and limits, resolved from the preset against the platform. */
  public readonly resources: ResourceSpec;
  /** The labels that select the scheduled job's pods, whatever run they belong to. */
  public readonly selectorLabels: { [key: string]: string };
  /** The dependencies the scheduled job uses. */
  public readonly dependencies: Dependency[];
  /** Who answers for the scheduled job, with the team filled in from the environment when not given. */
  public readonly owner: ServiceOwner;
  /** The catalog system the scheduled job belongs to, when declared. */
  public readonly system?: string;
  /** The IAM role the scheduled job assumes through IRSA; present when a dependency (a bucket) needs one. */
  public readonly roleName?: string;
  /** The ARN of `roleName`, written on the ServiceAccount as `eks.amazonaws.com/role-arn`. */
  public readonly roleArn?: string;
  /** The scheduled job's own identity; its token is not mounted into pods. */
  public readonly serviceAccount: kplus.ServiceAccount;
  /** The scheduled job's one container. */
  public readonly container: kplus.Container;
  /** The ExternalSecret that copies the workload's `secrets` from the organisation's store; absent without `secrets`. */
  public readonly storeSecrets?: ApiObject;
  /** The ConfigMap holding the workload's `files`; absent without `files`. */
  public readonly filesConfigMap?: kplus.ConfigMap;
  /** Isolates the pods: nothing in, only declared dependencies and callees out. */
  public readonly networkPolicy: ApiObject;
  /** A ScheduledJob has no dashboard: its runs are on the alerts and in the CronJob's history. */
  public readonly dashboard?: ApiObject;

  /** The schedule, as written on the CronJob (a descriptor such as `@daily` as the five fields it stands for). */
  public readonly schedule: string;
  /** The IANA time zone the schedule is read in. */
  public readonly timeZone: string;
  /** Runs in an average month, from the schedule. */
  public readonly runsPerMonth: number;
  /** The CronJob. */
  public readonly cronJob: kplus.CronJob;
  /** Failed-run and missed-run alerts (a PrometheusRule). */
  public readonly alerts: ApiObject;

  /** @internal */
  public readonly _network: WorkloadNetworkPolicy;
  private readonly expectedSeconds: number;
  private readonly timeoutSeconds: number;

  constructor(scope: Construct, id: string, props: ScheduledJobProps) {
    // Validate every prop before the construct joins the tree, so bad input leaves nothing behind.
    const resolved = resolveScheduledJob(scope, id, props);
    super(scope, id);
    Object.defineProperty(this, SCHEDULED_JOB_SYMBOL, { value: true });
    const { environment, name, dependencies, owner } = resolved;
    const { platform } = environment;
    this.environment = environment;
    this.name = name;
    this.resources = resolved.resources;
    this.owner = owner;
    this.system = resolved.system;
    this.dependencies = dependencies.list;
    this.schedule = resolved.schedule.expression;
    this.timeZone = resolved.timeZone;
    this.runsPerMonth = resolved.schedule.runsPerMonth;
    this.expectedSeconds = resolved.expectedSeconds;
    this.timeoutSeconds = resolved.timeoutSeconds;
    const jl = jobLabels(resolved, WorkloadKind.SCHEDULED_JOB);
    this.selectorLabels = jl.selector;

    this.serviceAccount = jobServiceAccount(this, name, jl.labels);
    this.cronJob = new kplus.CronJob(this, 'CronJob', {
      metadata: { name, labels: jl.labels },
      podMetadata: { labels: jl.podLabels },
      ...restrictedPodProps(platform, this.serviceAccount),
      // A failed pod is not restarted in place: the Job retries in a new pod, up to backoffLimit,
      // so each attempt is counted and kept for its logs.
      restartPolicy: kplus.RestartPolicy.NEVER,
      schedule: cronOf(resolved.schedule.fields),
      timeZone: resolved.timeZone,
      concurrencyPolicy: kplus.ConcurrencyPolicy.FORBID,
      startingDeadline: Duration.seconds(resolved.startingDeadlineSeconds),
      backoffLimit: resolved.retries,
      activeDeadline: Duration.seconds(resolved.timeoutSeconds),
      successfulJobsRetained: RUNS_KEPT,
      failedJobsRetained: RUNS_KEPT,
    });
    // cdk8s-plus refuses a TTL beside history limits; Kubernetes applies both, and both are
    // wanted: the limits bound how many runs are kept, the TTL how old the oldest may be.
    ApiObject.of(this.cronJob).addJsonPatch(JsonPatch.add('/spec/jobTemplate/spec/ttlSecondsAfterFinished', resolved.keepFinishedSeconds));
    this.container = addJobContainer(this, this.cronJob, resolved, props.image, PodTemplatePath.JOB_TEMPLATE);

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
    const parts = addWorkloadParts(this, { labels: jl.labels, container: this.container, podMetadata: this.cronJob.podMetadata }, resolved);
    this.storeSecrets = parts.storeSecrets;
    this.filesConfigMap = parts.files;

    this.alerts = createScheduledJobAlerts(this, {
      name,
      namespace: environment.namespace!,
      tier: environment.tier,
      owner,
      labels: jl.labels,
    }, { lateAfterSeconds: resolved.lateAfterSeconds }, platform.observability);
  }

  /**
   * Pods running on average over a month: runs a month × the expected duration (at least) or ×
   * the timeout (at most, every run taking as long as it may), over the hours of a month.
   *
   * @internal
   */
  public _podUsage(): PodUsage {
    const month = HOURS_PER_MONTH * 3600;
    const runs = this.runsPerMonth;
    const shown = Number.isInteger(runs) ? String(runs) : runs.toFixed(1);
    return {
      min: (runs * this.expectedSeconds) / month,
      max: (runs * this.timeoutSeconds) / month,
      description: `${shown} runs a month of ${secondsText(this.expectedSeconds)} (at most ${secondsText(this.timeoutSeconds)})`,
    };
  }
}

/** The schedule as cdk8s-plus takes it, which writes the five fields back as one string. */
function cronOf(fields: string[]): Cron {
  const [minute, hour, day, month, weekDay] = fields;
  return Cron.schedule({ minute, hour, day, month, weekDay });
}
