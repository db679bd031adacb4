/**
 * Where a workload kind keeps its pod template. Rules walk pods through here so that each rule is
 * a few lines about one control, and every finding names the exact field.
 */
const POD_SPEC_PATHS: { [kind: string]: string[] } = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  // Argo Rollouts keeps a Deployment-shaped template.
  Rollout: ['spec', 'template', 'spec'],
};

/** Every kind that runs pods; rules about pods declare these as their `kinds`. */
export const WORKLOAD_KINDS = Object.keys(POD_SPEC_PATHS);

/** A pod spec found in an object, with the JSON path it lives at. */
export interface PodSpecAt {
  readonly spec: any;
  /** e.g. `spec.template.spec` */
  readonly path: string;
  /** The pod template's metadata (labels, annotations), or the Pod's own. */
  readonly metadata: any;
}

/** A container found in a pod spec, with the JSON path it lives at. */
export interface ContainerAt {
  readonly container: any;
  /** e.g. `spec.template.spec.initContainers[1]` */
  readonly path: string;
  /** Whether it is an init or ephemeral container (probes and some rules skip those). */
  readonly kind: 'container' | 'initContainer' | 'ephemeralContainer';
}

/** The pod spec of a workload object, or undefined when the object runs no pods. */
export function podSpecOf(object: any): PodSpecAt | undefined {
  const path = POD_SPEC_PATHS[object?.kind];
  if (!path) return undefined;
  let spec = object;
  for (const key of path) spec = spec?.[key];
  if (spec === undefined || spec === null || typeof spec !== 'object') return undefined;
  const metadataPath = path.slice(0, -1);
  let holder = object;
  for (const key of metadataPath) holder = holder?.[key];
  return { spec, path: path.join('.'), metadata: holder?.metadata ?? {} };
}

const CONTAINER_LISTS: Array<['containers' | 'initContainers' | 'ephemeralContainers', ContainerAt['kind']]> = [
  ['containers', 'container'],
  ['initContainers', 'initContainer'],
  ['ephemeralContainers', 'ephemeralContainer'],
];

/** Every container of a pod spec (regular, init and ephemeral), in order. */
export function containersOf(pod: PodSpecAt): ContainerAt[] {
  const found: ContainerAt[] = [];
  for (const [list, kind] of CONTAINER_LISTS) {
    const containers = pod.spec[list];
    if (!Array.isArray(containers)) continue;
    containers.forEach((container, i) => found.push({ container: container ?? {}, path: `${pod.path}.${list}[${i}]`, kind }));
  }
  return found;
}

/** Renders a value found in an object for a finding's `found`. */
export function shown(value: unknown): string {
  return value === undefined ? 'absent' : JSON.stringify(value);
}
