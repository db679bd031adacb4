import { Duration } from 'cdk8s';
import { durationText } from '../duration-text';
import { PavedError } from '../errors';
import { requireKnownProps } from '../known-props';
import { Tier } from '../platform/tier';
import { describe, requireInteger, show } from '../validate';

/** What decides whether a canary is healthy enough to take more traffic. */
export interface CanaryAnalysis {
  /**
   * The share of the canary's requests that may fail with a 5xx, above 0 and at most 1.
   *
   * @default 0.01 - well below the 5 % that pages in production, so a bad release is stopped
   * on a tenth of the traffic before it could trip the service's own error alert
   */
  readonly maxErrorRate?: number;
  /**
   * The p99 latency the canary's requests must stay under.
   *
   * @default - the service's p99 latency alert threshold (`observability.alerts.latencyP99`,
   * built in: one second): a release slower than what already alerts must not be promoted
   */
  readonly maxLatencyP99?: Duration;
  /**
   * How often the analysis measures the canary, in whole seconds; each measurement looks back
   * over this interval (at least two minutes, so `rate()` always sees several 30 s scrapes).
   *
   * @default Duration.minutes(1) - often enough to abort within a couple of minutes of a regression
   */
  readonly interval?: Duration;
  /**
   * How many failed measurements are tolerated; one more aborts the rollout, a whole number
   * from 0 to 100.
   *
   * @default 1 - one bad minute can be noise on a few canary pods; a second one is a trend
   */
  readonly failureLimit?: number;
}

/** A canary rollout: traffic moves to the new version in steps while an analysis watches it. */
export interface CanaryOptions {
  /**
   * The canary's share of traffic at each step, in percent: strictly increasing whole numbers
   * from 1 to 100, ending at 100 (reaching 100 completes the rollout), e.g. `[10, 50, 100]`.
   */
  readonly steps: number[];
  /**
   * What the canary is judged by, from the first step to the last.
   *
   * @default - a 1 % error rate and the service's p99 latency threshold, measured every minute,
   * one failed measurement tolerated
   */
  readonly analysis?: CanaryAnalysis;
  /**
   * How long each step holds its weight before the next one, in whole seconds.
   *
   * @default Duration.minutes(5) - five measurements of the analysis per step, enough traffic
   * to judge the canary before it takes more
   */
  readonly pause?: Duration;
  /**
   * The least critical tier the canary applies in; below it the service rolls out as a plain
   * rolling Deployment.
   *
   * @default Tier.STAGING - development and preview run one replica and serve no production
   * traffic, so there is neither a share of traffic to move nor enough requests to judge
   */
  readonly fromTier?: Tier;
}

/**
 * How a new version of a service replaces the running one.
 *
 * `Rollout.rolling()` (the default) is a Deployment's rolling update with no replica ever
 * unavailable. `Rollout.canary(...)` makes the workload an Argo Rollouts `Rollout` that moves
 * traffic in steps and aborts, returning all traffic to the stable version, as soon as its
 * Prometheus analysis fails.
 */
export class Rollout {
  /** A canary rollout with automatic rollback. */
  public static canary(options: CanaryOptions): Rollout {
    requireKnownProps('Rollout.canary', 'CanaryOptions', options);
    return new Rollout('canary', options);
  }

  /** A rolling update of a Deployment: 25 % surge, no unavailable replica. */
  public static rolling(): Rollout {
    return new Rollout('rolling');
  }

  /** Whether `x` is a Rollout (works across copies of the library). */
  public static isRollout(x: any): x is Rollout {
    return x !== null && typeof x === 'object' && (x as any)[ROLLOUT] === true;
  }

  private constructor(
    /** `rolling` or `canary`. */
    public readonly strategy: string,
    /** The canary's options; absent for a rolling update. */
    public readonly canaryOptions?: CanaryOptions,
  ) {
    Object.defineProperty(this, ROLLOUT, { value: true });
  }
}

const ROLLOUT = Symbol.for('paved.Rollout');

/** A canary's options, checked and completed with the defaults. */
export interface ResolvedCanary {
  readonly steps: number[];
  readonly pause: Duration;
  readonly maxErrorRate: number;
  readonly maxLatencyP99Seconds: number;
  readonly interval: Duration;
  readonly failureLimit: number;
}

/**
 * Checks a service's `rollout` where it enters. Returns the canary to build in `tier`, or
 * undefined when the service rolls out as a Deployment (rolling, or a canary below `fromTier`).
 * Every option is checked in every tier, so a definition that fails in production fails everywhere.
 */
