import { BASELINE_CAPABILITIES_RULE, RESTRICTED_CAPABILITIES_RULE } from './capabilities';
import { HOST_NAMESPACES, HOST_PATH, HOST_PORTS, HOST_PROCESS, PROBE_HOST } from './host';
import { APPARMOR, BASELINE_SECCOMP, PROC_MOUNT, SELINUX } from './linux-security-modules';
import { PRIVILEGED } from './privileged';
import { PRIVILEGE_ESCALATION, RESTRICTED_SECCOMP, RUN_AS_NON_ROOT, RUN_AS_USER, VOLUME_TYPES } from './restricted';
import { SYSCTLS } from './sysctls';
import { IRule } from '../../rule';

/**
 * Pod Security Standards, as of v1.28 (the version Environment pins in its namespace labels):
 * where a later version relaxes a control, the v1.28 rule holds, because that is what the
 * cluster's admission enforces; a control added later that only tightens (probe hosts) is included.
 */

/** The baseline controls that restricted keeps unchanged. */
const BASELINE_KEPT_BY_RESTRICTED: IRule[] = [
  HOST_PROCESS, HOST_NAMESPACES, PRIVILEGED, HOST_PORTS, APPARMOR, SELINUX, PROC_MOUNT, SYSCTLS, PROBE_HOST,
];

/** Every baseline control, in report order. */
export const POD_SECURITY_BASELINE_RULES: IRule[] = [
  ...BASELINE_KEPT_BY_RESTRICTED, BASELINE_CAPABILITIES_RULE, HOST_PATH, BASELINE_SECCOMP,
];

/**
 * Every restricted control. As upstream, the restricted capability, volume-type and seccomp
 * controls replace their baseline counterparts, so one violation is reported once.
 */
export const POD_SECURITY_RESTRICTED_RULES: IRule[] = [
  ...BASELINE_KEPT_BY_RESTRICTED,
  RESTRICTED_CAPABILITIES_RULE, VOLUME_TYPES, RESTRICTED_SECCOMP, PRIVILEGE_ESCALATION, RUN_AS_NON_ROOT, RUN_AS_USER,
];
