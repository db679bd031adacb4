import { jobLabels, jobNetworkPolicy } from '../../src/job/job-pod';
import { Labels } from '../../src/platform/labels';
import { resolveWorkload } from '../../src/workload/resolve-workload';
import { testEnvironment } from '../support/fixtures';

function workload(image = 'registry.acme.dev/payments/report:1.0.0') {
  const env = testEnvironment();
  return { env, resolved: resolveWorkload(env, 'nightly-report', 'ScheduledJob', 'ScheduledJobProps', { image } as any) };
}

describe('jobLabels', () => {
  test('selects by name and instance; objects carry the kind and version; pods the owner labels too', () => {
    const { resolved } = workload();
    const jl = jobLabels(resolved, 'scheduled-job');
    expect(jl.selector).toEqual({ [Labels.NAME]: 'nightly-report', [Labels.INSTANCE]: 'nightly-report' });
    expect(jl.labels).toMatchObject({ [Labels.COMPONENT]: 'scheduled-job', [Labels.VERSION]: '1.0.0', [Labels.BACKSTAGE_KUBERNETES_ID]: 'nightly-report' });
    expect(jl.podLabels).toMatchObject({ ...jl.labels, [Labels.TEAM]: 'payments', [Labels.TIER]: 'production', [Labels.MANAGED_BY]: 'paved' });
  });

  test('an image pinned only by digest has no version label', () => {
    const { resolved } = workload(`registry.acme.dev/payments/report@sha256:${'b'.repeat(64)}`);
    expect(jobLabels(resolved, 'migration').labels[Labels.VERSION]).toBeUndefined();
  });
});

test('jobNetworkPolicy admits nothing and reaches nothing until told to', () => {
  const { env, resolved } = workload();
  const policy = jobNetworkPolicy(env, resolved, jobLabels(resolved, 'scheduled-job')).apiObject.toJson();
  expect(policy.spec).toEqual({
    podSelector: { matchLabels: { [Labels.INSTANCE]: 'nightly-report', [Labels.NAME]: 'nightly-report' } },
    policyTypes: ['Ingress', 'Egress'],
    ingress: [],
    egress: [],
  });
});
