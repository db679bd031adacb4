import { Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { Tier } from '../../src/platform/tier';
import { PlatformService } from '../../src/service/platform-service';
import { expectPavedError } from '../support/errors';
import { ORDERS, findAll, synth, testEnvironment, testService } from '../support/fixtures';

describe('service props errors', () => {
  const cases: Array<[string, any, RegExp | string]> = [
    ['min above max', { replicas: { min: 5, max: 2 } }, 'payments-production/orders-api: replicas.min (5) must not exceed replicas.max (2)'],
    ['min below the tier floor', { replicas: { min: 1, max: 3 } }, "replicas.min (1) is below the production tier's floor of 2"],
    ['a fractional replica count', { replicas: { min: 2.5, max: 3 } }, /replicas.min \(2.5\) must be a whole number from 1 to 1000/],
    ['a port out of range', { port: 70000 }, /port \(70000\) must be a whole number from 1024 to 65535/],
    ['a privileged port', { port: 80 }, /port \(80\) must be a whole number from 1024 to 65535/],
    ['a name reserved for the environment\'s own objects', { name: 'paved-quota' }, /name "paved-quota" starts with "paved-", which is reserved/],
  ];

  test.each(cases)('rejects %s, naming the path, prop and value', (_what, props, message) => {
    expectPavedError(() => testService(testEnvironment(), props), message);
  });

  test('leaves nothing behind when it rejects, so a later synth is whole', () => {
    const env = testEnvironment();
    expect(() => testService(env, { port: 1 })).toThrow();
    expect(env.node.tryFindChild('orders-api')).toBeUndefined();
    testService(env); // the name is still free
    expect(findAll(synth(env), 'Deployment')).toHaveLength(1);
  });

  test('rejects a duplicate service name in one environment, naming both', () => {
    const env = testEnvironment();
    testService(env);
    const group = new Construct(env, 'legacy');
    expect(() => new PlatformService(group, 'orders-api', ORDERS)).toThrow(
      'payments-production/legacy/orders-api: name "orders-api" is already used by payments-production/orders-api in namespace payments-production',
    );
  });

  test('allows the same name in two environments', () => {
    const app = Testing.app();
    testService(testEnvironment(Tier.STAGING, {}, app));
    expect(() => testService(testEnvironment(Tier.PRODUCTION, {}, app))).not.toThrow();
  });
});
