import { IRule, RuleCategory, Severity, Violation } from '../../rule';
import { containersOf, PodSpecAt } from '../../rules/pod-spec';
import { eachContainer, keyPath, metadataPath, podRule, violation } from '../workload';
import { podSecurityContext, SecurityContextAt } from './security-context';

/** Every security context of the pod: the pod's own, then each container's. */
export function securityContexts(pod: PodSpecAt): SecurityContextAt[] {
  return [
    podSecurityContext(pod),
    ...containersOf(pod).map(({ container, path }) => ({ context: container.securityContext ?? {}, path: `${path}.securityContext` })),
  ];
}

const APPARMOR_TYPES = ['RuntimeDefault', 'Localhost'];
const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

/** Baseline: AppArmor is never disabled. */
export const APPARMOR: IRule = podRule({
  id: 'pss.baseline.apparmor',
  title: 'AppArmor is not disabled',
  severity: Severity.HIGH,
  category: RuleCategory.SECURITY,
  rationale: 'The runtime default AppArmor profile blocks known container escapes (mounts, /proc writes); an Unconfined profile removes that layer.',
  remediation: 'Use the RuntimeDefault or a Localhost AppArmor profile (securityContext.appArmorProfile.type, or the beta annotation values runtime/default or localhost/<profile>).',
  check: (pod) => {
    const found: Violation[] = [];
    for (const { context, path } of securityContexts(pod)) {
      const profile = context.appArmorProfile;
      if (profile !== undefined && profile !== null && !APPARMOR_TYPES.includes(profile.type)) {
        found.push(violation(`${path}.appArmorProfile.type`, profile.type, 'RuntimeDefault or Localhost'));
      }
    }
    const annotations = pod.metadata.annotations ?? {};
    for (const key of Object.keys(annotations).sort()) {
      const value = annotations[key];
      const allowed = value === '' || value === 'runtime/default' || String(value).startsWith('localhost/');
      if (key.startsWith(APPARMOR_ANNOTATION_PREFIX) && !allowed) {
        found.push(violation(keyPath(`${metadataPath(pod)}.annotations`, key), value, 'runtime/default or localhost/<profile>'));
      }
    }
    return found;
  },
});

/** SELinux types a container may run as, as of the v1.28 standard (container_engine_t came in v1.31). */
const SELINUX_TYPES = ['', 'container_t', 'container_init_t', 'container_kvm_t'];

/** Baseline: no custom SELinux user or role, and only the container types. */
export const SELINUX: IRule = podRule({
  id: 'pss.baseline.selinux',
  title: 'SELinux options keep the container types',
  severity: Severity.HIGH,
  category: RuleCategory.SECURITY,
  rationale: 'A custom SELinux user, role or type can label the container as a more privileged domain than the one the runtime confines containers to.',
  remediation: 'Remove seLinuxOptions.user and seLinuxOptions.role, and leave seLinuxOptions.type unset or one of container_t, container_init_t, container_kvm_t.',
  check: (pod) => securityContexts(pod).flatMap(({ context, path }) => {
    const options = context.seLinuxOptions;
    if (options === undefined || options === null) return [];
    const found: Violation[] = [];
    if (!SELINUX_TYPES.includes(options.type ?? '')) {
      found.push(violation(`${path}.seLinuxOptions.type`, options.type, 'absent or one of container_t, container_init_t, container_kvm_t'));
    }
    for (const field of ['user', 'role']) {
      if (options[field] !== undefined && options[field] !== null && options[field] !== '') {
        found.push(violation(`${path}.seLinuxOptions.${field}`, options[field], 'absent'));
      }
    }
    return found;
  }),
});

/** Baseline: the default /proc mask. */
export const PROC_MOUNT: IRule = podRule({
  id: 'pss.baseline.proc-mount',
  title: 'Containers keep the default /proc mask',
  severity: Severity.HIGH,
  category: RuleCategory.SECURITY,
  rationale: 'The default procMount masks /proc paths that leak host information or allow writes to kernel settings; Unmasked removes that.',
  remediation: 'Remove securityContext.procMount, or set it to Default.',
  scannerChecks: { kubeLinter: ['unsafe-proc-mount'], polaris: ['procMount'] },
  check: (pod) => eachContainer(pod, ({ container, path }) => {
    const procMount = container.securityContext?.procMount;
    return procMount !== undefined && procMount !== null && procMount !== 'Default'
      ? [violation(`${path}.securityContext.procMount`, procMount, 'Default or absent')]
      : [];
  }),
});

/** The seccomp profile types both levels accept. */
export const SECCOMP_TYPES = ['RuntimeDefault', 'Localhost'];

/** Baseline: seccomp is never explicitly disabled. */
export const BASELINE_SECCOMP: IRule = podRule({
  id: 'pss.baseline.seccomp',
  title: 'Seccomp is not disabled',
  severity: Severity.HIGH,
  category: RuleCategory.SECURITY,
  rationale: 'Seccomp filters the system calls a container may make; Unconfined exposes the whole kernel interface, and most container escapes go through a rarely needed system call.',
  remediation: 'Set seccompProfile.type to RuntimeDefault (or Localhost), or remove the Unconfined profile.',
  scannerChecks: { checkov: ['CKV_K8S_31'] },
  check: (pod) => securityContexts(pod).flatMap(({ context, path }) => {
    const profile = context.seccompProfile;
    return profile !== undefined && profile !== null && !SECCOMP_TYPES.includes(profile.type)
      ? [violation(`${path}.seccompProfile.type`, profile.type, 'RuntimeDefault or Localhost')]
      : [];
  }),
});
