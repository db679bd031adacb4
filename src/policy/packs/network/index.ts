import { CROSS_NAMESPACE_PEERS } from './cross-namespace-peers';
import { EGRESS_DESTINATIONS } from './egress-destinations';
import { ENVIRONMENT_NAMESPACE } from './environment-namespace';
import { INGRESS_SOURCES } from './ingress-sources';
import { INTERNET_EGRESS } from './internet-egress';
import { ISOLATED } from './isolation';
import { IRule } from '../../rule';

/** Network isolation, in report order. */
export const NETWORK_RULES: IRule[] = [ISOLATED, INGRESS_SOURCES, EGRESS_DESTINATIONS, INTERNET_EGRESS, CROSS_NAMESPACE_PEERS, ENVIRONMENT_NAMESPACE];
