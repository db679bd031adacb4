import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { Environment, environmentFor } from '../environment/environment';
import { PavedError } from '../errors';
import { QUEUE_SUFFIXES_LENGTH, requireBucketName, requireDatabaseIdentifier, requireQueueName } from './aws-name-rules';
import { CloudNames } from './cloud-names';
import { InClusterStore } from './in-cluster-store';
import { requireKnownProps } from '../known-props';
import { PodPeer } from '../network/pod-peer';
import { ResolvedAwsSettings } from '../platform/dependency-settings';
import { Labels } from '../platform/labels';
import { Platform } from '../platform/platform';
import { Tier } from '../platform/tier';
import { requireServiceName } from '../validate';

const DEPENDENCY_SYMBOL = Symbol.for('paved.Dependency');

/** What a dependency is. */
export enum DependencyKind {
  /** A PostgreSQL database: RDS in the cloud, a StatefulSet in-cluster. */
  POSTGRES = 'postgres',
  /** A Redis cache: an ElastiCache replication group in the cloud, a StatefulSet in-cluster. */
  REDIS = 'redis',
  /** An S3 bucket, reached with the service's own IAM role. */
  BUCKET = 'bucket',
  /** An SQS queue with its dead-letter queue, reached with the service's own IAM role. */
  QUEUE = 'queue',
}

/** Where a dependency runs; the environment's tier decides. */
export enum Realisation {
  /** AWS resources created by `paved/pulumi`: staging and production (and every bucket and queue). */
  CLOUD = 'cloud',
  /** A disposable StatefulSet in the environment's namespace: preview and development. */
  IN_CLUSTER = 'in-cluster',
}

/** Props every dependency accepts. */
export interface DependencyProps {
  /**
   * The dependency's name, a DNS-1035 label unique in the environment among services and
   * dependencies. Its Kubernetes Secret (and in-cluster Service) carry it, and its cloud names
   * derive from it.
   *
   * @default - the construct id
   */
  readonly name?: string;
}

/** One environment variable a service gets from a dependency, before any per-dependency prefix. */
export interface DependencyVariable {
  readonly name: string;
  /** The key of the dependency's Secret the value comes from. */
  readonly secretKey?: string;
  /** A literal value, for what is not a secret and not in the Secret (e.g. `REDIS_TLS`). */
  readonly value?: string;
}

/** Where a service's egress must open to reach a dependency, on its port. */
export type DependencyEgress =
  | { readonly pods: PodPeer }
  | { readonly cidrs: string[] }
  | { readonly internet: string };

/** What a service needs to use a dependency. */
export interface DependencyConnection {
  readonly variables: DependencyVariable[];
  readonly egress: DependencyEgress;
  /** Whether the service needs an IAM role (IRSA) to reach the dependency. */
  readonly needsRole: boolean;
  /** Admits a service's pods to the in-cluster workload; absent in the cloud. */
  readonly admit?: (peer: PodPeer) => void;
}

/** What each kind fixes: its port, how long AWS lets its name be, and whether it has an in-cluster variant. */
const TRAITS: { [kind: string]: { port: number; maxResourceName: number; component: string; cloudService: string; inClusterNames?: string[] } } = {
  [DependencyKind.POSTGRES]: { port: 5432, maxResourceName: 63, component: 'database', cloudService: 'RDS', inClusterNames: ['headless', 'seed'] },
  [DependencyKind.REDIS]: { port: 6379, maxResourceName: 40, component: 'cache', cloudService: 'ElastiCache', inClusterNames: ['headless'] },
  [DependencyKind.BUCKET]: { port: 443, maxResourceName: 63, component: 'bucket', cloudService: 'S3' },
  // SQS allows 80 characters; the dead-letter queue adds "-dlq" and a FIFO queue ".fifo".
  [DependencyKind.QUEUE]: { port: 443, maxResourceName: 80 - QUEUE_SUFFIXES_LENGTH, component: 'queue', cloudService: 'SQS' },
};

/**
 * Finds the environment a dependency is declared in and checks its name, before anything joins
 * the construct tree.
 */
export function locateDependency(
  scope: Construct, id: string, construct: string, props: DependencyProps,
): { path: string; environment: Environment; name: string } {
  const path = scope.node.path ? `${scope.node.path}/${id}` : id;
  const environment = environmentFor(scope, id, construct);
  // Paved's own dependencies have a props struct in the assembly; a team's own subclass has none to check against.
  requireKnownProps(path, `${construct}Props`, props);
  const name = props.name ?? id;
  requireServiceName(path, 'name', name);
  return { path, environment, name };
}

/**
 * A backing service a `PlatformService` depends on, declared once and realised to fit the tier:
 * in AWS (by `paved/pulumi`, from the same declaration) in staging and production, in the
 * namespace in preview and development. Either way a service reaches it through the same Secret
 * keys and environment variables, and through an egress rule for its port only.
 */
export abstract class Dependency extends Construct {
  /** Whether `x` is a Dependency (works across copies of the library). */
  public static isDependency(x: any): x is Dependency {
    return x !== null && typeof x === 'object' && DEPENDENCY_SYMBOL in x;
  }

