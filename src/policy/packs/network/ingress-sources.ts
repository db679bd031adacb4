import { IRule, RuleCategory, Severity, Violation } from '../../rule';
import { violation } from '../workload';
import { networkIndex } from './network-facts';
import { openPeers } from './open-peers';
import { outsideOf, peersOf } from './peers';

/** No NetworkPolicy admits every source: every ingress peer names pods, namespaces or private ranges. */
export const INGRESS_SOURCES: IRule = {
  id: 'network.ingress-sources',
  title: 'NetworkPolicy ingress admits named sources only',
  severity: Severity.HIGH,
  category: RuleCategory.SECURITY,
  rationale: 'An ingress rule without peers, an empty peer, a namespaceSelector that names no namespace, or an ipBlock reaching beyond the platform\'s network admits every pod of the cluster or the internet: the policy isolates nothing, and a compromised workload anywhere can reach the pods it selects.',
  remediation: 'Admit callers with PlatformService.allowFrom (Paved names their namespace and pods), name namespaces by their kubernetes.io/metadata.name label, and keep ipBlock sources inside the platform\'s private ranges (PlatformProps.network.privateCidrs); traffic from outside enters through the ingress controller.',
  kinds: ['NetworkPolicy'],
  check: (policy, context) => {
    const index = networkIndex(context);
    const found: Violation[] = openPeers(policy, 'ingress', 'sources');
    for (const { path, peer } of peersOf(policy, 'ingress').peers) {
      if (peer?.ipBlock === undefined || peer?.ipBlock === null) continue;
      const outside = outsideOf(peer.ipBlock, index);
      if (outside === undefined) {
        found.push(violation(`${path}.ipBlock.cidr`, peer.ipBlock.cidr, 'a CIDR block (e.g. 10.0.0.0/16; decimal octets without leading zeros)'));
      } else if (!outside.isEmpty) {
        found.push(violation(`${path}.ipBlock`, peer.ipBlock,
          `sources inside the platform's private ranges (${index.privateCidrs.join(', ')}); this block admits ${outside.describeBlocks()}`));
      }
    }
    return found;
  },
};
