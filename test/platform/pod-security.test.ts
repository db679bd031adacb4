import { POD_SECURITY_VERSION, podSecurityLabel, podSecurityLabels } from '../../src/platform/pod-security';

describe('podSecurityLabels', () => {
  test('enforce, warn and audit restricted, each at the pinned version', () => {
    expect(podSecurityLabels()).toEqual({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/enforce-version': POD_SECURITY_VERSION,
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/warn-version': POD_SECURITY_VERSION,
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/audit-version': POD_SECURITY_VERSION,
    });
    expect(podSecurityLabel('warn')).toBe('pod-security.kubernetes.io/warn');
  });
});
