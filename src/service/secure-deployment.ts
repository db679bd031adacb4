import { ApiObject, Duration, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { Platform } from '../platform/platform';
import { ResourceSpec } from '../platform/resource-preset';
import { restrictedContainerSecurityContext } from '../platform/restricted-security';
import { ReplicaRange, TierSettings } from '../platform/tier-settings';

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
}

/** Scratch space for the read-only root filesystem; bounded so a runaway writer is evicted. */
const TMP_SIZE = Size.mebibytes(256);

/**
 * A Deployment that meets Pod Security "restricted" and the production-readiness rules by
 * construction: non-root fixed UID, read-only root with a writable /tmp, every capability
 * dropped, no privilege escalation, seccomp RuntimeDefault, requests and limits, three probes,
 * and zero-downtime rolling updates.
 */
export function createSecureDeployment(scope: Construct, model: DeploymentModel): kplus.Deployment {
  const { platform } = model;
  const uid = platform.runAsUser;
  const autoscaled = model.replicas.max > model.replicas.min;
  const deployment = new kplus.Deployment(scope, 'Deployment', {
    metadata: { name: model.name, labels: model.labels },
    podMetadata: { labels: model.podLabels },
    select: false,
    // Under an autoscaler the replica count belongs to the HPA; a GitOps sync must not reset it.
    replicas: autoscaled ? undefined : model.replicas.min,
    serviceAccount: model.serviceAccount,
    automountServiceAccountToken: false,
    securityContext: { ensureNonRoot: true, user: uid, group: uid, fsGroup: uid },
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

  const container = deployment.addContainer({
    name: model.name,
    image: model.image,
    portNumber: model.port,
    command: model.command,
    args: model.args,
    envVariables: Object.fromEntries(
      Object.keys(model.env).sort().map((k) => [k, kplus.EnvValue.fromValue(model.env[k])]),
    ),
    resources: {
      cpu: { request: model.resources.cpuRequest, limit: model.resources.cpuLimit },
      memory: { request: model.resources.memoryRequest, limit: model.resources.memoryLimit },
    },
    readiness: probe(platform.readinessPath, 3),
    liveness: probe(platform.livenessPath, 3),
    startup: probe(platform.livenessPath, startupThreshold),
  });
  container.mount('/tmp', kplus.Volume.fromEmptyDir(scope, 'TmpVolume', 'tmp', { sizeLimit: TMP_SIZE }));

  const resource = ApiObject.of(deployment);
  // cdk8s-plus labels pods with their construct address for its own selectors; Paved selects by
  // the recommended labels, and a construct path has no place in a running pod's identity.
  resource.addJsonPatch(JsonPatch.remove('/spec/template/metadata/labels/cdk8s.io~1metadata.addr'));
  // The container's controls are the ones every pod Paved builds gets, stated in one place.
  resource.addJsonPatch(JsonPatch.replace('/spec/template/spec/containers/0/securityContext', restrictedContainerSecurityContext(uid)));
  // cdk8s-plus has no pod-level seccomp setting; restricted accepts either level, and setting
  // the pod level as well covers containers an escape hatch adds later.
  resource.addJsonPatch(JsonPatch.add('/spec/template/spec/securityContext/seccompProfile', { type: 'RuntimeDefault' }));
  if (model.replicas.max > 1) {
    resource.addJsonPatch(JsonPatch.add('/spec/template/spec/topologySpreadConstraints', spreadConstraints(model)));
  }
  return deployment;
}

function spreadConstraints(model: DeploymentModel): any[] {
  const labelSelector = { matchLabels: model.selector };
  return [
    {
      maxSkew: 1,
      topologyKey: 'topology.kubernetes.io/zone',
      whenUnsatisfiable: 'ScheduleAnyway',
      labelSelector,
    },
    {
      maxSkew: 1,
      topologyKey: 'kubernetes.io/hostname',
      whenUnsatisfiable: model.tier.strictSpread ? 'DoNotSchedule' : 'ScheduleAnyway',
      labelSelector,
    },
  ];
}