  /** The environment the dependency belongs to; only its services may use it. */
  public readonly environment: Environment;
  /** The dependency's name, a DNS-1035 label claimed in the environment. */
  public readonly name: string;
  /** What the dependency is. */
  public readonly kind: DependencyKind;
  /** Where it runs: in AWS, or in the namespace. */
  public readonly realisation: Realisation;
  /** The TCP port a service connects to: 5432, 6379 or 443 (buckets and queues). */
  public readonly port: number;
  /**
   * The AWS Secrets Manager secret the cloud side writes the connection details to, and the
   * ExternalSecret reads: `CloudNames.secretName(platform, namespace, name)`.
   */
  public readonly cloudSecretName: string;
  /**
   * The name of the AWS resource (RDS instance, ElastiCache replication group, S3 bucket, SQS
   * queue before its suffixes): `CloudNames.resourceName(platform, namespace, name, 63, 40 or 71)`.
   */
  public readonly cloudResourceName: string;
  /**
   * How many copies a database or cache realised in the cloud keeps, each in an availability
   * zone of its own: two from production up (an RDS Multi-AZ standby, a second ElastiCache node),
   * one below. `CostEstimate` prices them and `paved/pulumi` creates them, from this one value.
   */
  public readonly cloudCopies: number;
  /** The Kubernetes Secret holding the connection details; services read their variables from it. */
  public readonly secretName: string;
  /** The ExternalSecret that writes `secretName`: from Secrets Manager in the cloud, from a generator in-cluster. */
  public abstract readonly externalSecret: ApiObject;

  /**
   * Labels of every object the dependency emits.
   *
   * @internal
   */
  protected readonly _labels: { [key: string]: string };

  protected constructor(scope: Construct, id: string, kind: DependencyKind, props: DependencyProps) {
    // The subclass has looked its environment up already; a class of the user's own reaches here first.
    const { path, environment, name } = locateDependency(scope, id, new.target.name, props);
    const traits = TRAITS[kind];
    const { platform, tier } = environment;
    const namespace = environment.namespace!;
    const realisation = traits.inClusterNames && !tier.isAtLeast(Tier.STAGING) ? Realisation.IN_CLUSTER : Realisation.CLOUD;
    const cloudResourceName = CloudNames.resourceName(platform.name, namespace, name, traits.maxResourceName);
    if (realisation === Realisation.CLOUD) {
      cloudAccount(path, platform, kind, tier);
      if (kind === DependencyKind.BUCKET) {
        requireBucketName(path, 'bucketName', cloudResourceName);
      } else if (kind === DependencyKind.QUEUE) {
        requireQueueName(path, 'queueName', cloudResourceName, traits.maxResourceName);
      } else {
        requireDatabaseIdentifier(path, 'cloudResourceName', traits.cloudService, cloudResourceName, traits.maxResourceName);
      }
    }
    // Last: claiming names is the one check with an effect. In-cluster objects carry suffixed
    // names too, so those are claimed as well.
    environment._claimName(name, path);
    if (realisation === Realisation.IN_CLUSTER) {
      for (const suffix of traits.inClusterNames ?? []) environment._claimName(`${name}-${suffix}`, path);
    }
    super(scope, id);
    Object.defineProperty(this, DEPENDENCY_SYMBOL, { value: true });

    this.environment = environment;
    this.name = name;
    this.kind = kind;
    this.realisation = realisation;
    this.port = traits.port;
    this.cloudSecretName = CloudNames.secretName(platform.name, namespace, name);
    this.cloudResourceName = cloudResourceName;
    this.cloudCopies = tier.isAtLeast(Tier.PRODUCTION) ? 2 : 1;
    this.secretName = name;
    this._labels = {
      [Labels.NAME]: name,
      [Labels.INSTANCE]: name,
      [Labels.COMPONENT]: traits.component,
      [Labels.BACKSTAGE_KUBERNETES_ID]: name,
    };
  }

  /**
   * The AWS account a dependency realised in the cloud lives in; the constructor has checked
   * that the platform names one.
   *
   * @internal
   */
  protected get _aws(): ResolvedAwsSettings {
    return cloudAccount(this.node.path, this.environment.platform, this.kind, this.environment.tier);
  }

  /**
   * What a service needs to use this dependency: its variables, its egress and its role.
   *
   * @internal
   */
  public abstract _connection(): DependencyConnection;

  /**
   * The connection of a dependency realised by `store` in the cluster, or in the cloud when there
   * is no store: egress to the store's pods or to the platform's private networks.
   *
   * @internal
   */
  protected _storeConnection(store: InClusterStore | undefined, variables: DependencyVariable[]): DependencyConnection {
    return {
      variables,
      egress: store
        ? { pods: { namespace: this.environment.namespace!, podLabels: store.selectorLabels } }
        : { cidrs: this._aws.privateNetworkCidrs },
      needsRole: false,
      admit: store && ((peer) => store.admit(peer)),
    };
  }
}

/** The platform's AWS account, which a dependency realised in the cloud cannot do without. */
function cloudAccount(path: string, platform: Platform, kind: DependencyKind, tier: Tier): ResolvedAwsSettings {
  if (!platform.aws) {
    throw new PavedError(path, `platform ${platform.name} has no aws settings: a ${kind} dependency in the ${tier.name} tier is realised in AWS; set PlatformProps.aws ({ accountId, region, privateNetworkCidrs })`);
  }
  return platform.aws;
}
