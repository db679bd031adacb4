import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { PlatformServiceProps } from './platform-service-props';
import { createSecureDeployment } from './secure-deployment';
import { createIngress } from './service-ingress';
import { resolveServiceProps } from './service-props';
import { createAnalysisTemplate } from '../delivery/analysis-template';
import { createCanaryRollout, POD_TEMPLATE_HASH_LABEL, stableServiceName, TRAFFIC_ROLE_LABEL } from '../delivery/canary-rollout';
import { Dependency } from '../dependencies/dependency';
import { Environment } from '../environment/environment';
import { PavedError } from '../errors';
import { WorkloadNetworkPolicy } from '../network/workload-network-policy';
import { observeService } from '../observability/service-observability';
import { Labels } from '../platform/labels';
import { ownerLabels } from '../platform/owner-labels';
import { ResourceSpec } from '../platform/resource-preset';
import { ReplicaRange } from '../platform/tier-settings';
import { describe } from '../validate';
import { wireDependencies } from '../workload/dependency-wiring';
import { addDisruptionBudget } from '../workload/disruption-budget';
import { PodUsage, Workload } from '../workload/workload';
import { WorkloadKind } from '../workload/workload-kind';
import { ServiceOwner } from '../workload/workload-owner';
import { addWorkloadParts } from '../workload/workload-parts';

/** How a PlatformService is recognised across copies of the library. */
const PLATFORM_SERVICE_SYMBOL = Symbol.for('paved.PlatformService');

/**
 * A service on the golden path. One declaration expands into a dedicated ServiceAccount, a
 * Deployment that meets Pod Security "restricted", a Service, a HorizontalPodAutoscaler, a
 * PodDisruptionBudget, a NetworkPolicy that admits only the ingress controller and declared
 * callers, and an Ingress with TLS when exposed; every one of them labelled for ownership.
 *
 * Every generated object is a public property, so any field can be changed through the
 * usual cdk8s escape hatches (`ApiObject.of(service.deployment).addJsonPatch(...)`); policy
 * checks the result, so an override that breaks a control is still reported.
 */
export class PlatformService extends Workload {
  /** Whether `x` is a PlatformService (works across copies of the library). */
  public static isPlatformService(x: any): x is PlatformService {
    return x !== null && typeof x === 'object' && PLATFORM_SERVICE_SYMBOL in x;
  }

  /** Always `WorkloadKind.SERVICE`. */
  public readonly kind = WorkloadKind.SERVICE;
  /** The environment the service runs in. */
  public readonly environment: Environment;
  /** The Kubernetes name shared by the service's objects. */
  public readonly name: string;
  /** The container port. */
  public readonly port: number;
  /** The replica range the service runs within. */
  public readonly replicas: ReplicaRange;
  /** The container's requests and limits, resolved from the preset against the platform. */
  public readonly resources: ResourceSpec;
  /** The labels that select the service's pods. */
  public readonly selectorLabels: { [key: string]: string };
  /** The dependencies the service uses. */
  public readonly dependencies: Dependency[];
  /** Who answers for the service, with the team filled in from the environment when not given. */
  public readonly owner: ServiceOwner;
  /** The catalog system the service belongs to, when declared. */
  public readonly system?: string;
  /** The IAM role the service assumes through IRSA; present when a dependency (a bucket) needs one. */
  public readonly roleName?: string;
  /** The ARN of `roleName`, written on the ServiceAccount as `eks.amazonaws.com/role-arn`. */
  public readonly roleArn?: string;

