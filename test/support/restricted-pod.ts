import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../../src/platform/restricted-security';

/**
 * Expects a rendered pod spec of a workload (a service's Deployment or Rollout) to run under the
 * restricted controls stated once in src/platform/restricted-security.ts, as `uid`: tests compare
 * with that source instead of restating the controls, and test/platform/restricted-security.test.ts
 * states what it holds.
 */
export function expectRestrictedWorkloadPod(pod: any, uid: number): void {
  // A workload's pod is built by cdk8s-plus, which writes its own fsGroupChangePolicy (Always);
  // every other control is the restricted one.
  expect(pod.securityContext).toEqual({ ...restrictedPodSecurityContext(uid), fsGroupChangePolicy: 'Always' });
  for (const container of pod.containers) expect(container.securityContext).toEqual(restrictedContainerSecurityContext(uid));
}
