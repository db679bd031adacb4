import { IRule, RuleCategory, Severity, Violation } from '../../rule';
import { namespaceOf } from '../chart-index';
import { violation } from '../workload';
import { networkIndex } from './network-facts';
import { namedNamespaces, peersOf } from './peers';

/** A NetworkPolicy names pods of another namespace only where a construct declared them. */
export const CROSS_NAMESPACE_PEERS: IRule = {
  id: 'network.cross-namespace-peers',
  title: 'NetworkPolicy peers in other namespaces are declared',
  severity: Severity.HIGH,
  category: RuleCategory.SECURITY,
  rationale: 'A peer naming another namespace opens the boundary between environments or teams. Paved opens it only for the ingress controller, Prometheus, cluster DNS and callers declared with PlatformService.allowFrom, which also opens the other side; a hand-written peer into another namespace is an undeclared path between them.',
  remediation: 'Declare the call with PlatformService.allowFrom (callee.allowFrom(caller)), or suppress this rule on the object with a reason when the peer is a platform component Paved does not know.',
  kinds: ['NetworkPolicy'],
  check: (policy, context) => {
    const index = networkIndex(context);
    const own = namespaceOf(policy);
    const found: Violation[] = [];
    for (const direction of ['ingress', 'egress'] as const) {
      for (const { path, peer } of peersOf(policy, direction).peers) {
        const names = namedNamespaces(peer?.namespaceSelector);
        if (names === undefined) continue;
        const matchLabels = peer.podSelector?.matchLabels;
        const labels = matchLabels !== null && typeof matchLabels === 'object' ? matchLabels : {};
        const undeclared = names.filter((name) => name !== own && !index.isDeclared(direction, name, labels));
        if (undeclared.length > 0) {
          found.push(violation(`${path}.namespaceSelector`, peer.namespaceSelector,
            `peers in ${undeclared.map((n) => `"${n}"`).join(', ')} declared by a Paved construct (allowFrom, the ingress controller, Prometheus or DNS), with their podSelector`));
        }
      }
    }
    return found;
  },
};
