import { CidrSet } from '../../../network/cidr-set';
import { DEFAULT_PRIVATE_CIDRS } from '../../../network/network-settings';
import { NetworkFacts, RuleContext } from '../../rule';

/** A chart's network facts in the form the network rules query them. */
export interface NetworkIndex {
  readonly environmentNamespace?: string;
  /** The platform's private ranges, as written, for findings. */
  readonly privateCidrs: string[];
  /** Every address inside the platform's private ranges. */
  readonly inside: CidrSet;
  /** Every address outside them. */
  readonly outside: CidrSet;
  /** Whether pods labelled (at least) as a declared peer's, in `namespace`, were declared for `direction`. */
  isDeclared(direction: string, namespace: string, matchLabels: { [key: string]: string }): boolean;
}

/** Every chart's facts are indexed once, however many objects look them up. */
const INDEXES = new WeakMap<NetworkFacts, NetworkIndex>();
const DEFAULT_FACTS: NetworkFacts = { privateCidrs: [...DEFAULT_PRIVATE_CIDRS], declaredPeers: [] };

/** The network facts of the rule context, indexed on first use. */
export function networkIndex(context: RuleContext): NetworkIndex {
  const facts = context.network ?? DEFAULT_FACTS;
  let index = INDEXES.get(facts);
  if (!index) {
    index = buildIndex(facts);
    INDEXES.set(facts, index);
  }
  return index;
}

function buildIndex(facts: NetworkFacts): NetworkIndex {
  const declared = new Map<string, Array<{ [key: string]: string }>>();
  for (const peer of facts.declaredPeers) {
    const key = `${peer.direction}\n${peer.namespace}`;
    declared.set(key, [...declared.get(key) ?? [], peer.podLabels]);
  }
  const inside = CidrSet.of(facts.privateCidrs);
  return {
    environmentNamespace: facts.environmentNamespace,
    privateCidrs: facts.privateCidrs,
    inside,
    outside: CidrSet.EVERYTHING.minus(inside),
    // A selector that requires every label of a declared peer selects a subset of its pods.
    isDeclared: (direction, namespace, matchLabels) => (declared.get(`${direction}\n${namespace}`) ?? [])
      .some((labels) => Object.entries(labels).every(([k, v]) => matchLabels[k] === v)),
  };
}
