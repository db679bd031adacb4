import { Construct } from 'constructs';
import { CronSchedule, parseSchedule } from './cron-schedule';
import { requireSeconds, secondsText } from './job-durations';
import { ScheduledJobProps } from './scheduled-job-props';
import { observesDaylightSaving, requireTimeZone } from './time-zone';
import { PavedError } from '../errors';
import { requireInteger, show } from '../validate';
import { claimWorkload, ResolvedWorkload, resolveWorkload } from '../workload/resolve-workload';

/** A ScheduledJob's props once checked, with every default filled in. */
export interface ResolvedScheduledJob extends ResolvedWorkload {
  readonly schedule: CronSchedule;
  readonly timeZone: string;
  readonly expectedSeconds: number;
  readonly timeoutSeconds: number;
  readonly retries: number;
  readonly startingDeadlineSeconds: number;
  /** How long finished runs are kept (`ttlSecondsAfterFinished`). */
  readonly keepFinishedSeconds: number;
  /** After how long without a new run the missed-run alert fires. */
  readonly lateAfterSeconds: number;
}

/** The time zone a schedule is read in when none is given: the one without daylight saving. */
export const DEFAULT_TIME_ZONE = 'Etc/UTC';
/** The controller looks at CronJobs every 10 seconds; a shorter starting deadline may never be met. */
const CONTROLLER_CYCLE_SECONDS = 10;
/**
 * The default starting deadline's bounds. The floor is what a controller-manager restart or a
 * leader election takes; the ceiling keeps a daily job from starting half a day late.
 */
const DEADLINE_FLOOR_SECONDS = 60;
const DEADLINE_CEILING_SECONDS = 3600;
/** Finished runs are kept at least this long, so their logs are there when someone looks. */
const KEEP_FINISHED_FLOOR_SECONDS = 3600;
/** A CronJob's name is at most 52 characters: its Jobs append an 11-character timestamp. */
const MAX_CRONJOB_NAME = 52;

/**
 * Checks a ScheduledJob's props where they enter and fills in the defaults; throws a PavedError
 * naming the construct path, the prop, the value and what is allowed.
 */
export function resolveScheduledJob(scope: Construct, id: string, props: ScheduledJobProps): ResolvedScheduledJob {
  const workload = resolveWorkload(scope, id, 'ScheduledJob', 'ScheduledJobProps', props);
  const { path, name } = workload;
  if (name.length > MAX_CRONJOB_NAME) {
    throw new PavedError(path, `name ${show(name)} is too long for a CronJob: the Jobs it creates append an 11-character timestamp, so it may have at most ${MAX_CRONJOB_NAME} characters (it has ${name.length})`);
  }
  const schedule = parseSchedule(path, 'schedule', props.schedule);
  const timeZone = props.timeZone ?? DEFAULT_TIME_ZONE;
  requireTimeZone(path, 'timeZone', timeZone);

  const gap = schedule.shortestGapSeconds;
  const expectedSeconds = requireSeconds(path, 'expectedDuration', props.expectedDuration, 1);
  if (expectedSeconds > gap) {
    throw new PavedError(path, `expectedDuration (${secondsText(expectedSeconds)}) is longer than the shortest wait between two runs of ${show(schedule.expression)} (${secondsText(gap)}): one run at a time means the next run would be skipped; run less often or make a run shorter`);
  }
  const timeoutSeconds = props.timeout === undefined
    ? Math.min(3 * expectedSeconds, gap)
    : requireSeconds(path, 'timeout', props.timeout, 1);
  if (timeoutSeconds < expectedSeconds) {
    throw new PavedError(path, `timeout (${secondsText(timeoutSeconds)}) is shorter than expectedDuration (${secondsText(expectedSeconds)}): a normal run would be stopped`);
  }
  const retries = props.retries ?? 2;
  requireInteger(path, 'retries', retries, 0, 10);
  // Half the shortest gap: late enough to survive a controller restart, early enough that a late
  // run is over before the next one is due. cdk8s-plus's default of 10 seconds is the trap: after
  // any hiccup longer than that, the controller counts the run as missed and skips it.
  const startingDeadlineSeconds = props.startingDeadline === undefined
    ? Math.min(Math.max(Math.floor(gap / 2), DEADLINE_FLOOR_SECONDS), DEADLINE_CEILING_SECONDS)
    : requireSeconds(path, 'startingDeadline', props.startingDeadline, CONTROLLER_CYCLE_SECONDS);

  // A finished run is kept until the next run has had time to finish, so a failure (its logs and
  // its alert) stays until a later run supersedes it, and at least an hour.
  const keepFinishedSeconds = Math.max(schedule.longestGapSeconds + timeoutSeconds, KEEP_FINISHED_FLOOR_SECONDS);
  // Late: the longest wait, the starting deadline, and an hour where clocks move for daylight saving.
  const lateAfterSeconds = schedule.longestGapSeconds + startingDeadlineSeconds + (observesDaylightSaving(timeZone) ? 3600 : 0);

  claimWorkload(workload);
  return {
    ...workload, schedule, timeZone, expectedSeconds, timeoutSeconds, retries, startingDeadlineSeconds, keepFinishedSeconds, lateAfterSeconds,
  };
}
