import { PavedError } from '../errors';
import { show } from '../validate';

/**
 * What the platform pays for what Paved asks for, in US dollars. Every figure Paved prints is an
 * approximation from these rates: requests (not usage) times hours, list prices, no discounts,
 * no data transfer. The defaults are on-demand us-east-1 list prices (2025); a platform team
 * sets its own negotiated or blended rates.
 */
export interface RateCard {
  /**
   * One vCPU of node capacity for an hour (the CPU share of an m6i.large).
   *
   * @default 0.0336
   */
  readonly vcpuHourUsd?: number;
  /**
   * One GiB of node memory for an hour (the memory share of an m6i.large).
   *
   * @default 0.0036
   */
  readonly memoryGibHourUsd?: number;
  /**
   * An RDS PostgreSQL instance for an hour, by instance class; Multi-AZ (production) pays twice.
   * Entries here are merged over the defaults.
   *
   * @default { 'db.t4g.small': 0.032, 'db.m7g.large': 0.168, 'db.r7g.xlarge': 0.4536 }
   */
  readonly databaseInstanceHourUsd?: { [instanceClass: string]: number };
  /**
   * One GiB-month of RDS gp3 storage; Multi-AZ pays twice.
   *
   * @default 0.115
   */
  readonly databaseStorageGibMonthUsd?: number;
  /**
   * An ElastiCache node for an hour, by node type; production runs two nodes. Entries here are
   * merged over the defaults.
   *
   * @default { 'cache.t4g.small': 0.032, 'cache.m7g.large': 0.158, 'cache.r7g.xlarge': 0.437 }
   */
  readonly cacheNodeHourUsd?: { [nodeType: string]: number };
  /**
   * One GiB-month of S3 Standard storage.
   *
   * @default 0.023
   */
  readonly objectStorageGibMonthUsd?: number;
  /**
   * How much a bucket is assumed to hold, since nothing in the declaration says.
   *
   * @default 100
   */
  readonly assumedBucketGib?: number;
  /**
   * One million requests to a standard SQS queue (each 64 KiB chunk of a message is a request).
   *
   * @default 0.40
   */
  readonly queueMillionRequestsUsd?: number;
  /**
   * One million requests to a FIFO SQS queue.
   *
   * @default 0.50
   */
  readonly fifoQueueMillionRequestsUsd?: number;
  /**
   * How many requests a queue is assumed to take a month, since nothing in the declaration says:
   * each message is sent, received and deleted (three requests), and consumers and the scaler
   * poll an empty queue too.
   *
   * @default 10000000
   */
  readonly assumedQueueRequestsPerMonth?: number;
  /**
   * One GiB-month of a persistent volume (EBS gp3), for in-cluster stores.
   *
   * @default 0.08
   */
  readonly volumeGibMonthUsd?: number;
}

/** A `RateCard` with every rate filled in, as `Platform.rateCard` holds it. */
export interface ResolvedRateCard {
  /** One vCPU of node capacity for an hour. */
  readonly vcpuHourUsd: number;
  /** One GiB of node memory for an hour. */
  readonly memoryGibHourUsd: number;
  /** An RDS PostgreSQL instance for an hour, by instance class: the platform's over the defaults. */
  readonly databaseInstanceHourUsd: { [instanceClass: string]: number };
  /** One GiB-month of RDS gp3 storage. */
  readonly databaseStorageGibMonthUsd: number;
  /** An ElastiCache node for an hour, by node type: the platform's over the defaults. */
  readonly cacheNodeHourUsd: { [nodeType: string]: number };
  /** One GiB-month of S3 Standard storage. */
  readonly objectStorageGibMonthUsd: number;
  /** How much a bucket is assumed to hold. */
  readonly assumedBucketGib: number;
  /** A million requests to a standard SQS queue. */
  readonly queueMillionRequestsUsd: number;
  /** A million requests to a FIFO SQS queue. */
  readonly fifoQueueMillionRequestsUsd: number;
  /** How many requests a month a queue is assumed to take. */
  readonly assumedQueueRequestsPerMonth: number;
  /** One GiB-month of a persistent volume (EBS gp3). */
  readonly volumeGibMonthUsd: number;
}

/** Hours in the average month (8,760 / 12): the unit every monthly figure is computed with. */
export const HOURS_PER_MONTH = 730;

/** The documented defaults, in one place. */
export const DEFAULT_RATE_CARD: ResolvedRateCard = {
  vcpuHourUsd: 0.0336,
  memoryGibHourUsd: 0.0036,
  databaseInstanceHourUsd: { 'db.t4g.small': 0.032, 'db.m7g.large': 0.168, 'db.r7g.xlarge': 0.4536 },
  databaseStorageGibMonthUsd: 0.115,
  cacheNodeHourUsd: { 'cache.t4g.small': 0.032, 'cache.m7g.large': 0.158, 'cache.r7g.xlarge': 0.437 },
  objectStorageGibMonthUsd: 0.023,
  assumedBucketGib: 100,
  queueMillionRequestsUsd: 0.40,
  fifoQueueMillionRequestsUsd: 0.50,
  assumedQueueRequestsPerMonth: 10_000_000,
  volumeGibMonthUsd: 0.08,
};

/** Checks a platform's rate card where it enters and completes it with the defaults. */
export function resolveRateCard(path: string, card: RateCard | undefined): ResolvedRateCard {
  const given = card ?? {};
  const price = (prop: string, value: unknown) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new PavedError(path, `rateCard.${prop} (${show(value)}) must be a finite number of US dollars, zero or more`);
    }
  };
  const scalar = <K extends keyof RateCard>(key: K): number => {
    const value = given[key] ?? DEFAULT_RATE_CARD[key];
    price(key, value);
    return value as number;
  };
  const table = (key: 'databaseInstanceHourUsd' | 'cacheNodeHourUsd') => {
    const merged = { ...DEFAULT_RATE_CARD[key], ...(given[key] ?? {}) };
    for (const [name, value] of Object.entries(merged)) price(`${key}[${JSON.stringify(name)}]`, value);
    return merged;
  };
  return {
    vcpuHourUsd: scalar('vcpuHourUsd'),
    memoryGibHourUsd: scalar('memoryGibHourUsd'),
    databaseInstanceHourUsd: table('databaseInstanceHourUsd'),
    databaseStorageGibMonthUsd: scalar('databaseStorageGibMonthUsd'),
    cacheNodeHourUsd: table('cacheNodeHourUsd'),
    objectStorageGibMonthUsd: scalar('objectStorageGibMonthUsd'),
    assumedBucketGib: scalar('assumedBucketGib'),
    queueMillionRequestsUsd: scalar('queueMillionRequestsUsd'),
    fifoQueueMillionRequestsUsd: scalar('fifoQueueMillionRequestsUsd'),
    assumedQueueRequestsPerMonth: scalar('assumedQueueRequestsPerMonth'),
    volumeGibMonthUsd: scalar('volumeGibMonthUsd'),
  };
}
