import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { createScaledObject } from './keda-objects';
import { resolveWorkerProps } from './resolve-worker';
import { createWorkerDeployment } from './worker-deployment';
import { WorkerProps } from './worker-props';
import { Dependency } from '../dependencies/dependency';
import { Environment } from '../environment/environment';
import { WorkloadNetworkPolicy } from '../network/workload-network-policy';
import { createPodMonitor } from '../observability/pod-monitor';
import { createWorkerAlerts } from '../observability/worker-alerts';
import { Labels } from '../platform/labels';
import { ownerLabels } from '../platform/owner-labels';
import { ResourceSpec } from '../platform/resource-preset';
import { ReplicaRange } from '../platform/tier-settings';
import { wireDependencies } from '../workload/dependency-wiring';
import { addDisruptionBudget } from '../workload/disruption-budget';
import { PodUsage, Workload } from '../workload/workload';
import { WorkloadKind } from '../workload/workload-kind';
import { ServiceOwner } from '../workload/workload-owner';
import { addWorkloadParts } from '../workload/workload-parts';

/** How a Worker is recognised across copies of the library. */
const WORKER_SYMBOL = Symbol.for('paved.Worker');

/**
 * A long-running consumer on the golden path: it takes work from a queue (or any source it
 * polls) and serves no traffic, so it has no Service and no Ingress, and its NetworkPolicy admits
 * nothing but Prometheus on its metrics port. One declaration expands into a dedicated
 * ServiceAccount, a Deployment that meets Pod Security "restricted" with health probes, a scaler
 * (a KEDA ScaledObject on its queue's length with a TriggerAuthentication using the worker's own
 * pod identity, or a HorizontalPodAutoscaler on CPU), a PodDisruptionBudget, a NetworkPolicy
 * with egress to its dependencies only, and alerts on restarts, availability and message age.
 *
 * Every generated object is a public property, so any field can be changed through the usual
 * cdk8s escape hatches; policy checks the result.
 */
export class Worker extends Workload {
  /** Whether `x` is a Worker (works across copies of the library). */
  public static isWorker(x: any): x is Worker {
    return x !== null && typeof x === 'object' && WORKER_SYMBOL in x;
  }

  /** Always `WorkloadKind.WORKER`. */
  public readonly kind = WorkloadKind.WORKER;
  /** The environment the worker runs in. */
  public readonly environment: Environment;
  /** The Kubernetes name shared by the worker's objects. */
  public readonly name: string;
  /** The replica range the worker runs within, after the tier's ceiling. */
  public readonly replicas: ReplicaRange;
  /** The container's requests and limits, resolved from the preset against the platform. */
  public readonly resources: ResourceSpec;
  /** The labels that select the worker's pods. */
  public readonly selectorLabels: { [key: string]: string };
  /** The dependencies the worker uses. */
  public readonly dependencies: Dependency[];
  /** Who answers for the worker, with the team filled in from the environment when not given. */
  public readonly owner: ServiceOwner;
  /** The catalog system the worker belongs to, when declared. */
  public readonly system?: string;
  /** The IAM role the worker assumes through IRSA; present when a dependency (a queue, a bucket) needs one. */
  public readonly roleName?: string;
  /** The ARN of `roleName`, written on the ServiceAccount as `eks.amazonaws.com/role-arn`. */
  public readonly roleArn?: string;
  /** The worker's own identity; its token is not mounted into pods. */
  public readonly serviceAccount: kplus.ServiceAccount;
  /** The workload. With a scaler it has no `replicas` field: the scaler owns the count. */
  public readonly deployment: kplus.Deployment;
  /** The worker's one container. */
  public readonly container: kplus.Container;
  /** Isolates the pods: no ingress but Prometheus on the metrics port, egress to declared dependencies and callees. */
  public readonly networkPolicy: ApiObject;
  /** The ExternalSecret that copies the worker's `secrets` from the organisation's store; absent without `secrets`. */
  public readonly storeSecrets?: ApiObject;
  /** The ConfigMap holding the worker's `files`; absent without `files`. */
  public readonly filesConfigMap?: kplus.ConfigMap;
  /** The KEDA ScaledObject on the queue's length; present with `WorkerScaling.queue` when `replicas.min` and `max` differ. */
  public readonly scaledObject?: ApiObject;
  /** The KEDA TriggerAuthentication with the worker's pod identity; present with `scaledObject` when its queue needs one. */
  public readonly triggerAuthentication?: ApiObject;
  /** Scales on CPU; present with `WorkerScaling.cpu` when `replicas.min` and `max` differ. */
  public readonly autoscaler?: kplus.HorizontalPodAutoscaler;
  /** Lets voluntary disruptions take one replica at a time; present when `replicas.max` is at least 2 and the tier asks for it. */
  public readonly disruptionBudget?: ApiObject;
  /** Has Prometheus scrape the pods; present with `observability.metricsPort`. */
  public readonly podMonitor?: ApiObject;
  /** Restart, availability and message-age alerts (a PrometheusRule); absent when observability is disabled. */
  public readonly alerts?: ApiObject;
  /** A worker has no generated dashboard: the golden-signal panels read HTTP metrics it does not have. */
  public readonly dashboard?: ApiObject = undefined;

  /** @internal */
  public readonly _network: WorkloadNetworkPolicy;

