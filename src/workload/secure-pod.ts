import { ApiObject, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { Platform } from '../platform/platform';
import { ResourceSpec } from '../platform/resource-preset';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../platform/restricted-security';

// The pod every workload kind runs (a service's Deployment, a worker's, a Job's, a CronJob's),
// built here once so a new kind cannot forget a control: Pod Security "restricted", a fixed
// non-root UID, no service-account token, a read-only root with a bounded writable /tmp, and
// requests and limits.

/** The one container of a workload, already validated. */
export interface SecureContainerModel {
  /** The container's name: the workload's. */
  readonly name: string;
  readonly image: string;
  readonly resources: ResourceSpec;
  /** Plain variables; written sorted, so the output does not depend on declaration order. */
  readonly env: { [name: string]: string };
  readonly command?: string[];
  readonly args?: string[];
  /** The port the container listens on, when it serves one. */
  readonly portNumber?: number;
  readonly readiness?: kplus.Probe;
  readonly liveness?: kplus.Probe;
  readonly startup?: kplus.Probe;
  /** Local disk the pod's scratch volumes need, requested so it is scheduled where the disk is. */
  readonly ephemeralStorageRequest?: Size;
}

/** Scratch space for the read-only root filesystem; bounded so a runaway writer is evicted. */
const TMP_SIZE = Size.mebibytes(256);

/**
 * The pod-level props of every workload: its own ServiceAccount with no token mounted, and a
 * fixed non-root user and group that also own its volumes.
 */
export function restrictedPodProps(platform: Platform, serviceAccount: kplus.IServiceAccount) {
  const uid = platform.runAsUser;
  return {
    serviceAccount,
    automountServiceAccountToken: false,
    securityContext: { ensureNonRoot: true, user: uid, group: uid, fsGroup: uid },
  };
}

/** Adds the workload's container to `pod`, with requests and limits and a writable /tmp. */
export function addSecureContainer(scope: Construct, pod: kplus.AbstractPod, model: SecureContainerModel): kplus.Container {
  const container = pod.addContainer({
    name: model.name,
    image: model.image,
    portNumber: model.portNumber,
    command: model.command,
    args: model.args,
    envVariables: Object.fromEntries(
      Object.keys(model.env).sort().map((k) => [k, kplus.EnvValue.fromValue(model.env[k])]),
    ),
    resources: {
      cpu: { request: model.resources.cpuRequest, limit: model.resources.cpuLimit },
      memory: { request: model.resources.memoryRequest, limit: model.resources.memoryLimit },
      ...(model.ephemeralStorageRequest ? { ephemeralStorage: { request: model.ephemeralStorageRequest } } : {}),
    },
    readiness: model.readiness,
    liveness: model.liveness,
    startup: model.startup,
  });
  container.mount('/tmp', kplus.Volume.fromEmptyDir(scope, 'TmpVolume', 'tmp', { sizeLimit: TMP_SIZE }));
  return container;
}

/** Where a kind keeps its pod template, as a JSON pointer. */
export enum PodTemplatePath {
  /** Deployments, Jobs, StatefulSets. */
  TEMPLATE = '/spec/template',
  /** CronJobs: the template of the Job each run creates. */
  JOB_TEMPLATE = '/spec/jobTemplate/spec/template',
}

/**
 * States the controls cdk8s-plus cannot on the rendered pod template: the container's restricted
 * security context, seccomp at pod level, and no construct address among the pod's labels.
 */
export function hardenPodTemplate(pod: kplus.AbstractPod, at: PodTemplatePath, uid: number, options: { readonly addressLabel: boolean }): void {
  const resource = ApiObject.of(pod);
  if (options.addressLabel) {
    // cdk8s-plus labels pods with their construct address for its own selectors; Paved selects by
    // the recommended labels, and a construct path has no place in a running pod's identity.
    resource.addJsonPatch(JsonPatch.remove(`${at}/metadata/labels/cdk8s.io~1metadata.addr`));
  }
  // The container's controls are the ones every pod Paved builds gets, stated in one place.
  resource.addJsonPatch(JsonPatch.replace(`${at}/spec/containers/0/securityContext`, restrictedContainerSecurityContext(uid)));
  // cdk8s-plus has no pod-level seccomp setting; restricted accepts either level, and setting
  // the pod level as well covers containers an escape hatch adds later.
  resource.addJsonPatch(JsonPatch.add(`${at}/spec/securityContext/seccompProfile`, restrictedPodSecurityContext(uid).seccompProfile));
}
