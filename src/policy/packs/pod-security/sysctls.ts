import { IRule, RuleCategory, Severity } from '../../rule';
import { listOf, podRule, violation } from '../workload';
import { podSecurityContext } from './security-context';

/**
 * The namespaced, pod-isolated sysctls of the v1.28 standard, the version Environment pins in
 * its namespace labels (later versions allow more; a v1.28 admission would still reject them).
 */
const SAFE_SYSCTLS = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
];

/** Baseline: only the safe sysctls. */
export const SYSCTLS: IRule = podRule({
  id: 'pss.baseline.sysctls',
  title: 'Pods set only safe sysctls',
  severity: Severity.HIGH,
  category: RuleCategory.SECURITY,
  rationale: 'Sysctls outside the safe set are not isolated between pods: setting one changes the kernel for every workload on the node.',
  remediation: `Remove the sysctl from securityContext.sysctls; only ${SAFE_SYSCTLS.join(', ')} may be set.`,
  scannerChecks: { kubeLinter: ['unsafe-sysctls'] },
  check: (pod) => {
    const { context, path } = podSecurityContext(pod);
    return listOf(context.sysctls).flatMap((sysctl, i) => SAFE_SYSCTLS.includes(sysctl?.name)
      ? []
      : [violation(`${path}.sysctls[${i}].name`, sysctl?.name, `one of ${SAFE_SYSCTLS.join(', ')}`)]);
  },
});
