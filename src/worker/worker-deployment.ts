import { ApiObject, Duration, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ResolvedHealth } from './resolve-worker';
import { Platform } from '../platform/platform';
import { ResourceSpec } from '../platform/resource-preset';
import { ReplicaRange, TierSettings } from '../platform/tier-settings';
import { addSecureContainer, hardenPodTemplate, PodTemplatePath, restrictedPodProps } from '../workload/secure-pod';
import { topologySpread } from '../workload/topology-spread';

/** Everything a worker's Deployment is built from, already validated. */
export interface WorkerDeploymentModel {
  readonly name: string;
  readonly image: string;
  readonly replicas: ReplicaRange;
  /** Whether a scaler (KEDA or an HPA) owns the replica count. */
  readonly scaled: boolean;
  readonly resources: ResourceSpec;
  readonly env: { [name: string]: string };
  readonly command?: string[];
  readonly args?: string[];
  /** Local disk the worker's scratch volumes need. */
  readonly ephemeralStorageRequest?: Size;
  readonly health: ResolvedHealth;
  readonly metricsPort?: number;
  readonly terminationGraceSeconds: number;
  readonly labels: { [key: string]: string };
  readonly podLabels: { [key: string]: string };
  readonly selector: { [key: string]: string };
  readonly serviceAccount: kplus.ServiceAccount;
  readonly platform: Platform;
  readonly tier: TierSettings;
}

/**
 * A worker's Deployment: the workload layer's restricted pod with the probes of its `health`,
 * a grace period for finishing held messages, rolling updates with no replica unavailable, and
 * spreading over zones and nodes when it may run more than one replica.
 */
export function createWorkerDeployment(scope: Construct, model: WorkerDeploymentModel): kplus.Deployment {
  const { platform } = model;
  const deployment = new kplus.Deployment(scope, 'Deployment', {
    metadata: { name: model.name, labels: model.labels },
    podMetadata: { labels: model.podLabels },
    select: false,
    replicas: model.scaled ? undefined : model.replicas.min,
    ...restrictedPodProps(platform, model.serviceAccount),
    terminationGracePeriod: Duration.seconds(model.terminationGraceSeconds),
    strategy: kplus.DeploymentStrategy.rollingUpdate({
      maxSurge: kplus.PercentOrAbsolute.percent(25),
      maxUnavailable: kplus.PercentOrAbsolute.absolute(0),
    }),
  });
  // The replica count belongs to the scaler; without a field here a GitOps sync cannot reset it.
  if (model.scaled) deployment.markHasAutoscaler();
  deployment.select(kplus.LabelSelector.of({ labels: model.selector }));

  const probes = probesOf(model.health, platform);
  const container = addSecureContainer(scope, deployment, {
    name: model.name,
    image: model.image,
    command: model.command,
    args: model.args,
    env: model.env,
    resources: model.resources,
    ephemeralStorageRequest: model.ephemeralStorageRequest,
    ...probes,
  });
  // Ports are named for what reads them: the kubelet the health port, a PodMonitor the metrics port.
  if (model.health.kind === 'http' && model.health.port !== model.metricsPort) container.addPort({ number: model.health.port, name: 'health' });
  if (model.metricsPort !== undefined) container.addPort({ number: model.metricsPort, name: 'metrics' });

  hardenPodTemplate(deployment, PodTemplatePath.TEMPLATE, platform.runAsUser, { addressLabel: true });
  if (model.replicas.max > 1) {
    ApiObject.of(deployment).addJsonPatch(JsonPatch.add('/spec/template/spec/topologySpreadConstraints', topologySpread(model.selector, model.tier.strictSpread)));
  }
  return deployment;
}

function probesOf(health: ResolvedHealth, platform: Platform): { readiness: kplus.Probe; liveness: kplus.Probe; startup: kplus.Probe } {
  const timing = (failureThreshold: number) => ({ periodSeconds: platform.probePeriod, timeoutSeconds: Duration.seconds(2), failureThreshold });
  const startupThreshold = Math.max(1, Math.ceil(platform.startupGrace.toSeconds() / platform.probePeriod.toSeconds()));
  if (health.kind === 'http') {
    const http = (path: string, failureThreshold: number) => kplus.Probe.fromHttpGet(path, { port: health.port, ...timing(failureThreshold) });
    return { readiness: http(health.readinessPath, 3), liveness: http(health.livenessPath, 3), startup: http(health.livenessPath, startupThreshold) };
  }
  const exec = (command: string[], failureThreshold: number) => kplus.Probe.fromCommand(command, timing(failureThreshold));
  return {
    readiness: exec(health.readinessCommand, 3),
    liveness: exec(health.livenessCommand, 3),
    startup: exec(health.livenessCommand, startupThreshold),
  };
}
