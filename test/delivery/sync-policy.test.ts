import { SYNC_OPTIONS, syncPolicy } from '../../src/delivery/sync-policy';

describe('syncPolicy', () => {
  test('is automated with the prune and self-heal given', () => {
    expect(syncPolicy({ prune: false, selfHeal: true }).automated).toEqual({ prune: false, selfHeal: true });
  });

  test('is manual without them', () => {
    expect(syncPolicy().automated).toBeUndefined();
  });

  test('prunes last and refuses to take over another Application\'s resources, but never creates the namespace', () => {
    expect(syncPolicy().syncOptions).toEqual(['PruneLast=true', 'FailOnSharedResource=true']);
    expect(SYNC_OPTIONS.some((o) => o.startsWith('CreateNamespace'))).toBe(false);
  });

  test('retries a failed sync with backoff', () => {
    expect(syncPolicy().retry).toEqual({ limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '3m' } });
  });

  test('hands out its own copy of the options', () => {
    const policy = syncPolicy();
    policy.syncOptions.push('Replace=true');
    expect(syncPolicy().syncOptions).toEqual(['PruneLast=true', 'FailOnSharedResource=true']);
  });
});
