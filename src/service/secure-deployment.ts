import { ApiObject, Duration, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { Platform } from '../platform/platform';
import { ResourceSpec } from '../platform/resource-preset';
import { ReplicaRange, TierSettings } from '../platform/tier-settings';
import { addSecureContainer, hardenPodTemplate, PodTemplatePath, restrictedPodProps } from '../workload/secure-pod';
import { topologySpread } from '../workload/topology-spread';

/** Everything the Deployment is built from, already validated. */
export interface DeploymentModel {
  readonly name: string;
  readonly image: string;
  readonly port: number;
  readonly replicas: ReplicaRange;
  readonly resources: ResourceSpec;
  readonly env: { [name: string]: string };
  readonly command?: string[];
  readonly args?: string[];
  readonly labels: { [key: string]: string };
  readonly podLabels: { [key: string]: string };
  readonly selector: { [key: string]: string };
  readonly serviceAccount: kplus.ServiceAccount;
  readonly platform: Platform;
  readonly tier: TierSettings;
  readonly ephemeralStorageRequest?: Size;
}

/**
 * A service's Deployment: the workload layer's restricted pod, with the production-readiness a
 * server needs on top: three HTTP probes, zero-downtime rolling updates and spreading over zones
 * and nodes.
 */
export function createSecureDeployment(scope: Construct, model: DeploymentModel): kplus.Deployment {
  const { platform } = model;
  const autoscaled = model.replicas.max > model.replicas.min;
  const deployment = new kplus.Deployment(scope, 'Deployment', {
    metadata: { name: model.name, labels: model.labels },
    podMetadata: { labels: model.podLabels },
    select: false,
    // Under an autoscaler the replica count belongs to the HPA; a GitOps sync must not reset it.
    replicas: autoscaled ? undefined : model.replicas.min,
    ...restrictedPodProps(platform, model.serviceAccount),
    strategy: kplus.DeploymentStrategy.rollingUpdate({
      maxSurge: kplus.PercentOrAbsolute.percent(25),
      maxUnavailable: kplus.PercentOrAbsolute.absolute(0),
    }),
  });
  deployment.select(kplus.LabelSelector.of({ labels: model.selector }));

  const probe = (path: string, failureThreshold: number) => kplus.Probe.fromHttpGet(path, {
    port: model.port,
    periodSeconds: platform.probePeriod,
    timeoutSeconds: Duration.seconds(2),
    failureThreshold,
  });
  const startupThreshold = Math.max(1, Math.ceil(platform.startupGrace.toSeconds() / platform.probePeriod.toSeconds()));

  addSecureContainer(scope, deployment, {
    name: model.name,
    image: model.image,
    portNumber: model.port,
    command: model.command,
    args: model.args,
    env: model.env,
    resources: model.resources,
    readiness: probe(platform.readinessPath, 3),
    liveness: probe(platform.livenessPath, 3),
    startup: probe(platform.livenessPath, startupThreshold),
    ephemeralStorageRequest: model.ephemeralStorageRequest,
  });
  hardenPodTemplate(deployment, PodTemplatePath.TEMPLATE, platform.runAsUser, { addressLabel: true });
  if (model.replicas.max > 1) {
    ApiObject.of(deployment).addJsonPatch(JsonPatch.add('/spec/template/spec/topologySpreadConstraints', topologySpread(model.selector, model.tier.strictSpread)));
  }
  return deployment;
}
