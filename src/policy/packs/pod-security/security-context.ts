import { PodSpecAt } from '../../rules/pod-spec';

/**
 * The places a control can be set: the pod's `securityContext` and each container's, with the
 * JSON path of each. Pod Security Standards name both levels for most controls.
 */
export interface SecurityContextAt {
  /** The `securityContext` object, or `{}` when absent. */
  readonly context: any;
  /** e.g. `spec.template.spec.securityContext` or `spec.template.spec.containers[0].securityContext` */
  readonly path: string;
}

/** The pod-level security context. */
export function podSecurityContext(pod: PodSpecAt): SecurityContextAt {
  return { context: pod.spec.securityContext ?? {}, path: `${pod.path}.securityContext` };
}

/**
 * Whether the pod declares itself a Windows pod. Upstream exempts Windows pods from the Linux-only
 * restricted controls (privilege escalation, seccomp, capabilities) since v1.25: the API rejects
 * those fields on Windows pods anyway.
 */
export function isWindowsPod(pod: PodSpecAt): boolean {
  return pod.spec.os?.name === 'windows';
}
