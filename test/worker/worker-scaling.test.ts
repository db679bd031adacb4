import { Duration, Testing } from 'cdk8s';
import { TestQueue, workerEnvironment } from './fixtures';
import { WorkerScaling } from '../../src/worker/worker-scaling';

describe('WorkerScaling', () => {
  test('queue() holds the queue and its options for the worker to check', () => {
    const queue = new TestQueue(workerEnvironment(undefined, Testing.app()), 'invoices');
    const scaling = WorkerScaling.queue(queue, { messagesPerReplica: 20, cooldown: Duration.minutes(2) });
    expect(scaling._spec).toEqual({ kind: 'queue', queue, options: { messagesPerReplica: 20, cooldown: Duration.minutes(2) } });
  });

  test('cpu() defaults its options to none given', () => {
    expect(WorkerScaling.cpu()._spec).toEqual({ kind: 'cpu', options: {} });
    expect(WorkerScaling.cpu({ targetUtilization: 50 })._spec).toEqual({ kind: 'cpu', options: { targetUtilization: 50 } });
  });

  test('isWorkerScaling recognises its own instances only', () => {
    expect(WorkerScaling.isWorkerScaling(WorkerScaling.cpu())).toBe(true);
    expect(WorkerScaling.isWorkerScaling({ _spec: { kind: 'cpu', options: {} } })).toBe(false);
    expect(WorkerScaling.isWorkerScaling(null)).toBe(false);
  });
});
