import { ApiObject, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { argoDuration, ResolvedCanary } from './rollout';

export const ROLLOUT_API_VERSION = 'argoproj.io/v1alpha1';

/**
 * Marks the two Services Argo Rollouts steers (`canary`, `stable`), so the ServiceMonitor can
 * leave them out: they select the same pods as the service's own Service, and scraping them
 * too would count every request twice.
 */
export const TRAFFIC_ROLE_LABEL = 'paved.dev/traffic-role';

/**
 * The pod label Argo Rollouts puts on each ReplicaSet's pods; the ServiceMonitor copies it onto
 * the metrics (as `rollouts_pod_template_hash`) so the analysis can tell canary pods from stable ones.
 */
export const POD_TEMPLATE_HASH_LABEL = 'rollouts-pod-template-hash';

/** The AnalysisTemplate argument that carries the canary's pod template hash. */
export const CANARY_HASH_ARG = 'canary-hash';

/** Everything a canary Rollout is built from, already validated. */
export interface CanaryRolloutModel {
  readonly name: string;
  readonly labels: { [key: string]: string };
  /** The service's pods, selected by the canary and stable Services as by the service's own. */
  readonly selector: { [key: string]: string };
  /** The ports of the service's own Service, repeated on the canary and stable Services. */
  readonly ports: kplus.ServicePort[];
  /** The secure Deployment whose pod template the Rollout runs. */
  readonly deployment: kplus.Deployment;
  readonly analysisTemplateName: string;
  readonly canary: ResolvedCanary;
  /**
   * The Ingress ingress-nginx serves the service through, when the canary's share of ingress
   * traffic is set by weight; it must route to the stable Service.
   *
   * @default - no traffic router: the canary's share is its share of the replicas
   */
  readonly nginxStableIngress?: string;
}

/** The objects that replace a Deployment for a canary. */
export interface CanaryRolloutObjects {
  readonly rollout: ApiObject;
  readonly canaryService: kplus.Service;
  readonly stableService: kplus.Service;
  /** What the HorizontalPodAutoscaler scales: the Rollout, with the Deployment's containers. */
  readonly scalable: kplus.IScalable;
}

/**
 * Turns a service's Deployment into an Argo Rollouts `Rollout` with a canary strategy.
 *
 * The Deployment stays the single source of the pod template: every secure default and every
 * escape hatch applied to it (`service.container`, `ApiObject.of(service.deployment)` with its
 * JSON patches and metadata) is read when the Rollout is rendered. The Deployment's own object
 * is taken out of the tree, so it is never emitted, and stays its default child so
 * `ApiObject.of(service.deployment)` keeps working.
 */
export function createCanaryRollout(scope: Construct, model: CanaryRolloutModel): CanaryRolloutObjects {
  const stableService = stableServiceName(model.name);
  const source = ApiObject.of(model.deployment);
  model.deployment.node.tryRemoveChild(source.node.id);
  model.deployment.node.defaultChild = source;

  const canaryService = `${model.name}-canary`;
  const rollout = new DerivedRollout(scope, 'Rollout', source, { name: model.name, labels: model.labels }, {
    canaryService,
    stableService,
    // Same as the Deployment's rolling update: a production rollout never takes a replica away.
    maxSurge: '25%',
    maxUnavailable: 0,
    // Background analysis from the first step: a failed AnalysisRun aborts the rollout and
    // Argo Rollouts returns the whole traffic to the stable version.
    analysis: {
      templates: [{ templateName: model.analysisTemplateName }],
      args: [{ name: CANARY_HASH_ARG, valueFrom: { podTemplateHashValue: 'Latest' } }],
    },
    steps: canarySteps(model.canary),
    // Argo Rollouts clones the stable Ingress as an nginx canary Ingress and sets its weight at
    // each step, so the canary gets exactly its share of the traffic entering the cluster.
    ...(model.nginxStableIngress ? { trafficRouting: { nginx: { stableIngress: model.nginxStableIngress } } } : {}),
  });

  const service = (id: string, name: string, role: string) => {
    const s = new kplus.Service(scope, id, {
      metadata: { name, labels: { ...model.labels, [TRAFFIC_ROLE_LABEL]: role } },
      type: kplus.ServiceType.CLUSTER_IP,
      ports: model.ports,
    });
    // Argo Rollouts adds the pod template hash to these selectors while a rollout runs.
    for (const [key, value] of Object.entries(model.selector)) s.selectLabel(key, value);
    return s;
  };

  const deployment = model.deployment;
  const scalable: kplus.IScalable = {
    get hasAutoscaler() { return deployment.hasAutoscaler; },
    // Leaves `replicas` out of the pod template's source, so the Rollout does not fight the autoscaler.
    markHasAutoscaler: () => deployment.markHasAutoscaler(),
    toScalingTarget: () => ({ ...deployment.toScalingTarget(), apiVersion: ROLLOUT_API_VERSION, kind: 'Rollout', name: rollout.name }),
  };

  return {
    rollout,
    canaryService: service('CanaryService', canaryService, 'canary'),
    stableService: service('StableService', stableService, 'stable'),
    scalable,
  };
}

/** The Service Argo Rollouts keeps on the stable pods: `<name>-stable`. */
export function stableServiceName(name: string): string {
  return `${name}-stable`;
}

/** `setWeight` then a pause for each weight before the last; reaching the last (100) completes the rollout. */
export function canarySteps(canary: ResolvedCanary): any[] {
  const pause = { pause: { duration: argoDuration(canary.pause) } };
  return canary.steps.flatMap((weight, i) => i < canary.steps.length - 1 ? [{ setWeight: weight }, pause] : [{ setWeight: weight }]);
}

/**
 * A Rollout rendered from a Deployment: its spec is the Deployment's (as patched) with the
 * strategy replaced, and its labels and annotations are the Deployment's under its own. Each
 * rendering of the Rollout renders the Deployment once, for both.
 */
class DerivedRollout extends ApiObject {
  /** The Deployment's rendering while the Rollout renders. */
  private rendering?: any;

  constructor(scope: Construct, id: string, private readonly source: ApiObject,
    metadata: { name: string; labels: { [key: string]: string } }, canary: any) {
    super(scope, id, {
      apiVersion: ROLLOUT_API_VERSION,
      kind: 'Rollout',
      metadata,
      // Lazy, so patches on the Rollout itself apply to the whole spec.
      spec: Lazy.any({
        produce: () => {
          // Everything else a Deployment spec holds (replicas, selector, template, minReadySeconds,
          // progressDeadlineSeconds, revisionHistoryLimit) means the same in a Rollout.
          const { strategy: _rolling, ...spec } = this.sourceJson().spec ?? {};
          return { ...spec, strategy: { canary } };
        },
      }),
    });
  }

  public toJson(): any {
    this.rendering = this.source.toJson();
    try {
      const json = super.toJson();
      const from = this.rendering.metadata ?? {};
      const metadata: any = { ...json.metadata };
      for (const key of ['labels', 'annotations']) {
        const merged = sortedKeys({ ...from[key], ...json.metadata?.[key] });
        if (Object.keys(merged).length > 0) metadata[key] = merged;
      }
      return { ...json, metadata: sortedKeys(metadata) };
    } finally {
      this.rendering = undefined;
    }
  }

  private sourceJson(): any {
    return this.rendering ?? this.source.toJson();
  }
}

/** cdk8s writes keys sorted; merged maps keep that, so output stays byte-identical across runs. */
function sortedKeys(o: { [key: string]: any }): { [key: string]: any } {
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
}
