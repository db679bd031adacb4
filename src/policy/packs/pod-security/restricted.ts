import { IRule, RuleCategory, Severity, Violation } from '../../rule';
import { eachContainer, listOf, podRule, violation } from '../workload';
import { SECCOMP_TYPES } from './linux-security-modules';
import { isWindowsPod, podSecurityContext } from './security-context';

/** Inline volume sources restricted admits: none of them reaches outside the pod's own data. */
const RESTRICTED_VOLUME_SOURCES = [
  'configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret',
];

/** Restricted: only the core volume types; anything else goes through a PersistentVolume. */
export const VOLUME_TYPES: IRule = podRule({
  id: 'pss.restricted.volume-types',
  title: 'Pods use only core volume types',
  severity: Severity.HIGH,
  category: RuleCategory.SECURITY,
  rationale: 'Inline network and node volume sources (hostPath, nfs, iscsi, rbd, flexVolume...) bypass the cluster\'s storage controls and can reach node or network storage directly.',
  remediation: `Use one of ${RESTRICTED_VOLUME_SOURCES.join(', ')}; reach other storage through a PersistentVolumeClaim.`,
  check: (pod) => listOf(pod.spec.volumes).flatMap((volume, i) => {
    if (RESTRICTED_VOLUME_SOURCES.some((source) => volume?.[source] !== undefined && volume?.[source] !== null)) return [];
    const sources = Object.keys(volume ?? {}).filter((key) => key !== 'name').sort();
    return [violation(`${pod.path}.volumes[${i}]`, sources.length === 1 ? sources[0] : sources, `one of ${RESTRICTED_VOLUME_SOURCES.join(', ')}`)];
  }),
});

/** Restricted: no privilege escalation, explicitly. */
export const PRIVILEGE_ESCALATION: IRule = podRule({
  id: 'pss.restricted.privilege-escalation',
  title: 'Containers set allowPrivilegeEscalation to false',
  severity: Severity.HIGH,
  category: RuleCategory.SECURITY,
  rationale: 'Without no_new_privs a process can gain privileges through set-user-ID binaries or file capabilities; the field defaults to allowing it.',
  remediation: 'Set securityContext.allowPrivilegeEscalation to false on every container.',
  scannerChecks: { kubeLinter: ['privilege-escalation-container'], polaris: ['privilegeEscalationAllowed'], checkov: ['CKV_K8S_20'] },
  check: (pod) => isWindowsPod(pod) ? [] : eachContainer(pod, ({ container, path }) => {
    const allowed = container.securityContext?.allowPrivilegeEscalation;
    return allowed === false ? [] : [violation(`${path}.securityContext.allowPrivilegeEscalation`, allowed, 'false')];
  }),
});

/** Restricted: runAsNonRoot true, at pod level or on every container. */
export const RUN_AS_NON_ROOT: IRule = podRule({
  id: 'pss.restricted.run-as-non-root',
  title: 'Containers must run as non-root',
  severity: Severity.HIGH,
  category: RuleCategory.SECURITY,
  rationale: 'runAsNonRoot makes the kubelet refuse to start a container whose user is root, whatever the image says; root in a container is one kernel bug from root on the node.',
  remediation: 'Set securityContext.runAsNonRoot to true on the pod (or on every container) and remove any false.',
  scannerChecks: { kubeLinter: ['run-as-non-root'], polaris: ['runAsRootAllowed'], checkov: ['CKV_K8S_23'] },
  check: (pod) => {
    const podLevel = podSecurityContext(pod);
    const podValue = podLevel.context.runAsNonRoot;
    const found: Violation[] = [];
    if (podValue === false) found.push(violation(`${podLevel.path}.runAsNonRoot`, false, 'true'));
    // A container may leave the field out only when the pod sets it to true.
    return found.concat(eachContainer(pod, ({ container, path }) => {
      const value = container.securityContext?.runAsNonRoot ?? undefined;
      if (value === true || (value === undefined && podValue === true)) return [];
      return [violation(`${path}.securityContext.runAsNonRoot`, value, value === undefined ? `true (here or at ${podLevel.path}.runAsNonRoot)` : 'true')];
    }));
  },
});

/** Restricted: never user 0. */
export const RUN_AS_USER: IRule = podRule({
  id: 'pss.restricted.run-as-user',
  title: 'Containers do not run as user 0',
  severity: Severity.HIGH,
  category: RuleCategory.SECURITY,
  rationale: 'runAsUser 0 runs the container as root whatever the image declares, and contradicts runAsNonRoot.',
  remediation: 'Set runAsUser to a non-zero user id (Paved uses 10001), or remove it to use the image\'s non-root user.',
  // Both scanners ask for more (a user id of 10000 or above), so root is among what they report.
  scannerChecks: { checkov: ['CKV_K8S_40'], kubeScore: ['container-security-context-user-group-id'] },
  check: (pod) => {
    const podLevel = podSecurityContext(pod);
    const found: Violation[] = podLevel.context.runAsUser === 0 ? [violation(`${podLevel.path}.runAsUser`, 0, 'a non-zero user id, or absent')] : [];
    return found.concat(eachContainer(pod, ({ container, path }) => container.securityContext?.runAsUser === 0
      ? [violation(`${path}.securityContext.runAsUser`, 0, 'a non-zero user id, or absent')]
      : []));
  },
});

/** Restricted: a seccomp profile is required. */
export const RESTRICTED_SECCOMP: IRule = podRule({
  id: 'pss.restricted.seccomp',
  title: 'Containers run under the RuntimeDefault or a Localhost seccomp profile',
  severity: Severity.HIGH,
  category: RuleCategory.SECURITY,
  rationale: 'Without a profile the runtime may run the container Unconfined; requiring RuntimeDefault closes the system calls most container escapes use.',
  remediation: 'Set securityContext.seccompProfile.type to RuntimeDefault on the pod (or on every container).',
  scannerChecks: { checkov: ['CKV_K8S_31'] },
  check: (pod) => {
    if (isWindowsPod(pod)) return [];
    const podLevel = podSecurityContext(pod);
    const podProfile = podLevel.context.seccompProfile;
    const found: Violation[] = [];
    const podSet = podProfile !== undefined && podProfile !== null;
    if (podSet && !SECCOMP_TYPES.includes(podProfile.type)) {
      found.push(violation(`${podLevel.path}.seccompProfile.type`, podProfile.type, 'RuntimeDefault or Localhost'));
    }
    // A container may leave the profile out only when the pod sets an allowed one.
    const podAllowed = podSet && SECCOMP_TYPES.includes(podProfile.type);
    return found.concat(eachContainer(pod, ({ container, path }) => {
      const profile = container.securityContext?.seccompProfile;
      if (profile !== undefined && profile !== null) {
        return SECCOMP_TYPES.includes(profile.type) ? [] : [violation(`${path}.securityContext.seccompProfile.type`, profile.type, 'RuntimeDefault or Localhost')];
      }
      return podAllowed ? [] : [violation(`${path}.securityContext.seccompProfile.type`, undefined, `RuntimeDefault or Localhost (here or at ${podLevel.path}.seccompProfile.type)`)];
    }));
  },
});
