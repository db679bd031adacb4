import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../../src/platform/restricted-security';

describe('restricted security contexts', () => {
  test('set every Pod Security "restricted" control at pod level', () => {
    expect(restrictedPodSecurityContext(999)).toEqual({
      runAsNonRoot: true, runAsUser: 999, runAsGroup: 999, fsGroup: 999, fsGroupChangePolicy: 'OnRootMismatch', seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  test('set every Pod Security "restricted" control at container level, with a read-only root', () => {
    expect(restrictedContainerSecurityContext(10001)).toEqual({
      runAsNonRoot: true,
      runAsUser: 10001,
      runAsGroup: 10001,
      privileged: false,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });
});