  constructor(scope: Construct, id: string, props: WorkerProps) {
    // Validate every prop before the construct joins the tree, so bad input leaves nothing behind.
    const resolved = resolveWorkerProps(scope, id, props);
    const { environment, name, image, replicas, resources, dependencies, owner, system, scaling, observability } = resolved;
    super(scope, id);
    Object.defineProperty(this, WORKER_SYMBOL, { value: true });
    const { platform, settings } = environment;
    const namespace = environment.namespace!;
    const monitoring = platform.observability;
    this.environment = environment;
    this.name = name;
    this.replicas = replicas;
    this.resources = resources;
    this.owner = owner;
    this.system = system;
    this.dependencies = dependencies.list;
    this.selectorLabels = { [Labels.NAME]: name, [Labels.INSTANCE]: name };
    const labels: { [key: string]: string } = {
      ...this.selectorLabels,
      [Labels.COMPONENT]: 'worker',
      [Labels.BACKSTAGE_KUBERNETES_ID]: name,
      ...(image.version ? { [Labels.VERSION]: image.version } : {}),
    };
    // Pod templates do not inherit the chart's labels, so the owner labels are stated here.
    const podLabels = ownerLabels(platform.labels, environment.team, { tier: environment.tier, labels });
    const scaled = replicas.max > replicas.min;
    const metricsPort = observability.enabled ? observability.metricsPort : undefined;

    this.serviceAccount = new kplus.ServiceAccount(this, 'ServiceAccount', {
      metadata: { name, labels },
      automountToken: false,
    });
    this.deployment = createWorkerDeployment(this, {
      name,
      image: props.image,
      replicas,
      scaled,
      resources,
      env: resolved.env,
      command: resolved.command,
      args: resolved.args,
      health: resolved.health,
      metricsPort,
      terminationGraceSeconds: resolved.terminationGraceSeconds,
      labels,
      podLabels,
      selector: this.selectorLabels,
      serviceAccount: this.serviceAccount,
      platform,
      tier: settings,
      ephemeralStorageRequest: resolved.scratch?.ephemeralStorageRequest,
    });
    this.container = this.deployment.containers[0];

    if (scaled && scaling.kind === 'queue') {
      // The worker receives from the queue it scales on: its role may receive and delete.
      scaling.queue._addConsumer(name);
      // The queue's shared TriggerAuthentication: KEDA reads the queue with the queue's scaler role.
      this.triggerAuthentication = scaling.trigger.triggerAuthentication;
      this.scaledObject = createScaledObject(this, {
        name,
        labels,
        minReplicas: replicas.min,
        maxReplicas: replicas.max,
        pollingSeconds: scaling.pollingSeconds,
        cooldownSeconds: scaling.cooldownSeconds,
        trigger: scaling.trigger,
      });
    } else if (scaled && scaling.kind === 'cpu') {
      this.autoscaler = new kplus.HorizontalPodAutoscaler(this, 'Autoscaler', {
        metadata: { name, labels },
        target: this.deployment,
        minReplicas: replicas.min,
        maxReplicas: replicas.max,
        metrics: [kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(scaling.targetUtilization))],
      });
    }

    // By the ceiling, not the floor: a worker that may scale to zero still runs several replicas
    // under load, and a drain should take them one at a time.
    if (replicas.max >= 2 && settings.disruptionBudget) {
      this.disruptionBudget = addDisruptionBudget(this, { name, labels, selector: this.selectorLabels });
    }

    // Egress-only: nothing calls a worker. Its callees and dependencies open egress below.
    this._network = new WorkloadNetworkPolicy(this, 'NetworkPolicy', { name, namespace, labels, podSelector: this.selectorLabels });
    this.networkPolicy = this._network.apiObject;

    const role = wireDependencies(this, {
      name,
      namespace,
      container: this.container,
      serviceAccount: this.serviceAccount,
      network: this._network,
      pods: this._podPeer(),
    }, dependencies);
    this.roleName = role.roleName;
    this.roleArn = role.roleArn;
    const parts = addWorkloadParts(this, { labels, container: this.container, podMetadata: this.deployment.podMetadata }, resolved);
    this.storeSecrets = parts.storeSecrets;
    this.filesConfigMap = parts.files;

    if (!observability.enabled) {
      // Off the golden path, visibly: whoever reads the workload sees it is not monitored.
      ApiObject.of(this.deployment).metadata.addAnnotation('paved.dev/observability', 'off');
      return;
    }
    if (metricsPort !== undefined) {
      // Prometheus scrapes the metrics port and nothing else.
      this._network.admit({ namespace: monitoring.prometheusNamespace, podLabels: monitoring.prometheusPodLabels }, metricsPort);
      const monitored = { name, namespace, labels, selector: this.selectorLabels, metricsPath: observability.metricsPath };
      this.podMonitor = createPodMonitor(this, monitored, monitoring);
    }
    const queue = scaling.kind === 'queue' ? scaling.queue : undefined;
    this.alerts = createWorkerAlerts(this, {
      name,
      namespace,
      tier: environment.tier,
      team: owner.team,
      onCall: owner.onCall,
      runbook: owner.runbook,
      labels,
      minReplicas: replicas.min,
      restartsPerHour: observability.restartsPerHour,
      oldestMessageAge: queue?._oldestMessageAgeExpression(),
      deadLetterDepth: queue?._deadLetterDepthExpression(),
      maxMessageAgeSeconds: observability.maxMessageAgeSeconds,
      queueName: queue?.name,
    }, monitoring);
  }

  /** @internal */
  public _podUsage(): PodUsage {
    const { min, max } = this.replicas;
    return { min, max, description: `${min === max ? min : `${min}–${max}`} replica(s)` };
  }
}
