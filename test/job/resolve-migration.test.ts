import { Duration, Testing } from 'cdk8s';
import { errorOf, MIGRATE, testMigration } from './fixtures';
import { PavedError } from '../../src/errors';
import { MigrationProps } from '../../src/job/migration-props';
import { resolveMigration } from '../../src/job/resolve-migration';
import { Tier } from '../../src/platform/tier';
import { testEnvironment, testService } from '../support/fixtures';

function resolve(props: Partial<MigrationProps> = {}, id = 'orders-migrate') {
  const env = testEnvironment();
  return resolveMigration(env, id, { ...MIGRATE, before: testService(env), ...props });
}

describe('resolveMigration', () => {
  test('defaults: fifteen minutes, one retry, a Job name of the name and a 10-character hash', () => {
    const r = resolve();
    expect(r).toMatchObject({ timeoutSeconds: 900, retries: 1 });
    expect(r.jobName).toMatch(/^orders-migrate-[0-9a-f]{10}$/);
    expect(r.before.name).toBe('orders-api');
  });

  test('a longer timeout and more retries are a different run', () => {
    const base = resolve().jobName;
    expect(resolve({ timeout: Duration.minutes(30) })).toMatchObject({ timeoutSeconds: 1800 });
    expect(resolve({ timeout: Duration.minutes(30) }).jobName).not.toBe(base);
    expect(resolve({ retries: 0 }).jobName).not.toBe(base);
  });

  test('the longest name still makes a Job name of at most 63 characters', () => {
    const name = `m${'x'.repeat(51)}`;
    expect(resolve({ name }).jobName).toHaveLength(63);
    expect(errorOf(() => resolve({ name: `${name}x` })).message).toMatch(/may have at most 52 \(it has 53\)/);
  });

  test.each<[string, Partial<MigrationProps>, RegExp]>([
    ['no service', { before: undefined as any }, /before \(undefined\) must be the PlatformService whose new version waits for the migration/],
    ['something else than a service', { before: { name: 'orders-api' } as any }, /before \(\{"name":"orders-api"\}\) must be the PlatformService/],
    ['too many retries', { retries: 6 }, /retries \(6\) must be a whole number from 0 to 5/],
    ['a timeout of no seconds', { timeout: Duration.millis(10) }, /timeout \(0.01s\) must be a whole number of seconds/],
    ['an unknown prop', { hook: 'PreSync' } as any, /hook/],
  ])('refuses %s, naming the path and the prop', (_, props, message) => {
    const error = errorOf(() => resolve(props));
    expect(error).toBeInstanceOf(PavedError);
    expect(error.message).toMatch(/^payments-production\/orders-migrate: /);
    expect(error.message).toMatch(message);
  });

  test('refuses a service of another environment', () => {
    const app = Testing.app();
    const staging = testEnvironment(Tier.STAGING, {}, app);
    const production = testEnvironment(Tier.PRODUCTION, {}, app);
    const error = errorOf(() => testMigration(production, {}, testService(staging)));
    expect(error.message).toMatch(/before \(payments-staging\/orders-api\) belongs to environment payments-staging, not payments-production/);
    expect(production.node.tryFindChild('orders-migrate')).toBeUndefined();
  });
});
