import { Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-28';
import { Tier } from './tier';

/** A range the autoscaler keeps a service's replica count within. */
export interface ReplicaRange {
  /** Fewest replicas; also the count a service runs when `min` equals `max`. */
  readonly min: number;
  /** Most replicas the autoscaler may add. */
  readonly max: number;
}

/** The total a namespace may request and use, enforced by its ResourceQuota. */
export interface NamespaceQuota {
  /** Sum of CPU requests of every pod. */
  readonly cpuRequests: Cpu;
  /** Sum of CPU limits of every pod. */
  readonly cpuLimits: Cpu;
  /** Sum of memory requests of every pod. */
  readonly memoryRequests: Size;
  /** Sum of memory limits of every pod. */
  readonly memoryLimits: Size;
  /** Most pods the namespace may run, rollouts included. */
  readonly pods: number;
}

/** What a tier means for the services in it. */
export interface TierSettings {
  /** The replica range of a service that does not set `replicas`. */
  readonly defaultReplicas: ReplicaRange;
  /** The fewest replicas a service may ask for in this tier. */
  readonly minReplicas: number;
  /**
   * The most replicas a service runs in this tier, whatever range it declares. One definition
   * serves every environment, so a range meant for production must not scale up a preview.
   *
   * @default - no ceiling
   */
  readonly maxReplicas?: number;
  /** Whether services with two or more replicas get a PodDisruptionBudget. */
  readonly disruptionBudget: boolean;
  /**
   * Whether pods must be spread across nodes (`DoNotSchedule`) rather than preferably spread
   * (`ScheduleAnyway`). Zone spread is always a preference, so a single-zone cluster still schedules.
   */
  readonly strictSpread: boolean;
  /** The namespace's ResourceQuota. */
  readonly quota: NamespaceQuota;
}

/**
 * Namespace totals per tier: CPU cores and memory GiB requested. Limits are four times the CPU
 * and twice the memory, the ratios of the standard preset (250m/1 CPU, 256Mi/512Mi): with a
 * smaller CPU multiple the limits quota, not the requests, refused standard pods first, so two
 * services at the default staging ceiling of 10 replicas did not fit.
 */
const QUOTA_SIZES: { [tier: string]: { cores: number; gibibytes: number; pods: number } } = {
  preview: { cores: 2, gibibytes: 4, pods: 20 },
  development: { cores: 4, gibibytes: 8, pods: 50 },
  staging: { cores: 8, gibibytes: 16, pods: 100 },
  production: { cores: 32, gibibytes: 64, pods: 300 },
};

function quotaOf(tier: Tier): NamespaceQuota {
  const { cores, gibibytes, pods } = QUOTA_SIZES[tier.name];
  return {
    cpuRequests: Cpu.units(cores),
    cpuLimits: Cpu.units(cores * 4),
    memoryRequests: Size.gibibytes(gibibytes),
    memoryLimits: Size.gibibytes(gibibytes * 2),
    pods,
  };
}

/** The built-in meaning of each tier; a platform replaces any of them through `PlatformProps.tiers`. */
export class TierDefaults {
  /**
   * The built-in settings of `tier`. Start from these to change one field:
   * `{ ...TierDefaults.of(Tier.PRODUCTION), minReplicas: 3 }`.
   */
  public static of(tier: Tier): TierSettings {
    const critical = tier.isAtLeast(Tier.STAGING);
    return {
      defaultReplicas: critical ? { min: 2, max: 10 } : { min: 1, max: 1 },
      minReplicas: tier === Tier.PRODUCTION ? 2 : 1,
      // A preview serves one reviewer: one replica, whatever the shared definition asks for.
      ...tier === Tier.PREVIEW ? { maxReplicas: 1 } : {},
      disruptionBudget: tier !== Tier.PREVIEW,
      strictSpread: critical,
      quota: quotaOf(tier),
    };
  }

  private constructor() {}
}
