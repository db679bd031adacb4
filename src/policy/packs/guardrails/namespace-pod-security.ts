import { POD_SECURITY_LEVEL, POD_SECURITY_MODES, POD_SECURITY_VERSION, podSecurityLabel } from '../../../platform/pod-security';
import { IRule, RuleCategory, Severity, Violation } from '../../rule';
import { keyPath, shown } from '../workload';
import { guardrailIndex } from './guardrail-index';

/** Versions a namespace may pin Pod Security to: the version Paved pins, or the cluster's latest. */
const ALLOWED_VERSIONS = [POD_SECURITY_VERSION, 'latest'];

/**
 * Every Namespace in the app enforces, warns and audits Pod Security "restricted" at the
 * version Paved pins (or `latest`), and each Environment's Namespace is there. Admission reads
 * these labels; a lower level, a missing label (the cluster default, usually privileged) or an
 * older version admits pods that Paved's own rules would refuse.
 */
export const NAMESPACE_POD_SECURITY: IRule = {
  id: 'guardrails.namespace-pod-security',
  title: 'Namespaces enforce Pod Security "restricted" at the pinned version',
  severity: Severity.CRITICAL,
  category: RuleCategory.SECURITY,
  rationale: 'Pod Security admission is the cluster\'s own check that no pod runs privileged, on the host, or as root. Its level and version come from labels on the Namespace, so an app that lowers them, removes them or removes its Namespace (Argo CD then creates it without labels) switches that check off for everything deployed into it.',
  remediation: `Remove the escape hatch that changed the Namespace's pod-security.kubernetes.io labels or removed the Namespace; every mode (${POD_SECURITY_MODES.join(', ')}) must be "${POD_SECURITY_LEVEL}" with -version ${ALLOWED_VERSIONS.map((v) => `"${v}"`).join(' or ')}.`,
  kinds: ['*'],
  check: (object, context) => {
    const facts = context.environment;
    const found: Violation[] = [];
    if (facts?.ownChart) {
      const index = guardrailIndex(context.chartObjects, facts);
      if (object === index.anchor && index.namespace === undefined) {
        found.push({
          field: `Namespace/${facts.namespace}`,
          found: 'absent from the environment',
          expected: `the environment's Namespace "${facts.namespace}" with Pod Security "${POD_SECURITY_LEVEL}" labels; without it the namespace is created unlabelled`,
        });
      }
    }
    if (object?.kind !== 'Namespace') return found;
    const labels = object.metadata?.labels ?? {};
    for (const mode of POD_SECURITY_MODES) {
      const level = podSecurityLabel(mode);
      if (labels[level] !== POD_SECURITY_LEVEL) {
        found.push({ field: keyPath('metadata.labels', level), found: shown(labels[level]), expected: `"${POD_SECURITY_LEVEL}"` });
      }
      const version = `${level}-version`;
      if (!ALLOWED_VERSIONS.includes(labels[version])) {
        found.push({ field: keyPath('metadata.labels', version), found: shown(labels[version]), expected: ALLOWED_VERSIONS.map((v) => `"${v}"`).join(' or ') });
      }
    }
    return found;
  },
};