export function resolveRollout(path: string, rollout: Rollout | undefined, tier: Tier, latencyP99Seconds: number): ResolvedCanary | undefined {
  if (rollout === undefined) return undefined;
  if (!Rollout.isRollout(rollout)) {
    throw new PavedError(path, `rollout (${describe(rollout)}) must be Rollout.rolling() or Rollout.canary({ steps: [...] })`);
  }
  if (rollout.strategy !== 'canary') return undefined;
  const o: CanaryOptions = rollout.canaryOptions ?? ({} as CanaryOptions);
  const steps = requireSteps(path, o.steps);
  const analysis: CanaryAnalysis = o.analysis ?? {};
  if (analysis === null || typeof analysis !== 'object') {
    throw new PavedError(path, `rollout.analysis (${show(analysis)}) must be an object: { maxErrorRate?, maxLatencyP99?, interval?, failureLimit? }`);
  }
  const maxErrorRate = analysis.maxErrorRate ?? 0.01;
  if (typeof maxErrorRate !== 'number' || !(maxErrorRate > 0 && maxErrorRate <= 1)) {
    throw new PavedError(path, `rollout.analysis.maxErrorRate (${show(maxErrorRate)}) must be a share above 0 and at most 1, e.g. 0.01`);
  }
  if (analysis.maxLatencyP99 !== undefined) requirePositive(path, 'rollout.analysis.maxLatencyP99', analysis.maxLatencyP99);
  const interval = analysis.interval ?? Duration.minutes(1);
  requireWholeSeconds(path, 'rollout.analysis.interval', interval);
  const failureLimit = analysis.failureLimit ?? 1;
  requireInteger(path, 'rollout.analysis.failureLimit', failureLimit, 0, 100);
  const pause = o.pause ?? Duration.minutes(5);
  requireWholeSeconds(path, 'rollout.pause', pause);
  const fromTier = o.fromTier ?? Tier.STAGING;
  if (!(fromTier instanceof Tier)) {
    throw new PavedError(path, `rollout.fromTier (${describe(fromTier)}) must be a Tier (${Tier.all().map((t) => `Tier.${t.name.toUpperCase()}`).join(', ')})`);
  }
  if (!tier.isAtLeast(fromTier)) return undefined;
  return {
    steps,
    pause,
    maxErrorRate,
    maxLatencyP99Seconds: analysis.maxLatencyP99 ? analysis.maxLatencyP99.toMilliseconds({ integral: false }) / 1000 : latencyP99Seconds,
    interval,
    failureLimit,
  };
}

function requireSteps(path: string, steps: unknown): number[] {
  if (!Array.isArray(steps) || steps.length === 0) {
    throw new PavedError(path, `rollout.steps (${show(steps)}) must be a non-empty list of traffic weights in percent ending at 100, e.g. [10, 50, 100]`);
  }
  steps.forEach((step, i) => requireInteger(path, `rollout.steps[${i}]`, step, 1, 100));
  for (let i = 1; i < steps.length; i++) {
    if (steps[i] <= steps[i - 1]) {
      throw new PavedError(path, `rollout.steps (${list(steps)}) must be strictly increasing: ${steps[i]} at [${i}] does not exceed ${steps[i - 1]}`);
    }
  }
  if (steps[steps.length - 1] !== 100) {
    throw new PavedError(path, `rollout.steps (${list(steps)}) must end at 100: reaching 100 is what completes the rollout`);
  }
  return [...steps];
}

function requirePositive(path: string, prop: string, value: Duration): void {
  if (!(value instanceof Duration) || !(value.toMilliseconds({ integral: false }) > 0)) {
    throw new PavedError(path, `${prop} (${shownDuration(value)}) must be a Duration above zero (e.g. Duration.millis(300))`);
  }
}

/** Argo Rollouts reads pauses and intervals as whole seconds; a fraction would be silently cut. */
function requireWholeSeconds(path: string, prop: string, value: Duration): void {
  const ms = value instanceof Duration ? value.toMilliseconds({ integral: false }) : NaN;
  if (!(ms >= 1000) || ms % 1000 !== 0) {
    throw new PavedError(path, `${prop} (${shownDuration(value)}) must be a Duration of whole seconds, at least one second (e.g. Duration.minutes(1))`);
  }
}

function shownDuration(value: unknown): string {
  return value instanceof Duration ? `${value.toMilliseconds({ integral: false })}ms` : describe(value);
}

function list(steps: unknown[]): string {
  return `[${steps.map((s) => show(s)).join(', ')}]`;
}

/** Names what was passed without serialising it: an object may be a cyclic graph. */

/** A whole number of seconds as Argo Rollouts writes durations: `5m`, `90s`, `1h` (it reads no days). */
export function argoDuration(d: Duration): string {
  return durationText(d);
}
