import { Duration } from 'cdk8s';
import { errorOf, NIGHTLY, testScheduledJob } from './fixtures';
import { PavedError } from '../../src/errors';
import { DEFAULT_TIME_ZONE, resolveScheduledJob } from '../../src/job/resolve-scheduled-job';
import { ScheduledJobProps } from '../../src/job/scheduled-job-props';
import { testEnvironment } from '../support/fixtures';

const resolve = (props: Partial<ScheduledJobProps> = {}, id = 'nightly-report') =>
  resolveScheduledJob(testEnvironment(), id, { ...NIGHTLY, ...props });

describe('resolveScheduledJob: defaults', () => {
  test('a nightly job: UTC, three times its duration to finish, an hour to start late, kept a day and its timeout', () => {
    expect(resolve()).toMatchObject({
      timeZone: DEFAULT_TIME_ZONE,
      expectedSeconds: 600,
      timeoutSeconds: 1800,
      retries: 2,
      startingDeadlineSeconds: 3600,
      keepFinishedSeconds: 86400 + 1800,
      lateAfterSeconds: 86400 + 3600,
    });
  });

  test('the timeout never runs into the next run; finished runs are kept at least an hour', () => {
    const r = resolve({ schedule: '*/10 * * * *', expectedDuration: Duration.minutes(5) });
    expect(r.timeoutSeconds).toBe(600);
    expect(r.startingDeadlineSeconds).toBe(300);
    expect(r.keepFinishedSeconds).toBe(3600);
  });

  test('a zone with daylight saving is allowed an hour more before a run counts as missed', () => {
    expect(resolve({ timeZone: 'Europe/Berlin' }).lateAfterSeconds).toBe(86400 + 3600 + 3600);
    expect(resolve({ timeZone: 'Asia/Tokyo' }).lateAfterSeconds).toBe(86400 + 3600);
  });

  test('declared values are taken as given', () => {
    expect(resolve({ timeout: Duration.minutes(45), retries: 0, startingDeadline: Duration.seconds(10) }))
      .toMatchObject({ timeoutSeconds: 2700, retries: 0, startingDeadlineSeconds: 10 });
  });
});

describe('resolveScheduledJob: errors name the path, the prop and the value', () => {
  test.each<[string, Partial<ScheduledJobProps>, RegExp]>([
    ['a bad schedule', { schedule: '0 25 * * *' }, /schedule "0 25 \* \* \*" has "25" in its hour field/],
    ['a bad time zone', { timeZone: 'Europe/Atlantis' }, /timeZone "Europe\/Atlantis" is not a known time zone/],
    ['a run longer than the gap', { schedule: '@hourly', expectedDuration: Duration.minutes(90) }, /expectedDuration \(90m\) is longer than the shortest wait between two runs of "0 \* \* \* \*" \(1h\)/],
    ['no expected duration', { expectedDuration: undefined as any }, /expectedDuration \(undefined\) must be a Duration/],
    ['a timeout below the expected duration', { timeout: Duration.minutes(5) }, /timeout \(5m\) is shorter than expectedDuration \(10m\)/],
    ['too many retries', { retries: 11 }, /retries \(11\) must be a whole number from 0 to 10/],
    ['a starting deadline under the controller\'s cycle', { startingDeadline: Duration.seconds(5) }, /startingDeadline \(5s\) must be a whole number of seconds, at least 10s/],
    ['an unknown prop', { concurrency: 'Allow' } as any, /concurrency/],
  ])('%s', (_, props, message) => {
    const error = errorOf(() => resolve(props));
    expect(error).toBeInstanceOf(PavedError);
    expect(error.message).toMatch(/^payments-production\/nightly-report: /);
    expect(error.message).toMatch(message);
  });

  test('a name too long for the Jobs a CronJob creates', () => {
    const name = `a${'b'.repeat(52)}`;
    const error = errorOf(() => resolve({ name }));
    expect(error.message).toMatch(/may have at most 52 characters \(it has 53\)/);
    expect(() => resolve({ name: name.slice(1) })).not.toThrow();
  });

  test('bad input claims no name and leaves nothing behind', () => {
    const env = testEnvironment();
    expect(() => testScheduledJob(env, { schedule: 'nightly' })).toThrow(PavedError);
    expect(env.node.tryFindChild('nightly-report')).toBeUndefined();
    expect(() => testScheduledJob(env)).not.toThrow();
  });

  test('a name another workload of the environment has is refused', () => {
    const env = testEnvironment();
    testScheduledJob(env);
    expect(errorOf(() => testScheduledJob(env, { name: 'nightly-report' }, 'other')).message).toMatch(/nightly-report/);
  });
});
