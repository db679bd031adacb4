import { Duration } from 'cdk8s';
import { WorkloadProps } from '../workload/workload-props';

/** Props of a `ScheduledJob`. */
export interface ScheduledJobProps extends WorkloadProps {
  /**
   * When the job runs, as the CronJob controller reads it: five fields (`30 2 * * *` is 02:30
   * every day; `0,30 8-18 * * MON-FRI` on the hour and half hour in working hours), or `@hourly`, `@daily`,
   * `@weekly`, `@monthly`, `@yearly`. Read in `timeZone`.
   */
  readonly schedule: string;
  /**
   * How long a run normally takes. The cost estimate prices the job by it (runs a month × this),
   * the timeout defaults to three times it, and it may not exceed the shortest wait between two
   * runs: with one run at a time, a longer run would make the next one be skipped.
   */
  readonly expectedDuration: Duration;
  /**
   * The IANA time zone the schedule is read in, e.g. `Europe/Berlin`. Always written, so runs do
   * not move with the time zone of whichever controller-manager happens to lead.
   *
   * @default 'Etc/UTC'
   */
  readonly timeZone?: string;
  /**
   * How long a run may take, retries included, before it is stopped and counted as failed
   * (`activeDeadlineSeconds`).
   *
   * @default - three times `expectedDuration`, but no longer than the shortest wait between two runs
   */
  readonly timeout?: Duration;
  /**
   * How many times a failed run is retried (`backoffLimit`), each in a new pod.
   *
   * @default 2
   */
  readonly retries?: number;
  /**
   * How late a run may still start when it could not start on time, e.g. while the controller
   * was down (`startingDeadlineSeconds`). Beyond it the run is skipped and the missed-run alert
   * fires. At least 10 seconds, the controller's own cycle.
   *
   * @default - half the shortest wait between two runs, at least one minute and at most one hour
   */
  readonly startingDeadline?: Duration;
}
