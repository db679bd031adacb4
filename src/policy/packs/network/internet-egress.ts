import { IRule, RuleCategory, Severity, Violation } from '../../rule';
import { listOf, violation } from '../workload';

/** The annotation that declares, with a reason, that a NetworkPolicy opens egress to the internet. */
export const EGRESS_INTERNET_ANNOTATION = 'paved.dev/egress-internet';

/** A CIDR with prefix length 0 covers every address of its family. */
function isEverywhere(cidr: unknown): boolean {
  return typeof cidr === 'string' && /\/0+$/.test(cidr.trim());
}

/** No NetworkPolicy opens egress to every address unless it says why. */
export const INTERNET_EGRESS: IRule = {
  id: 'network.internet-egress',
  title: 'Egress to the whole internet is declared',
  severity: Severity.HIGH,
  category: RuleCategory.SECURITY,
  rationale: 'Egress to 0.0.0.0/0 or ::/0 (or an egress rule without peers) lets a compromised pod reach any host, which is how data leaves and how command-and-control gets in. Sometimes it is needed; then it should be a visible decision.',
  remediation: `Name the destinations (ipBlock of the provider's ranges, or pod and namespace selectors), or declare the need with the annotation ${EGRESS_INTERNET_ANNOTATION}: "<reason>" on the NetworkPolicy.`,
  kinds: ['NetworkPolicy'],
  check: (policy) => {
    const reason = policy.metadata?.annotations?.[EGRESS_INTERNET_ANNOTATION];
    if (typeof reason === 'string' && reason.trim() !== '') return [];
    const found: Violation[] = [];
    listOf(policy.spec?.egress).forEach((rule, i) => {
      const peers = rule?.to;
      // A rule without peers allows every destination.
      if (!Array.isArray(peers) || peers.length === 0) {
        found.push(violation(`spec.egress[${i}].to`, peers, `named peers, or the ${EGRESS_INTERNET_ANNOTATION} annotation with a reason`));
        return;
      }
      peers.forEach((peer, j) => {
        const cidr = peer?.ipBlock?.cidr;
        if (isEverywhere(cidr)) {
          found.push(violation(`spec.egress[${i}].to[${j}].ipBlock.cidr`, cidr, `a narrower range, or the ${EGRESS_INTERNET_ANNOTATION} annotation with a reason`));
        }
      });
    });
    return found;
  },
};
