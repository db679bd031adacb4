import { IRule, RuleCategory, Severity, Violation } from '../../rule';
import { ContainerAt } from '../../rules/pod-spec';
import { eachContainer, listOf, podRule, violation } from '../workload';
import { isWindowsPod } from './security-context';

/** The container runtime's default capability set: the only ones baseline lets a container add. */
const BASELINE_CAPABILITIES = [
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD',
  'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
];
/** Restricted lets a container add back only the right to bind ports below 1024. */
const RESTRICTED_CAPABILITIES = ['NET_BIND_SERVICE'];

function addedOutside(allowed: string[], { container, path }: ContainerAt): Violation[] {
  const expected = allowed.length === 1 ? `only ${allowed[0]}` : `one of ${allowed.join(', ')}`;
  return listOf(container.securityContext?.capabilities?.add).flatMap((capability, i) => allowed.includes(capability)
    ? []
    : [violation(`${path}.securityContext.capabilities.add[${i}]`, capability, expected)]);
}

/** Baseline: capabilities beyond the runtime's default set are not added. */
export const BASELINE_CAPABILITIES_RULE: IRule = podRule({
  id: 'pss.baseline.capabilities',
  title: "Containers add no capability beyond the runtime's default set",
  severity: Severity.HIGH,
  category: RuleCategory.SECURITY,
  rationale: 'Capabilities such as SYS_ADMIN, NET_ADMIN or SYS_PTRACE give a container kernel powers that lead to escaping it.',
  remediation: `Remove the capability from securityContext.capabilities.add; only ${BASELINE_CAPABILITIES.join(', ')} may be added.`,
  scannerChecks: { polaris: ['dangerousCapabilities'], checkov: ['CKV_K8S_25', 'CKV_K8S_39'] },
  check: (pod) => eachContainer(pod, (c) => addedOutside(BASELINE_CAPABILITIES, c)),
});

/** Restricted: every capability dropped, only NET_BIND_SERVICE added back. */
export const RESTRICTED_CAPABILITIES_RULE: IRule = podRule({
  id: 'pss.restricted.capabilities',
  title: 'Containers drop every capability and add back at most NET_BIND_SERVICE',
  severity: Severity.HIGH,
  category: RuleCategory.SECURITY,
  rationale: 'The runtime default set still includes capabilities such as NET_RAW (spoofing on the pod network) and CHOWN; an application needs none of them, so none should be held.',
  remediation: 'Set securityContext.capabilities.drop to ["ALL"] on every container and remove every added capability but NET_BIND_SERVICE; if an override replaced the securityContext, restore it.',
  scannerChecks: { kubeLinter: ['drop-net-raw-capability'], polaris: ['insecureCapabilities'], checkov: ['CKV_K8S_28', 'CKV_K8S_37'] },
  check: (pod) => {
    if (isWindowsPod(pod)) return [];
    return eachContainer(pod, (c) => {
      const drop = c.container.securityContext?.capabilities?.drop;
      const dropsAll = listOf(drop).includes('ALL');
      return [
        ...dropsAll ? [] : [violation(`${c.path}.securityContext.capabilities.drop`, drop, 'to include "ALL"')],
        ...addedOutside(RESTRICTED_CAPABILITIES, c),
      ];
    });
  },
});
