import { CidrSet } from '../../../network/cidr-set';
import { EGRESS_INTERNET_ANNOTATION } from '../../../platform/annotations';
import { IRule, RuleCategory, Severity, Violation } from '../../rule';
import { violation } from '../workload';
import { networkIndex } from './network-facts';
import { isEmptyPeer, outsideOf, peersOf } from './peers';

/**
 * No NetworkPolicy reaches an address outside the platform's private ranges unless it says why.
 * The policy's egress is the union of its ipBlocks minus their `except` entries, computed
 * exactly: splitting the internet into `/1` halves, or into any set of blocks, reaches the same
 * addresses as `0.0.0.0/0` and is found the same way.
 */
export const INTERNET_EGRESS: IRule = {
  id: 'network.internet-egress',
  title: 'Egress outside the platform\'s network is declared',
  severity: Severity.HIGH,
  category: RuleCategory.SECURITY,
  rationale: 'Egress to addresses outside the platform\'s private ranges (0.0.0.0/0, ::/0, any set of blocks that covers public space, or an egress rule without peers) lets a compromised pod reach hosts on the internet, which is how data leaves and how command-and-control gets in. Sometimes it is needed; then it should be a visible decision.',
  remediation: `Name the destinations (ipBlocks inside PlatformProps.network.privateCidrs, or pod and namespace selectors), or declare the need with the annotation ${EGRESS_INTERNET_ANNOTATION}: "<reason>" on the NetworkPolicy.`,
  kinds: ['NetworkPolicy'],
  check: (policy, context) => {
    const reason = policy.metadata?.annotations?.[EGRESS_INTERNET_ANNOTATION];
    if (typeof reason === 'string' && reason.trim() !== '') return [];
    const index = networkIndex(context);
    const declare = `or the ${EGRESS_INTERNET_ANNOTATION} annotation with a reason`;
    const { open, peers } = peersOf(policy, 'egress');
    const found: Violation[] = open.map((rule) => violation(rule.listPath, rule.peers, `named peers, ${declare}`));
    const reaching: Array<{ path: string; ipBlock: any; outside: CidrSet }> = [];
    for (const { path, peer } of peers) {
      if (isEmptyPeer(peer)) {
        found.push(violation(path, peer, `a peer naming its destination, ${declare}`));
        continue;
      }
      if (peer.ipBlock === undefined || peer.ipBlock === null) continue;
      const outside = outsideOf(peer.ipBlock, index);
      if (outside === undefined) found.push(violation(`${path}.ipBlock.cidr`, peer.ipBlock.cidr, 'a CIDR block (e.g. 10.0.0.0/16; decimal octets without leading zeros)'));
      else if (!outside.isEmpty) reaching.push({ path, ipBlock: peer.ipBlock, outside });
    }
    const union = reaching.reduce((all, r) => all.union(r.outside), CidrSet.EMPTY);
    const together = coverage(union, index.outside, reaching.length);
    for (const { path, ipBlock, outside } of reaching) {
      found.push(violation(`${path}.ipBlock`, ipBlock,
        `addresses inside the platform's private ranges (${index.privateCidrs.join(', ')}), ${declare}; this block reaches ${outside.describeBlocks()}${together}`));
    }
    return found;
  },
};

/** How much of the public address space the policy's blocks reach together, when it is all of a family. */
function coverage(union: CidrSet, outside: CidrSet, blocks: number): string {
  const families = ([4, 6] as const).filter((f) => outside.size(f) > 0n && union.size(f) === outside.size(f));
  if (families.length === 0) return '';
  const whole = families.map((f) => `every public IPv${f} address`).join(' and ');
  return blocks > 1 ? `; the policy's ${blocks} blocks together reach ${whole}` : `: ${whole}`;
}
