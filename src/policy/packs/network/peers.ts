import { CidrSet, parseCidr } from '../../../network/cidr-set';
import { listOf } from '../workload';
import { NetworkIndex } from './network-facts';

/** The label the API server sets on every Namespace to its name; no one can set it otherwise. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** One peer of one rule of a NetworkPolicy, with where it is. */
export interface PeerAt {
  /** `ingress` or `egress`. */
  readonly direction: string;
  /** Path of the peer list, e.g. `spec.ingress[0].from`. */
  readonly listPath: string;
  /** Path of the peer, e.g. `spec.ingress[0].from[1]`. */
  readonly path: string;
  readonly peer: any;
}

/** One rule of a NetworkPolicy whose peer list is absent or empty: it admits or reaches every address. */
export interface OpenRuleAt {
  readonly direction: string;
  /** Path of the (missing) peer list, e.g. `spec.egress[2].to`. */
  readonly listPath: string;
  readonly peers: unknown;
}

const PEER_LIST = { ingress: 'from', egress: 'to' } as const;

/** The rules of `direction` whose peer list is missing or empty, and the peers of the others. */
export function peersOf(policy: any, direction: 'ingress' | 'egress'): { open: OpenRuleAt[]; peers: PeerAt[] } {
  const open: OpenRuleAt[] = [];
  const peers: PeerAt[] = [];
  const field = PEER_LIST[direction];
  listOf(policy?.spec?.[direction]).forEach((rule, i) => {
    const listPath = `spec.${direction}[${i}].${field}`;
    const list = rule?.[field];
    if (!Array.isArray(list) || list.length === 0) open.push({ direction, listPath, peers: list });
    else list.forEach((peer, j) => peers.push({ direction, listPath, path: `${listPath}[${j}]`, peer }));
  });
  return { open, peers };
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** A peer with no selector and no ipBlock, which admits or reaches everything. */
export function isEmptyPeer(peer: any): boolean {
  return peer === null || typeof peer !== 'object'
    || (!present(peer.podSelector) && !present(peer.namespaceSelector) && !present(peer.ipBlock));
}

/**
 * The namespaces a namespaceSelector names by `kubernetes.io/metadata.name` (in `matchLabels` or
 * `In` expressions, intersected), or undefined when it names none and so selects namespaces by
 * labels anyone who writes a Namespace can set, or every namespace (`{}`, `Exists`, `NotIn`...).
 */
export function namedNamespaces(selector: any): string[] | undefined {
  if (selector === null || typeof selector !== 'object') return undefined;
  let names: Set<string> | undefined;
  const narrow = (values: unknown[]) => {
    const next = new Set(values.filter((v): v is string => typeof v === 'string'));
    names = names ? new Set([...names].filter((n) => next.has(n))) : next;
  };
  const matchLabels = selector.matchLabels;
  if (matchLabels !== null && typeof matchLabels === 'object' && Object.prototype.hasOwnProperty.call(matchLabels, NAMESPACE_NAME_LABEL)) {
    narrow([matchLabels[NAMESPACE_NAME_LABEL]]);
  }
  for (const expression of listOf(selector.matchExpressions)) {
    if (expression?.key === NAMESPACE_NAME_LABEL && expression?.operator === 'In') narrow(listOf(expression.values));
  }
  return names && [...names].sort();
}

/** What an ipBlock peer lets through outside the platform's private ranges, or undefined when its CIDR does not parse. */
export function outsideOf(ipBlock: any, index: NetworkIndex): CidrSet | undefined {
  const block = parseCidr(ipBlock?.cidr);
  if (!block) return undefined;
  // An except entry that does not parse excludes nothing: the cluster would reject the
  // policy, and until then the wider reading is the safe one.
  const except = CidrSet.ofBlocks(listOf(ipBlock?.except).map(parseCidr).filter((b): b is NonNullable<typeof b> => b !== undefined));
  return CidrSet.ofBlocks([block]).minus(except).minus(index.inside);
}
