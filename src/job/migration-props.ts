import { Duration } from 'cdk8s';
import { PlatformService } from '../service/platform-service';
import { WorkloadProps } from '../workload/workload-props';

/** Props of a `Migration`. */
export interface MigrationProps extends WorkloadProps {
  /**
   * The service whose new version waits for the migration: its Deployment (or Rollout) is
   * synced only once the migration has completed. In the same environment.
   */
  readonly before: PlatformService;
  /**
   * How long the migration may take, retries included, before it is stopped and counted as
   * failed (`activeDeadlineSeconds`); the new version waits at most this long.
   *
   * @default Duration.minutes(15)
   */
  readonly timeout?: Duration;
  /**
   * How many times a failed migration is retried (`backoffLimit`), each in a new pod. Low: a
   * migration that fails twice needs a person, not a third attempt.
   *
   * @default 1
   */
  readonly retries?: number;
}
