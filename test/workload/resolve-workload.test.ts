import { Size, Testing } from 'cdk8s';
import { Environment } from '../../src/environment/environment';
import { ResourcePreset } from '../../src/platform/resource-preset';
import { Tier } from '../../src/platform/tier';
import { resolveWorkload } from '../../src/workload/resolve-workload';
import { SecretReference } from '../../src/workload/secret-reference';
import { WorkloadProps } from '../../src/workload/workload-props';
import { quietApp } from '../policy/fixtures';
import { errorOf, expectPavedError } from '../support/errors';
import { dependencyPlatform, ORDERS, testEnvironment, testPlatform, testService } from '../support/fixtures';

/** What a PlatformService named `orders-api` passes to resolveWorkload. */
function resolve(props: Partial<WorkloadProps> & { port?: number } = {}, env = testEnvironment()) {
  return resolveWorkload(env, 'orders-api', 'PlatformService', 'PlatformServiceProps', { ...ORDERS, ...props });
}

describe('resolveWorkload', () => {
  test('fills in the name from the id, the standard preset and the environment team as owner', () => {
    const env = testEnvironment();
    const resolved = resolve({}, env);
    expect(resolved.path).toBe('payments-production/orders-api');
    expect(resolved.environment).toBe(env);
    expect(resolved.name).toBe('orders-api');
    expect(resolved.resources).toEqual(env.platform.resolvePreset(ResourcePreset.STANDARD, resolved.path));
    expect(resolved.env).toEqual({});
    expect(resolved.owner.team).toBe('payments');
    expect(resolved.system).toBeUndefined();
  });

  test('keeps the name, the variables, command and args it is given', () => {
    const resolved = resolve({ name: 'orders', env: { LOG_LEVEL: 'info' }, command: ['/app/server'], args: ['--port', '8080'] });
    expect(resolved).toMatchObject({ name: 'orders', env: { LOG_LEVEL: 'info' }, command: ['/app/server'], args: ['--port', '8080'] });
  });

  test('does not claim the name: the kind claims it once its own props are valid', () => {
    const env = testEnvironment();
    resolve({}, env);
    expect(() => resolve({}, env)).not.toThrow();
  });

  const cases: Array<[string, any, RegExp | string]> = [
    ['a name that is not DNS-1035', { name: 'Orders_API' }, 'payments-production/orders-api: name "Orders_API" must be a DNS-1035 label'],
    ['a name starting with a digit', { name: '1orders' }, /name "1orders" must be a DNS-1035 label/],
    ['an image outside the registries', { image: 'docker.io/library/nginx:1.27' }, 'payments-production/orders-api: image "docker.io/library/nginx:1.27" is not from an allowed registry (registry.acme.dev)'],
    ['an image on a look-alike registry', { image: 'registry.acme.dev.evil.io/x:1' }, /is not from an allowed registry/],
    ['an unpinned image', { image: 'registry.acme.dev/payments/orders-api' }, /image "registry.acme.dev\/payments\/orders-api" is not pinned/],
    ['an image tagged latest', { image: 'registry.acme.dev/payments/orders-api:latest' }, /is not pinned: use a tag other than "latest"/],
    ['a malformed image', { image: 'registry.acme.dev/Payments/orders api:1' }, /is not a valid image reference/],
    ['an unknown preset', { resources: ResourcePreset.named('huge') }, 'resources preset "huge" is not defined by platform acme (defined: large, small, standard)'],
    ['a bad env name', { env: { 'LOG-LEVEL': 'x' } }, /env key "LOG-LEVEL" is not a valid environment variable name/],
    ['a non-string env value', { env: { N: 1 } }, /env.N \(1\) must be a string/],
    ['args that are not strings', { args: ['--port', 8080] }, /args \(\["--port",8080\]\) must be a list of strings/],
  ];

  test.each(cases)('rejects %s, naming the path, prop and value', (_what, props, message) => {
    expectPavedError(() => resolve(props), message);
  });

  test('rejects a workload outside an environment', () => {
    expect(() => resolveWorkload(Testing.app(), 'orders-api', 'PlatformService', 'PlatformServiceProps', ORDERS)).toThrow(/must be created inside an Environment/);
  });

  test('accepts an image from a registry path the platform narrows to', () => {
    const env = testEnvironment(Tier.PRODUCTION, { platform: testPlatform({ registries: ['registry.acme.dev/payments'] }) });
    expect(() => resolve({}, env)).not.toThrow();
    expect(() => resolve({ image: 'registry.acme.dev/checkout/cart:1.0.0' }, env)).toThrow(/not from an allowed registry \(registry.acme.dev\/payments\)/);
  });
});

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
