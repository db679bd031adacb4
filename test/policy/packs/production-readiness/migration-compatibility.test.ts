import { MIGRATES_BEFORE_ANNOTATION } from '../../../../src/platform/annotations';
import { MIGRATION_COMPATIBILITY } from '../../../../src/policy/packs/production-readiness/migration-compatibility';
import { RuleCategory } from '../../../../src/policy/rule';
import { check } from '../workloads';

const NAMESPACE = 'payments-production';
const migration = (before?: string) => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'orders-migrate-0123456789', namespace: NAMESPACE, annotations: before ? { [MIGRATES_BEFORE_ANNOTATION]: before } : {} },
  spec: { template: { spec: { containers: [{ name: 'orders-migrate', image: 'registry.acme.dev/payments/orders-api:1.4.2' }] } } },
});
const rollout = (strategy: object, name = 'orders-api', namespace = NAMESPACE) => ({
  apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name, namespace }, spec: { strategy },
});
const run = (job: any, ...others: any[]) => check(MIGRATION_COMPATIBILITY, job, { objects: [job, ...others] });

describe('workload.migration-compatibility', () => {
  test('warns on a migration before a canary Rollout, naming the service', () => {
    expect(run(migration('orders-api'), rollout({ canary: { steps: [] } }))).toEqual([{
      field: `metadata.annotations["${MIGRATES_BEFORE_ANNOTATION}"]`,
      found: '"orders-api"',
      expected: expect.stringContaining('expand and contract'),
    }]);
  });

  test.each([
    ['a rolling Rollout', migration('orders-api'), [rollout({ blueGreen: {} })]],
    ['a canary Rollout of another service', migration('orders-api'), [rollout({ canary: {} }, 'billing-api')]],
    ['a canary Rollout in another namespace', migration('orders-api'), [rollout({ canary: {} }, 'orders-api', 'payments-staging')]],
    ['a Job that is no migration', migration(), [rollout({ canary: {} })]],
    ['a migration before a Deployment', migration('orders-api'), [{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'orders-api', namespace: NAMESPACE } }]],
  ])('passes %s', (_, job, others) => {
    expect(run(job, ...others)).toEqual([]);
  });

  test('is advice about Jobs', () => {
    expect(MIGRATION_COMPATIBILITY.category).toBe(RuleCategory.ADVISORY);
    expect(MIGRATION_COMPATIBILITY.kinds).toEqual(['Job']);
  });
});
