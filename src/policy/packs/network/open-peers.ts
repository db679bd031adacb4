import { Violation } from '../../rule';
import { violation } from '../workload';
import { isEmptyPeer, namedNamespaces, peersOf } from './peers';

/**
 * What in `direction` opens a NetworkPolicy to every pod of the cluster: a rule without peers,
 * an empty peer, or a namespaceSelector that does not name its namespaces. Shared by the
 * ingress and egress rules, which differ only in the words of their findings.
 */
export function openPeers(policy: any, direction: 'ingress' | 'egress', what: string): Violation[] {
  const found: Violation[] = [];
  const { open, peers } = peersOf(policy, direction);
  for (const rule of open) {
    found.push(violation(rule.listPath, rule.peers, `${what} named by peers; a rule without peers allows every address`));
  }
  for (const { path, peer } of peers) {
    if (isEmptyPeer(peer)) {
      found.push(violation(path, peer, 'a podSelector, a namespaceSelector or an ipBlock; an empty peer allows every address'));
    } else if (peer.namespaceSelector !== undefined && peer.namespaceSelector !== null && namedNamespaces(peer.namespaceSelector) === undefined) {
      found.push(violation(`${path}.namespaceSelector`, peer.namespaceSelector,
        'namespaces named by matchLabels "kubernetes.io/metadata.name" (or an In expression on it); any other namespaceSelector selects every namespace, or namespaces by labels anyone who writes a Namespace can set'));
    }
  }
  return found;
}
