import { Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { Workload } from '../../src/workload/workload';
import { WorkloadKind } from '../../src/workload/workload-kind';
import { testEnvironment, testService } from '../support/fixtures';

describe('Workload', () => {
  test('recognises a workload of any kind, and nothing else', () => {
    const service = testService();
    expect(Workload.isWorkload(service)).toBe(true);
    expect(service.kind).toBe(WorkloadKind.SERVICE);
    expect(Workload.isWorkload(new Construct(Testing.app(), 'plain'))).toBe(false);
    expect(Workload.isWorkload(testEnvironment())).toBe(false);
    expect(Workload.isWorkload(null)).toBe(false);
    expect(Workload.isWorkload({ kind: WorkloadKind.SERVICE })).toBe(false);
  });

  test('is a network peer by its namespace and the labels that select its pods', () => {
    const service = testService(testEnvironment(undefined, { namespace: 'payments-prod' }));
    expect(service._podPeer()).toEqual({ namespace: 'payments-prod', podLabels: service.selectorLabels });
    expect(service.selectorLabels).toEqual({ 'app.kubernetes.io/name': 'orders-api', 'app.kubernetes.io/instance': 'orders-api' });
  });
});
