import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { WorkloadKind } from './workload-kind';
import { ServiceOwner } from './workload-owner';
import { Dependency } from '../dependencies/dependency';
import { Environment } from '../environment/environment';
import { PodPeer } from '../network/pod-peer';
import { WorkloadNetworkPolicy } from '../network/workload-network-policy';
import { ResourceSpec } from '../platform/resource-preset';

/** Pods a workload keeps running on average over a month, and how that was reached. */
export interface PodUsage {
  readonly min: number;
  readonly max: number;
  /** For people, e.g. `2–10 replica(s)` or `30 runs of 10 minutes`. */
  readonly description: string;
}

/** How a Workload is recognised across copies of the library. */
const WORKLOAD_SYMBOL = Symbol.for('paved.Workload');

/**
 * What every workload on the golden path is, whatever its kind: one container in a restricted
 * pod, under an identity of its own, isolated by its own NetworkPolicy, wired to the
 * dependencies it declares, owned by a team. The catalog, the cost estimate and `paved/pulumi`
 * read workloads through this class, so a new kind is reported, priced and given its cloud
 * role without them learning it.
 */
export abstract class Workload extends Construct {
  /** Whether `x` is a Workload of any kind (works across copies of the library). */
  public static isWorkload(x: any): x is Workload {
    return x !== null && typeof x === 'object' && WORKLOAD_SYMBOL in x;
  }

  /** What the workload is. */
  public abstract readonly kind: WorkloadKind;
  /** The environment the workload runs in. */
  public abstract readonly environment: Environment;
  /** The Kubernetes name shared by the workload's objects, claimed in its environment. */
  public abstract readonly name: string;
  /** The container's requests and limits, resolved from the preset against the platform. */
  public abstract readonly resources: ResourceSpec;
  /** The labels that select the workload's pods. */
  public abstract readonly selectorLabels: { [key: string]: string };
  /** The dependencies the workload uses. */
  public abstract readonly dependencies: Dependency[];
  /** Who answers for the workload, with the team filled in from the environment when not given. */
  public abstract readonly owner: ServiceOwner;
  /** The catalog system the workload belongs to, when declared. */
  public abstract readonly system?: string;
  /** The workload's own identity; its token is not mounted into pods. */
  public abstract readonly serviceAccount: kplus.ServiceAccount;
  /** The workload's one container. */
  public abstract readonly container: kplus.Container;
  /** Isolates the pods: only declared peers in, only declared dependencies and callees out. */
  public abstract readonly networkPolicy: ApiObject;
  /** The IAM role the workload assumes through IRSA; present when a dependency (a bucket, a queue) needs one. */
  public abstract readonly roleName?: string;
  /** The ARN of `roleName`, written on the ServiceAccount as `eks.amazonaws.com/role-arn`. */
  public abstract readonly roleArn?: string;

  /** The ExternalSecret that copies the workload's `secrets` from the organisation's store; absent without `secrets`. */
  public abstract readonly storeSecrets?: ApiObject;
  /** The ConfigMap holding the workload's `files`; absent without `files`. */
  public abstract readonly filesConfigMap?: kplus.ConfigMap;
  /** The Grafana dashboard (a ConfigMap for the Grafana sidecar); absent when the kind or its observability has none. */
  public abstract readonly dashboard?: ApiObject;

  /**
   * The workload's NetworkPolicy, for the peers other workloads declare.
   *
   * @internal
   */
  public abstract readonly _network: WorkloadNetworkPolicy;

  protected constructor(scope: Construct, id: string) {
    super(scope, id);
    Object.defineProperty(this, WORKLOAD_SYMBOL, { value: true });
  }

  /**
   * How many pods the workload keeps running on average over a month, at least and at most: what
   * the cost estimate prices its requests by.
   *
   * @internal
   */
  public abstract _podUsage(): PodUsage;

  /**
   * The workload's pods as a network peer.
   *
   * @internal
   */
  public _podPeer(): PodPeer {
    return { namespace: this.environment.namespace!, podLabels: this.selectorLabels };
  }
}
