import { IRule, RuleCategory, Severity } from '../../rule';
import { eachContainer, podRule, violation } from '../workload';

/** Baseline: no privileged containers. */
export const PRIVILEGED: IRule = podRule({
  id: 'pss.baseline.privileged',
  title: 'Containers do not run privileged',
  severity: Severity.CRITICAL,
  category: RuleCategory.SECURITY,
  rationale: 'A privileged container has every capability and every device of the node: it is root on the node.',
  remediation: 'Remove securityContext.privileged, or set it to false.',
  scannerChecks: { kubeLinter: ['privileged-container'], polaris: ['runAsPrivileged'], checkov: ['CKV_K8S_16'], kubeScore: ['container-security-context-privileged'] },
  check: (pod) => eachContainer(pod, ({ container, path }) => container.securityContext?.privileged === true
    ? [violation(`${path}.securityContext.privileged`, true, 'false or absent')]
    : []),
});
