import { k8s } from 'cdk8s-plus-28';

// The Pod Security "restricted" controls for the pods Paved builds, stated once so every pod gets
// all of them: a service's containers, the in-cluster stores and the seed Job.

/** Pod-level: a fixed non-root user and group, group-owned volumes, seccomp RuntimeDefault. */
export function restrictedPodSecurityContext(uid: number): k8s.PodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: uid,
    runAsGroup: uid,
    fsGroup: uid,
    // Re-owning a large volume on every start slows restarts; once is enough.
    fsGroupChangePolicy: 'OnRootMismatch',
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** Container-level: non-root, no privilege, no escalation, no capabilities, read-only root. */
export function restrictedContainerSecurityContext(uid: number): k8s.SecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: uid,
    runAsGroup: uid,
    privileged: false,
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
}