  /** The service's own identity; its token is not mounted into pods. */
  public readonly serviceAccount: kplus.ServiceAccount;
  /**
   * The workload, and the source of its pod template. With a canary rollout its own object is
   * not emitted: the Rollout (`rolloutObject`) is rendered from it, so changes made here,
   * including `ApiObject.of(deployment).addJsonPatch(...)`, reach the Rollout.
   */
  public readonly deployment: kplus.Deployment;
  /** The service's one container. */
  public readonly container: kplus.Container;
  /** The in-cluster Service (ClusterIP) on `port`. */
  public readonly service: kplus.Service;
  /**
   * The Argo Rollouts `Rollout` that runs the pods in place of the Deployment; present with a
   * canary rollout at or above its `fromTier`. Its spec is the Deployment's with a canary strategy.
   */
  public readonly rolloutObject?: ApiObject;
  /** The analysis (error rate and p99 latency of the canary's pods) that aborts a failing canary; present with `rolloutObject`. */
  public readonly analysisTemplate?: ApiObject;
  /** The Service Argo Rollouts narrows to the canary's pods during a rollout (`<name>-canary`); present with `rolloutObject`. */
  public readonly canaryService?: kplus.Service;
  /** The Service Argo Rollouts narrows to the stable pods during a rollout (`<name>-stable`); present with `rolloutObject`. */
  public readonly stableService?: kplus.Service;
  /** Isolates the pods: ingress from the ingress controller and declared callers, egress to declared callees. */
  public readonly networkPolicy: ApiObject;
  /** Scales between `replicas.min` and `replicas.max` on CPU; absent when they are equal. */
  public readonly autoscaler?: kplus.HorizontalPodAutoscaler;
  /** Keeps all but one replica up through voluntary disruptions; present when `replicas.min` is at least 2 and the tier asks for it. */
  public readonly disruptionBudget?: ApiObject;
  /** The host the service is exposed on; present when `ingress` is set. A preview replaces the declared host with its own. */
  public readonly ingressHost?: string;
  /** The Ingress; present when `ingress` is set. */
  public readonly ingress?: ApiObject;
  /** The ExternalSecret that copies the service's `secrets` from the organisation's store; absent without `secrets`. */
  public readonly storeSecrets?: ApiObject;
  /** The ConfigMap holding the service's `files`; absent without `files`. */
  public readonly filesConfigMap?: kplus.ConfigMap;
  /** Has Prometheus scrape the service; absent when observability is disabled. */
  public readonly serviceMonitor?: ApiObject;
  /** Golden-signal and SLO alerts (a PrometheusRule); absent when observability is disabled. */
  public readonly alerts?: ApiObject;
  /** The Grafana dashboard (a ConfigMap for the Grafana sidecar); absent when observability is disabled. */
  public readonly dashboard?: ApiObject;

  /** @internal */
  public readonly _network: WorkloadNetworkPolicy;

  constructor(scope: Construct, id: string, props: PlatformServiceProps) {
    // Validate every prop before the construct joins the tree, so bad input leaves nothing behind.
    const resolved = resolveServiceProps(scope, id, props);
    const { environment, name, image, replicas, resources, env, ingressPath, ingressHost, dependencies, owner, system, observability } = resolved;
    const { canary } = resolved;
    super(scope, id);
    Object.defineProperty(this, PLATFORM_SERVICE_SYMBOL, { value: true });
    const { platform, settings } = environment;
    this.environment = environment;
    this.name = name;
    this.port = props.port;
    this.replicas = replicas;
    this.resources = resources;
    this.owner = owner;
    this.system = system;
    this.selectorLabels = { [Labels.NAME]: name, [Labels.INSTANCE]: name };
    const labels: { [key: string]: string } = {
      ...this.selectorLabels,
      [Labels.COMPONENT]: 'service',
      [Labels.BACKSTAGE_KUBERNETES_ID]: name,
      ...(image.version ? { [Labels.VERSION]: image.version } : {}),
    };
    // Pod templates do not inherit the chart's labels, so the owner labels are stated here.
    const podLabels = ownerLabels(platform.labels, environment.team, { tier: environment.tier, labels });

    this.serviceAccount = new kplus.ServiceAccount(this, 'ServiceAccount', {
      metadata: { name, labels },
      automountToken: false,
    });

    this.deployment = createSecureDeployment(this, {
      name,
      image: props.image,
      port: props.port,
      replicas,
      resources,
      env,
      command: resolved.command,
      args: resolved.args,
      labels,
      podLabels,
      selector: this.selectorLabels,
      serviceAccount: this.serviceAccount,
      platform,
      tier: settings,
      ephemeralStorageRequest: resolved.scratch?.ephemeralStorageRequest,
    });
    this.container = this.deployment.containers[0];

    const separateMetrics = observability.enabled && observability.metricsPort !== props.port;
    if (separateMetrics) this.container.addPort({ number: observability.metricsPort, name: 'metrics' });
    const ports = [
      { name: 'http', port: props.port, targetPort: props.port, protocol: kplus.Protocol.TCP },
      ...(separateMetrics ? [{ name: 'metrics', port: observability.metricsPort, targetPort: observability.metricsPort, protocol: kplus.Protocol.TCP }] : []),
    ];
    this.service = new kplus.Service(this, 'Service', {
      metadata: { name, labels },
      type: kplus.ServiceType.CLUSTER_IP,
      ports,
    });
    for (const [key, value] of Object.entries(this.selectorLabels)) this.service.selectLabel(key, value);

    let scaled: kplus.IScalable = this.deployment;
    // An exposed canary behind ingress-nginx gets its step's share of ingress traffic by weight.
    const nginxRouted = canary !== undefined && ingressHost !== undefined && platform.nginxCanaryRouting;
    if (canary) {
      const analysisTemplate = createAnalysisTemplate(this, { name, namespace: environment.namespace!, labels, canary },
        platform.observability);
      const rollout = createCanaryRollout(this, {
        name,
        labels,
        selector: this.selectorLabels,
        ports,
        deployment: this.deployment,
        analysisTemplateName: analysisTemplate.name,
        canary,
        nginxStableIngress: nginxRouted ? name : undefined,
      });
      this.rolloutObject = rollout.rollout;
      this.canaryService = rollout.canaryService;
      this.stableService = rollout.stableService;
      this.analysisTemplate = analysisTemplate;
      scaled = rollout.scalable;
    }

    if (replicas.max > replicas.min) {
      this.autoscaler = new kplus.HorizontalPodAutoscaler(this, 'Autoscaler', {
        metadata: { name, labels },
        target: scaled,
        minReplicas: replicas.min,
        maxReplicas: replicas.max,
        metrics: [kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(70))],
      });
    }

