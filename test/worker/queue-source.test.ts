import { Testing } from 'cdk8s';
import { TestQueue, workerEnvironment } from './fixtures';
import { BucketDependency } from '../../src/dependencies/bucket-dependency';
import { Tier } from '../../src/platform/tier';
import { isQueueScalerSource } from '../../src/worker/queue-source';

describe('isQueueScalerSource', () => {
  const env = workerEnvironment(Tier.PRODUCTION, Testing.app());

  test('accepts a dependency that implements the queue contract', () => {
    expect(isQueueScalerSource(new TestQueue(env, 'invoices'))).toBe(true);
  });

  test('refuses a dependency that does not: a bucket has no length to scale on', () => {
    expect(isQueueScalerSource(new BucketDependency(env, 'receipts'))).toBe(false);
  });

  test('refuses an object with the methods that is not a dependency', () => {
    expect(isQueueScalerSource({ _kedaTrigger: () => ({}), _oldestMessageAgeExpression: () => '' })).toBe(false);
    expect(isQueueScalerSource(undefined)).toBe(false);
    expect(isQueueScalerSource(null)).toBe(false);
  });
});
