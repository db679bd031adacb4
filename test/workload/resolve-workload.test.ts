import { Size } from 'cdk8s';
import { Environment } from '../../src/environment/environment';
import { Tier } from '../../src/platform/tier';
import { SecretReference } from '../../src/workload/secret-reference';
import { dependencyPlatform } from '../dependencies/fixtures';
import { quietApp } from '../policy/fixtures';
import { errorOf } from '../support/errors';
import { testService } from '../support/fixtures';

const STRIPE = SecretReference.fromStore('payments/stripe', 'api-key');
const FILES = { '/etc/orders/config.yaml': 'a: 1\n' };

function environment(): Environment {
  return new Environment(quietApp(), 'payments-production', { platform: dependencyPlatform(), tier: Tier.PRODUCTION, team: 'payments' });
}

describe('resolveWorkload and claimWorkload', () => {
  test('claim the workload\'s name and those of its store ExternalSecret and files ConfigMap', () => {
    const env = environment();
    testService(env, { secrets: { STRIPE_API_KEY: STRIPE }, files: FILES });
    for (const name of ['orders-api', 'orders-api-store', 'orders-api-files']) {
      expect(errorOf(() => env._claimName(name, 'elsewhere')).message).toContain(`name "${name}" is already used by payments-production/orders-api`);
    }
  });

  test('claim nothing more than the name when there are no secrets or files', () => {
    const env = environment();
    testService(env);
    expect(() => env._claimName('orders-api-store', 'x')).not.toThrow();
    expect(() => env._claimName('orders-api-files', 'x')).not.toThrow();
  });

  test('refuse a store or files name another object of the environment holds, naming it', () => {
    const env = environment();
    env._claimName('orders-api-store', 'payments-production/orders-api-store');
    expect(errorOf(() => testService(env, { secrets: { STRIPE_API_KEY: STRIPE } })).message)
      .toContain('name "orders-api-store" is already used by payments-production/orders-api-store');
    const other = environment();
    other._claimName('orders-api-files', 'payments-production/orders-api-files');
    expect(errorOf(() => testService(other, { files: FILES })).message)
      .toContain('name "orders-api-files" is already used by payments-production/orders-api-files');
  });

  test('refused input leaves nothing claimed: a bad port after good secrets and files', () => {
    const env = environment();
    expect(() => testService(env, { secrets: { STRIPE_API_KEY: STRIPE }, files: FILES, scratch: { '/var/cache/x': Size.mebibytes(64) }, port: 80 })).toThrow('port');
    for (const name of ['orders-api', 'orders-api-store', 'orders-api-files']) expect(() => env._claimName(name, 'x')).not.toThrow();
  });

  test('a store secret may not set a variable env or a dependency sets', () => {
    expect(errorOf(() => testService(environment(), { env: { STRIPE_API_KEY: 'x' }, secrets: { STRIPE_API_KEY: STRIPE } })).message)
      .toContain('secrets key "STRIPE_API_KEY" is also set from env');
  });
});
