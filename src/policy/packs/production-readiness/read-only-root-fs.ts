import { IRule, RuleCategory, Severity } from '../../rule';
import { containersOf } from '../../rules/pod-spec';
import { podRule, violation } from '../workload';

/** Containers cannot write to their image's filesystem. */
export const READ_ONLY_ROOT_FS: IRule = podRule({
  id: 'workload.read-only-root-fs',
  title: 'Containers have a read-only root filesystem',
  severity: Severity.MEDIUM,
  category: RuleCategory.SECURITY,
  rationale: 'An attacker who gets code execution usually writes next: a tool, a web shell, a changed binary. A read-only root filesystem stops that and keeps the running container identical to the scanned image.',
  remediation: 'Set securityContext.readOnlyRootFilesystem to true and mount an emptyDir where the application must write (Paved mounts one at /tmp).',
  scannerChecks: { kubeLinter: ['no-read-only-root-fs'], polaris: ['notReadOnlyRootFilesystem'], checkov: ['CKV_K8S_22'], kubeScore: ['container-security-context-readonlyrootfilesystem'] },
  // Ephemeral containers are interactive debugging sessions, where writing tools is the point.
  check: (pod) => containersOf(pod)
    .filter((c) => c.kind !== 'ephemeralContainer')
    .flatMap(({ container, path }) => container.securityContext?.readOnlyRootFilesystem === true
      ? []
      : [violation(`${path}.securityContext.readOnlyRootFilesystem`, container.securityContext?.readOnlyRootFilesystem, 'true')]),
});
