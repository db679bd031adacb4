import { Testing } from 'cdk8s';
import { bareWorkload, objectsOf, podSpecOf, workloadEnvironment } from './fixtures';
import { Environment } from '../../src/environment/environment';
import { Errors } from '../../src/errors';
import { Tier } from '../../src/platform/tier';
import { SecretReference } from '../../src/workload/secret-reference';
import { addStoreSecrets, resolveStoreSecrets, STORE_REFRESH_INTERVAL, storeSecretName } from '../../src/workload/store-secrets';
import { errorOf } from '../support/errors';
import { testPlatform } from '../support/fixtures';
import { validateAgainstSchemas } from '../support/schema';

const STRIPE = SecretReference.fromStore('payments/stripe', 'api-key');
const NONE = new Map<string, string>();

function wired(secrets: unknown, taken: ReadonlyMap<string, string> = NONE) {
  const workload = bareWorkload();
  const env = Environment.enclosing(workload.scope);
  const resolved = resolveStoreSecrets(workload.path, env, workload.name, secrets, taken);
  const externalSecret = resolved && addStoreSecrets(workload.scope, { labels: { 'app.kubernetes.io/name': workload.name }, container: workload.container }, resolved);
  return { workload, env, resolved, externalSecret, objects: objectsOf(env) };
}

function failure(secrets: unknown, taken: ReadonlyMap<string, string> = NONE, env: Environment = workloadEnvironment()): string {
  const workload = bareWorkload(env);
  const e = errorOf(() => resolveStoreSecrets(workload.path, env, workload.name, secrets, taken));
  expect(Errors.isPavedError(e)).toBe(true);
  expect(e.path).toBe('payments-production/orders-worker');
  return e.message;
}

describe('store secrets', () => {
  test('become one ExternalSecret from the platform store and a secretKeyRef per variable', () => {
    const { objects } = wired({
      STRIPE_API_KEY: STRIPE,
      WEBHOOK_SECRET: SecretReference.fromStore('payments/stripe-webhook'),
      PREVIOUS_KEY: SecretReference.fromStore('payments/stripe', 'api-key', { version: 'AWSPREVIOUS' }),
    });
    const externalSecrets = objects.filter((o) => o.kind === 'ExternalSecret');
    expect(externalSecrets).toHaveLength(1);
    expect(externalSecrets[0]).toMatchSnapshot();
    expect(externalSecrets[0].spec.refreshInterval).toBe(STORE_REFRESH_INTERVAL);
    expect(podSpecOf(objects).containers[0].env).toEqual([
      { name: 'PREVIOUS_KEY', valueFrom: { secretKeyRef: { name: 'orders-worker-store', key: 'PREVIOUS_KEY' } } },
      { name: 'STRIPE_API_KEY', valueFrom: { secretKeyRef: { name: 'orders-worker-store', key: 'STRIPE_API_KEY' } } },
      { name: 'WEBHOOK_SECRET', valueFrom: { secretKeyRef: { name: 'orders-worker-store', key: 'WEBHOOK_SECRET' } } },
    ]);
    expect(() => validateAgainstSchemas(objects)).not.toThrow();
  });

  test('read the store the platform names', () => {
    const platform = testPlatform({ aws: { accountId: '123456789012', region: 'eu-west-1', privateNetworkCidrs: ['10.0.0.0/16'], secretStore: 'org-vault' } });
    const env = new Environment(Testing.app(), 'payments-production', { platform, tier: Tier.PRODUCTION, team: 'payments' });
    const workload = bareWorkload(env);
    expect(resolveStoreSecrets(workload.path, env, workload.name, { STRIPE_API_KEY: STRIPE }, NONE)?.secretStore).toBe('org-vault');
  });

  test.each([undefined, {}])('create nothing for %j', (secrets) => {
    const { resolved, objects, env } = wired(secrets);
    expect(resolved).toBeUndefined();
    expect(objects.filter((o) => o.kind === 'ExternalSecret')).toEqual([]);
  });

  test('refuse a string, never printing it', () => {
    const message = failure({ STRIPE_API_KEY: 'sk_live_51HcR2eLkdIwHu7ixEXAMPLEa1b2c3' });
    expect(message).toContain('secrets.STRIPE_API_KEY is a string where a SecretReference belongs');
    expect(message).toContain('SecretReference.fromStore(');
    expect(message).not.toContain('sk_live');
  });

  test('refuse a string that no detector would recognise as a credential, never printing it', () => {
    const message = failure({ DB_PASSWORD: 'hunter2' });
    expect(message).toContain('secrets.DB_PASSWORD is a string');
    expect(message).not.toContain('hunter2');
  });

  test.each([
    ['a look-alike object', { key: 'payments/stripe', property: 'api-key' }, 'an object'],
    ['a number', 42, 'a number'],
    ['null', null, 'null'],
  ])('refuse %s in place of a reference, naming the variable', (_what, value, what) => {
    const message = failure({ STRIPE_API_KEY: value });
    expect(message).toContain(`secrets.STRIPE_API_KEY is ${what} where a SecretReference belongs`);
    expect(message).not.toContain('payments/stripe');
  });

  test.each([
    ['a list', [STRIPE]],
    ['one reference', STRIPE],
    ['a string', 'payments/stripe'],
    ['a Map', new Map([['STRIPE_API_KEY', STRIPE]])],
  ])('refuse %s where the map belongs', (_what, secrets) => {
    expect(failure(secrets)).toContain('secrets must be a map of variable names to SecretReference.fromStore(...)');
  });

  test.each(['1KEY', 'STRIPE-KEY', 'api key'])('refuse the variable name %j', (name) => {
    expect(failure({ [name]: STRIPE })).toContain(`secrets key ${JSON.stringify(name)} is not a valid environment variable name`);
  });

  test('refuse a variable the workload sets otherwise, naming where from', () => {
    const taken = new Map([['LOG_LEVEL', 'env'], ['PGHOST', 'dependency orders-db']]);
    expect(failure({ PGHOST: STRIPE }, taken)).toContain('secrets key "PGHOST" is also set from dependency orders-db');
    expect(failure({ LOG_LEVEL: STRIPE }, taken)).toContain('secrets key "LOG_LEVEL" is also set from env');
  });

  test('refuse a platform with no store to read, claiming nothing', () => {
    const env = new Environment(Testing.app(), 'payments-production', { platform: testPlatform(), tier: Tier.PRODUCTION, team: 'payments' });
    const message = failure({ STRIPE_API_KEY: STRIPE }, NONE, env);
    expect(message).toContain('platform acme has no aws settings, so no ClusterSecretStore');
    expect(message).toContain('set PlatformProps.aws');
  });

  test('read the same store in every tier, previews included', () => {
    for (const tier of Tier.all()) {
      const env = workloadEnvironment(tier);
      const workload = bareWorkload(env);
      expect(resolveStoreSecrets(workload.path, env, workload.name, { STRIPE_API_KEY: STRIPE }, NONE)?.secretStore).toBe('aws-secrets-manager');
    }
  });
});
