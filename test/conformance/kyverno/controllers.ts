// What the cluster's controllers make from a workload: the objects Kyverno's admission sees after
// the one Paved wrote. A Deployment's ReplicaSet and its Pods, a StatefulSet's Pods, a Job's Pods,
// a CronJob's Job and its Pods, an Argo Rollout's ReplicaSet and its Pods. Each carries the
// ownerReference its controller writes (`controller: true`), which is what decides how Kyverno's
// auto-generated rules and a Pod rule's preconditions treat it, exactly as in a cluster.
import { createHash } from 'crypto';

/** An object a controller created, and the object it was made from. */
export interface Derived {
  readonly object: any;
  /** The object Paved wrote that this one descends from. */
  readonly source: any;
}

const HASH = '7c9d5b8f4';
const SUFFIX = 'x2k7q';

function ownerReference(owner: any): any {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: uidOf(owner),
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** A stable uid per object, as the API server would assign one. */
function uidOf(object: any): string {
  const digest = createHash('sha256').update(`${object.kind}/${object.metadata?.namespace}/${object.metadata?.name}`).digest('hex');
  return `${digest.slice(0, 8)}-${digest.slice(8, 12)}-4${digest.slice(13, 16)}-8${digest.slice(17, 20)}-${digest.slice(20, 32)}`;
}

function podFrom(owner: any, template: any, name: string, labels: { [key: string]: string } = {}): any {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...template.metadata ?? {},
      name,
      namespace: owner.metadata.namespace,
      labels: { ...template.metadata?.labels ?? {}, ...labels },
      ownerReferences: [ownerReference(owner)],
    },
    spec: template.spec,
  };
}

function replicaSetFrom(owner: any): any {
  const template = owner.spec.template;
  const labels = { ...template.metadata?.labels ?? {}, 'pod-template-hash': HASH };
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: `${owner.metadata.name}-${HASH}`, namespace: owner.metadata.namespace, labels, ownerReferences: [ownerReference(owner)] },
    spec: {
      replicas: owner.spec.replicas ?? 1,
      selector: { matchLabels: { ...owner.spec.selector?.matchLabels ?? {}, 'pod-template-hash': HASH } },
      template: { metadata: { ...template.metadata ?? {}, labels }, spec: template.spec },
    },
  };
}

function jobFrom(cronJob: any): any {
  const template = cronJob.spec.jobTemplate;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      ...template.metadata ?? {},
      name: `${cronJob.metadata.name}-29000000`,
      namespace: cronJob.metadata.namespace,
      ownerReferences: [ownerReference(cronJob)],
    },
    spec: template.spec,
  };
}

/** The objects the controllers make from `object`, directly, before theirs. */
function children(object: any): any[] {
  const name = object.metadata?.name;
  if (!object.spec) return [];
  switch (object.kind) {
    case 'Deployment':
      return [replicaSetFrom(object)];
    case 'Rollout':
      // A Rollout that points at a Deployment's template (workloadRef) has no template of its own.
      return object.spec.template ? [replicaSetFrom(object)] : [];
    case 'ReplicaSet':
    case 'ReplicationController':
    case 'DaemonSet':
      return [podFrom(object, object.spec.template, `${name}-${SUFFIX}`)];
    case 'StatefulSet':
      return [podFrom(object, object.spec.template, `${name}-0`, { 'statefulset.kubernetes.io/pod-name': `${name}-0` })];
    case 'Job':
      return [podFrom(object, object.spec.template, `${name}-${SUFFIX}`, { 'batch.kubernetes.io/job-name': name })];
    case 'CronJob':
      return [jobFrom(object)];
    default:
      return [];
  }
}

/** Every object the controllers make from `source`, all the way down to its Pods. */
export function derivedFrom(source: any): Derived[] {
  const found: Derived[] = [];
  const walk = (object: any) => {
    for (const child of children(object)) {
      found.push({ object: child, source });
      walk(child);
    }
  };
  walk(source);
  return found;
}
