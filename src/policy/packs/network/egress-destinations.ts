import { openPeers } from './open-peers';
import { EGRESS_INTERNET_ANNOTATION } from '../../../platform/annotations';
import { IRule, RuleCategory, Severity } from '../../rule';

/** No NetworkPolicy reaches every pod of the cluster: every egress peer names its destination. */
export const EGRESS_DESTINATIONS: IRule = {
  id: 'network.egress-destinations',
  title: 'NetworkPolicy egress reaches named destinations only',
  severity: Severity.HIGH,
  category: RuleCategory.SECURITY,
  rationale: 'An egress rule without peers, an empty peer, or a namespaceSelector that names no namespace lets the selected pods connect to every pod of the cluster (and, for the first two, every address): lateral movement is one connection away. Unlike internet egress this is never a documented need, so no annotation excuses it.',
  remediation: `Reach services through PlatformService.allowFrom (Paved names their namespace and pods), name namespaces by their kubernetes.io/metadata.name label, and write internet egress as an ipBlock declared with ${EGRESS_INTERNET_ANNOTATION}.`,
  kinds: ['NetworkPolicy'],
  check: (policy) => openPeers(policy, 'egress', 'destinations'),
};
