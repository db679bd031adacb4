import { Testing } from 'cdk8s';
import { BucketDependency } from '../../src/dependencies/bucket-dependency';
import { QueueDependency } from '../../src/dependencies/queue-dependency';
import { isQueueScalerSource } from '../../src/dependencies/queue-source';
import { Tier } from '../../src/platform/tier';
import { TestQueue, workerEnvironment } from '../worker/fixtures';

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

describe('QueueDependency keeps the Worker contract', () => {
  test('is a queue scaler source, with the trigger, the expressions and the consumer it records', () => {
    const env = workerEnvironment(Tier.PRODUCTION, Testing.app());
    const queue = new QueueDependency(env, 'invoices');
    expect(isQueueScalerSource(queue)).toBe(true);
    const trigger = queue._kedaTrigger({ messagesPerReplica: 7, activationMessages: 2 });
    expect(trigger.metadata).toMatchObject({ queueURL: queue.queueUrl, queueLength: '7', activationQueueLength: '2' });
    expect(trigger.authenticationRef).toEqual({ name: 'invoices', kind: 'TriggerAuthentication' });
    expect(queue._kedaTrigger({ messagesPerReplica: 1, activationMessages: 0 }).triggerAuthentication).toBe(trigger.triggerAuthentication);
    expect(queue._oldestMessageAgeExpression()).toContain(queue.queueName);
    expect(queue._deadLetterDepthExpression()).toContain(queue.deadLetterQueueName);
    queue._addConsumer('invoicer');
    expect(queue.consumers).toEqual(['invoicer']);
  });
});
