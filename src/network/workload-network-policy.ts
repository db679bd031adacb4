import { ApiObject, Lazy } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { declarePeer } from './declared-peers';
import { PodPeer } from './pod-peer';
import { compareStrings } from '../compare';

/**
 * The NetworkPolicy that isolates one workload's pods (a service's, an in-cluster store's, a
 * seed job's): ingress only from the peers admitted so
 * far, egress only to the peers reached so far, each on a named port. Rules are rendered at
 * synth, so `allowFrom` calls made after construction still land in the one object.
 */
export class WorkloadNetworkPolicy extends Construct {
  public readonly apiObject: ApiObject;
  private readonly ingress = new Map<string, k8s.NetworkPolicyIngressRule>();
  private readonly egress = new Map<string, k8s.NetworkPolicyEgressRule>();

  constructor(scope: Construct, id: string, private readonly props: {
    readonly name: string;
    readonly namespace: string;
    readonly labels: { [key: string]: string };
    readonly podSelector: { [key: string]: string };
  }) {
    super(scope, id);
    const spec = (): k8s.NetworkPolicySpec => ({
      podSelector: { matchLabels: props.podSelector },
      policyTypes: ['Ingress', 'Egress'],
      ingress: sorted(this.ingress),
      egress: sorted(this.egress),
    });
    // Rendered at synth, so `allowFrom` calls made after construction land in the one object.
    this.apiObject = new ApiObject(this, 'Resource', {
      ...k8s.KubeNetworkPolicy.GVK,
      metadata: { name: props.name, labels: props.labels },
      spec: Lazy.any({ produce: () => k8s.KubeNetworkPolicy.manifest({ spec: spec() }).spec }),
    });
  }

  /** Admits TCP traffic on `port` from `peer`. Idempotent. */
  public admit(peer: PodPeer, port: number): void {
    this.ingress.set(key(peer, port), { from: [this.peer(peer, 'ingress')], ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(port) }] });
  }

  /** Lets the pods reach `peer` on TCP `port`. Idempotent. */
  public reach(peer: PodPeer, port: number): void {
    this.egress.set(key(peer, port), { to: [this.peer(peer, 'egress')], ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(port) }] });
  }

  /** Lets the pods reach addresses in `cidr` on TCP `port`, for what runs outside the cluster. Idempotent. */
  public reachCidr(cidr: string, port: number): void {
    this.egress.set(JSON.stringify(['ipBlock', cidr, port]), { to: [{ ipBlock: { cidr } }], ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(port) }] });
  }

  private peer(peer: PodPeer, direction: 'ingress' | 'egress'): k8s.NetworkPolicyPeer {
    // Within one namespace a podSelector alone is the narrowest match; across namespaces the
    // namespace must be named too, or the selector would match pods in the policy's own.
    if (peer.namespace === this.props.namespace) return { podSelector: { matchLabels: peer.podLabels } };
    // Recorded for network.cross-namespace-peers, which accepts peers in other namespaces only
    // when a construct opened them.
    declarePeer(this, direction, peer.namespace, peer.podLabels);
    return {
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': peer.namespace } },
      podSelector: { matchLabels: peer.podLabels },
    };
  }
}

function key(peer: PodPeer, port: number): string {
  return JSON.stringify([peer.namespace, Object.entries(peer.podLabels).sort(), port]);
}

/** Insertion order depends on the order of calls in a team's code; output must not. */
function sorted<T>(rules: Map<string, T>): T[] {
  return [...rules.entries()].sort(([a], [b]) => compareStrings(a, b)).map(([, rule]) => rule);
}
