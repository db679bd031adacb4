import { ApiObject, Size } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { DependencyVariable } from './dependency';
import { InClusterStore, containerResources, podLabels } from './in-cluster-store';
import { Environment } from '../environment/environment';
import { WorkloadNetworkPolicy } from '../network/workload-network-policy';
import { DatabaseSeed } from '../platform/dependency-settings';
import { Labels } from '../platform/labels';
import { ResourceSpec, formatMemory } from '../platform/resource-preset';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../platform/restricted-security';

/** Everything a seed Job is built from, already validated. */
export interface PostgresSeedProps {
  readonly environment: Environment;
  /** The Job's name (`<dependency>-seed`), claimed in the environment. */
  readonly name: string;
  readonly labels: { [key: string]: string };
  readonly seed: DatabaseSeed;
  /** The database's Secret, read exactly as services read it. */
  readonly secretName: string;
  readonly variables: DependencyVariable[];
  /** The database; it admits the seed's pods. */
  readonly store: InClusterStore;
  readonly port: number;
  /** An image with `pg_isready`: the database's own. */
  readonly waitImage: string;
  readonly resources: ResourceSpec;
}

/** A seed that has not finished in this long has failed; the Job stops retrying. */
const DEADLINE_SECONDS = 1800;

/**
 * Loads a platform-defined data set into a fresh in-cluster database, once.
 *
 * A Job rather than an init container of the StatefulSet: an init container runs before the
 * server starts, so there is nothing yet to load into, and it would run again on every restart
 * of the pod. The Job waits until the server accepts connections, then runs the seed with the
 * same generated credentials and `PG*` variables services get, under the same restricted
 * controls. It runs once per Job object: the Job is kept after it completes (no TTL) so a
 * GitOps sync does not recreate it, and a seed is expected to leave a non-empty database alone.
 */
export class PostgresSeed extends Construct {
  /** The seed's identity; its token is not mounted. */
  public readonly serviceAccount: ApiObject;
  /** The Job that runs the seed. */
  public readonly job: ApiObject;
  /** Lets the seed's pods reach the database and nothing else. */
  public readonly networkPolicy: WorkloadNetworkPolicy;

  constructor(scope: Construct, id: string, props: PostgresSeedProps) {
    super(scope, id);
    const { environment, name, labels, seed } = props;
    const namespace = environment.namespace!;
    const uid = environment.platform.runAsUser;
    const selector = { [Labels.NAME]: name, [Labels.INSTANCE]: name };
    const env: k8s.EnvVar[] = props.variables.map((v) => v.secretKey !== undefined
      ? { name: v.name, valueFrom: { secretKeyRef: { name: props.secretName, key: v.secretKey } } }
      : { name: v.name, value: v.value });
    const securityContext = restrictedContainerSecurityContext(uid);

    this.serviceAccount = new ApiObject(this, 'ServiceAccount', k8s.KubeServiceAccount.manifest({
      metadata: { name, labels },
      automountServiceAccountToken: false,
    }));

    this.job = new ApiObject(this, 'Job', k8s.KubeJob.manifest({
      metadata: { name, labels },
      spec: {
        backoffLimit: 6,
        activeDeadlineSeconds: DEADLINE_SECONDS,
        template: {
          metadata: { labels: podLabels(environment, labels) },
          spec: {
            restartPolicy: 'Never',
            serviceAccountName: name,
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            securityContext: restrictedPodSecurityContext(uid),
            initContainers: [{
              name: 'wait-for-database',
              image: props.waitImage,
              imagePullPolicy: 'Always',
              command: ['sh', '-c', 'until pg_isready -h "$PGHOST" -p "$PGPORT"; do sleep 2; done'],
              env: env.filter((e) => e.name === 'PGHOST' || e.name === 'PGPORT'),
              securityContext,
              resources: containerResources(props.resources),
            }],
            containers: [{
              name: 'seed',
              image: seed.image,
              imagePullPolicy: 'Always',
              command: seed.command,
              args: seed.args,
              env,
              securityContext,
              resources: containerResources(props.resources),
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            }],
            volumes: [{ name: 'tmp', emptyDir: { sizeLimit: k8s.Quantity.fromString(formatMemory(Size.mebibytes(256))) } }],
          },
        },
      },
    }));

    this.networkPolicy = new WorkloadNetworkPolicy(this, 'NetworkPolicy', { name, namespace, labels, podSelector: selector });
    this.networkPolicy.reach({ namespace, podLabels: props.store.selectorLabels }, props.port);
    props.store.admit({ namespace, podLabels: selector });
  }
}