    if (replicas.min >= 2 && settings.disruptionBudget) {
      this.disruptionBudget = addDisruptionBudget(this, { name, labels, selector: this.selectorLabels });
    }

    this._network = new WorkloadNetworkPolicy(this, 'NetworkPolicy', {
      name,
      namespace: environment.namespace!,
      labels,
      podSelector: this.selectorLabels,
    });
    this.networkPolicy = this._network.apiObject;

    this.dependencies = dependencies.list;
    const role = wireDependencies(this, {
      name,
      namespace: environment.namespace!,
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

    const monitored = observeService(this, {
      name,
      namespace: environment.namespace!,
      labels,
      tier: environment.tier,
      team: owner.team,
      minReplicas: replicas.min,
      onCall: owner.onCall,
      runbook: owner.runbook,
      servicePort: props.port,
      selector: this.selectorLabels,
      ...(canary ? { workloadKind: 'Rollout' as const, podTargetLabels: [POD_TEMPLATE_HASH_LABEL], skipServicesLabelled: TRAFFIC_ROLE_LABEL } : {}),
      deployment: ApiObject.of(this.deployment),
      network: this._network,
    }, observability, platform.observability);
    this.serviceMonitor = monitored.serviceMonitor;
    this.alerts = monitored.alerts;
    this.dashboard = monitored.dashboard;

    if (ingressHost !== undefined && ingressPath !== undefined) {
      this.ingressHost = ingressHost;
      environment._recordExposure(name, ingressHost);
      const backendService = nginxRouted ? stableServiceName(name) : undefined;
      this.ingress = createIngress(this, { name, labels, platform, host: ingressHost, path: ingressPath, port: props.port, backendService });
      this._network.admit({ namespace: platform.ingressControllerNamespace, podLabels: platform.ingressControllerPodLabels }, props.port);
    }
  }

  /** @internal */
  public _podUsage(): PodUsage {
    const { min, max } = this.replicas;
    return { min, max, description: `${min === max ? min : `${min}–${max}`} replica(s)` };
  }

  /**
   * Lets `caller` reach this service on its port: admits the caller's pods in this service's
   * NetworkPolicy and opens the matching egress in the caller's. Nothing else may reach the
   * service, so every dependency between services is declared in code.
   */
  public allowFrom(caller: Workload): void {
    if (!Workload.isWorkload(caller)) {
      throw new PavedError(this.node.path, `allowFrom(${describe(caller)}) expects a workload: a PlatformService, Worker, ScheduledJob or Migration`);
    }
    if (caller === this) {
      throw new PavedError(this.node.path, 'allowFrom: a service cannot be its own caller; pods of one service reach each other only through declared callers');
    }
    this._network.admit(caller._podPeer(), this.port);
    caller._network.reach(this._podPeer(), this.port);
  }
}
