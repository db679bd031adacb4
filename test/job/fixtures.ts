import { Duration } from 'cdk8s';
import { Environment } from '../../src/environment/environment';
import { Migration } from '../../src/job/migration';
import { MigrationProps } from '../../src/job/migration-props';
import { ScheduledJob } from '../../src/job/scheduled-job';
import { ScheduledJobProps } from '../../src/job/scheduled-job-props';
import { PlatformService } from '../../src/service/platform-service';
import { testEnvironment, testService } from '../support/fixtures';

/** A nightly report: 02:30 every day, ten minutes a run. */
export const NIGHTLY: ScheduledJobProps = {
  image: 'registry.acme.dev/payments/report:1.0.0',
  schedule: '30 2 * * *',
  expectedDuration: Duration.minutes(10),
};

export function testScheduledJob(env: Environment = testEnvironment(), props: Partial<ScheduledJobProps> = {}, id = 'nightly-report'): ScheduledJob {
  return new ScheduledJob(env, id, { ...NIGHTLY, ...props });
}

/** The orders API's schema migration, from the same image as the service. */
export const MIGRATE = {
  image: 'registry.acme.dev/payments/orders-api:1.4.2',
  command: ['/app/migrate'],
  args: ['up'],
};

export function testMigration(
  env: Environment = testEnvironment(), props: Partial<MigrationProps> = {}, before?: PlatformService, id = 'orders-migrate',
): Migration {
  return new Migration(env, id, { ...MIGRATE, before: before ?? testService(env), ...props });
}

export { errorOf } from '../support/errors';
