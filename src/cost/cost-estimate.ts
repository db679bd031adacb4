import { IConstruct } from 'constructs';
import { compareStrings } from '../compare';
import { Dependency, DependencyKind, Realisation } from '../dependencies/dependency';
import { PostgresDependency } from '../dependencies/postgres-dependency';
import { QueueDependency } from '../dependencies/queue-dependency';
import { RedisDependency } from '../dependencies/redis-dependency';
import { Environment } from '../environment/environment';
import { HOURS_PER_MONTH, ResolvedRateCard } from '../platform/rate-card';
import { cpuMillis, formatCpu, formatMemory, ResourceSpec } from '../platform/resource-preset';
import { Workload } from '../workload/workload';

/** What one workload or dependency is estimated to cost a month. */
export interface CostLine {
  /** The workload's or dependency's name. */
  readonly name: string;
  /** The workload's kind (`service`, `worker`, `scheduled-job`, `migration`) or the dependency's (`postgres`, `redis`, `bucket`, `queue`). */
  readonly kind: string;
  /** With the fewest pods the workload may run (or the dependency's fixed size), in US dollars. */
  readonly monthlyUsdMin: number;
  /** With the most replicas (or the most storage the dependency may grow to), in US dollars. */
  readonly monthlyUsdMax: number;
  /** How the figure was reached, for people: counts, sizes and what each costs. */
  readonly basis: string;
}

/** An environment's monthly estimate: a line per service and dependency, and the totals. */
export interface EnvironmentCost {
  /** The environment's construct path. */
  readonly environment: string;
  /** The environment's namespace. */
  readonly namespace: string;
  /** The environment's tier. */
  readonly tier: string;
  /** One line per workload, then one per dependency, each in name order. */
  readonly lines: CostLine[];
  /** The sum of the lines' minimums. */
  readonly monthlyUsdMin: number;
  /** The sum of the lines' maximums. */
  readonly monthlyUsdMax: number;
  /**
   * The environment's monthly budget.
   *
   * @default - no budget
   */
  readonly budgetUsd?: number;
}

/**
 * Monthly cost estimates from the declarations: resource presets, replica ranges and dependency
 * sizes, priced with the platform's `RateCard`. Approximations by design: they price what is
 * requested at list prices, not what is used.
 */
export class CostEstimate {
  /** The estimate for one environment. */
  public static of(environment: Environment): EnvironmentCost {
    const card = environment.platform.rateCard;
    const members = environment.node.findAll();
    const workloads = members.filter((c): c is Workload => Workload.isWorkload(c)).sort(byName);
    const dependencies = members.filter((c): c is Dependency => Dependency.isDependency(c)).sort(byName);
    const lines = [
      ...workloads.map((w) => workloadLine(w, card)),
      ...dependencies.map((d) => dependencyLine(d, card)),
    ];
    return {
      environment: environment.node.path,
      namespace: environment.namespace!,
      tier: environment.tier.name,
      lines,
      monthlyUsdMin: cents(lines.reduce((sum, l) => sum + l.monthlyUsdMin, 0)),
      monthlyUsdMax: cents(lines.reduce((sum, l) => sum + l.monthlyUsdMax, 0)),
      budgetUsd: environment.budget?.monthlyUsd,
    };
  }

  /** The estimate for every environment under `scope` (an App, usually), in path order. */
  public static all(scope: IConstruct): EnvironmentCost[] {
    return scope.node.findAll()
      .filter((c): c is Environment => Environment.isEnvironment(c))
      .sort((a, b) => compareStrings(a.node.path, b.node.path))
      .map((e) => CostEstimate.of(e));
  }

  private constructor() {}
}

function workloadLine(workload: Workload, card: ResolvedRateCard): CostLine {
  const perPod = computeMonthly(workload.resources, card);
  const usage = workload._podUsage();
  return {
    name: workload.name,
    kind: workload.kind,
    monthlyUsdMin: cents(usage.min * perPod),
    monthlyUsdMax: cents(usage.max * perPod),
    basis: `${usage.description} × ${podSize(workload.resources)} at ${usd(perPod)} each`,
  };
}

