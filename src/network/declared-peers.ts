import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';

/** Pods of another namespace a NetworkPolicy may name because a construct declared them (e.g. `allowFrom`). */
export interface DeclaredPeer {
  /** `ingress` (the pods may connect in) or `egress` (the pods may be connected to). */
  readonly direction: string;
  /** The namespace the pods run in. */
  readonly namespace: string;
  /** Labels that select the pods. */
  readonly podLabels: { [key: string]: string };
}

/**
 * The pods of other namespaces that Paved's constructs opened each chart's NetworkPolicies to
 * (the ingress controller, Prometheus, cluster DNS, callers declared with `allowFrom`). Kept in
 * the construct tree rather than on the objects, so an escape hatch or a hand-written object
 * cannot declare a peer by copying a label or an annotation.
 */
const DECLARED = new WeakMap<Chart, DeclaredPeer[]>();

/** Records that the NetworkPolicies of `scope`'s chart may name pods labelled `podLabels` in `namespace`. */
export function declarePeer(scope: IConstruct, direction: 'ingress' | 'egress', namespace: string, podLabels: { [key: string]: string }): void {
  const chart = Chart.of(scope);
  const peers = DECLARED.get(chart) ?? [];
  peers.push({ direction, namespace, podLabels: { ...podLabels } });
  DECLARED.set(chart, peers);
}

/** The peers declared in `chart`, in declaration order. */
export function declaredPeersOf(chart: Chart): DeclaredPeer[] {
  return DECLARED.get(chart) ?? [];
}