function dependencyLine(dependency: Dependency, card: ResolvedRateCard): CostLine {
  // What paved/pulumi creates: RDS Multi-AZ and two cache nodes from production up, one below.
  const copies = dependency.cloudCopies;
  const inCluster = dependency.realisation === Realisation.IN_CLUSTER;
  const line = (min: number, max: number, basis: string): CostLine =>
    ({ name: dependency.name, kind: dependency.kind, monthlyUsdMin: cents(min), monthlyUsdMax: cents(max), basis });

  if (dependency.kind === DependencyKind.POSTGRES) {
    const size = (dependency as PostgresDependency).size;
    if (inCluster) {
      const resources = dependency.environment.platform.resolvePreset(size.inClusterResources, dependency.node.path);
      const monthly = computeMonthly(resources, card) + size.inClusterStorageGib * card.volumeGibMonthUsd;
      return line(monthly, monthly, `in-cluster: 1 pod × ${podSize(resources)} + ${size.inClusterStorageGib} GiB volume`);
    }
    const instance = HOURS_PER_MONTH * priceOf(card.databaseInstanceHourUsd, size.instanceClass) * copies;
    const storage = (gib: number) => gib * card.databaseStorageGibMonthUsd * copies;
    return line(instance + storage(size.allocatedStorageGib), instance + storage(size.maxAllocatedStorageGib),
      `RDS ${size.instanceClass}${copies > 1 ? ' Multi-AZ' : ''}, ${size.allocatedStorageGib}–${size.maxAllocatedStorageGib} GiB gp3`);
  }
  if (dependency.kind === DependencyKind.REDIS) {
    const size = (dependency as RedisDependency).size;
    if (inCluster) {
      const resources = dependency.environment.platform.resolvePreset(size.inClusterResources, dependency.node.path);
      const monthly = computeMonthly(resources, card);
      return line(monthly, monthly, `in-cluster: 1 pod × ${podSize(resources)}`);
    }
    const monthly = HOURS_PER_MONTH * priceOf(card.cacheNodeHourUsd, size.nodeType) * copies;
    return line(monthly, monthly, `ElastiCache ${copies} × ${size.nodeType}`);
  }
  if (dependency.kind === DependencyKind.QUEUE) {
    // Real SQS in every tier, billed per request: the dead-letter queue takes requests only when a message fails.
    const fifo = (dependency as QueueDependency).fifo;
    const requests = card.assumedQueueRequestsPerMonth;
    const monthly = (requests / 1_000_000) * (fifo ? card.fifoQueueMillionRequestsUsd : card.queueMillionRequestsUsd);
    return line(monthly, monthly, `SQS ${fifo ? 'FIFO' : 'standard'}, ${requests.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')} requests a month assumed`);
  }
  const monthly = card.assumedBucketGib * card.objectStorageGibMonthUsd;
  return line(monthly, monthly, `S3 Standard, ${card.assumedBucketGib} GiB assumed`);
}

/** What one replica of `resources` costs a month: its requests, which is what the scheduler reserves. */
function computeMonthly(resources: ResourceSpec, card: ResolvedRateCard): number {
  const cores = cpuMillis(resources.cpuRequest) / 1000;
  const gib = resources.memoryRequest.toMebibytes() / 1024;
  return HOURS_PER_MONTH * (cores * card.vcpuHourUsd + gib * card.memoryGibHourUsd);
}

/** Platforms add to the price tables but cannot remove from them, and the defaults price every size. */
function priceOf(table: { [name: string]: number }, name: string): number {
  return table[name];
}

function podSize(resources: ResourceSpec): string {
  return `${formatCpu(cpuMillis(resources.cpuRequest))} CPU, ${formatMemory(resources.memoryRequest)}`;
}

/** Rounded to cents, half away from zero, so every figure prints and compares the same everywhere. */
export function cents(usdAmount: number): number {
  return Math.round((usdAmount + Number.EPSILON) * 100) / 100;
}

/** `$1,234.56`. */
export function usd(amount: number): string {
  return `$${cents(amount).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}

function byName(a: { name: string }, b: { name: string }): number {
  return compareStrings(a.name, b.name);
}
