/**
 * The order Argo CD applies one application's manifests in (gitops-engine's sync tasks): by
 * phase (PreSync hooks, then the manifests, then PostSync hooks), then by sync wave
 * (`argocd.argoproj.io/sync-wave`, default 0), then by kind (Helm's install order: Namespaces,
 * policies, quotas and identities before the workloads that need them; kinds it does not know,
 * custom resources among them, last), then by name.
 */
const KIND_ORDER = [
  'Namespace', 'NetworkPolicy', 'ResourceQuota', 'LimitRange', 'PodSecurityPolicy', 'PodDisruptionBudget',
  'ServiceAccount', 'Secret', 'SecretList', 'ConfigMap', 'StorageClass', 'PersistentVolume',
  'PersistentVolumeClaim', 'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleList', 'ClusterRoleBinding',
  'ClusterRoleBindingList', 'Role', 'RoleList', 'RoleBinding', 'RoleBindingList', 'Service', 'DaemonSet', 'Pod',
  'ReplicationController', 'ReplicaSet', 'Deployment', 'HorizontalPodAutoscaler', 'StatefulSet', 'Job', 'CronJob',
  'IngressClass', 'Ingress', 'APIService',
];

const PHASES = ['PreSync', 'Sync', 'PostSync'];

export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { name: string; namespace?: string; annotations?: Record<string, string>; labels?: Record<string, string> };
  readonly [field: string]: unknown;
}

function phaseOf(m: Manifest): number {
  const hook = m.metadata.annotations?.['argocd.argoproj.io/hook'];
  if (hook === undefined) return PHASES.indexOf('Sync');
  const phase = PHASES.indexOf(hook.split(',')[0].trim());
  if (phase < 0) throw new Error(`${m.kind}/${m.metadata.name}: hook ${hook} is not one this suite runs`);
  return phase;
}

export function syncWaveOf(m: Manifest): number {
  const wave = m.metadata.annotations?.['argocd.argoproj.io/sync-wave'];
  if (wave === undefined) return 0;
  const n = Number(wave);
  if (!Number.isInteger(n)) throw new Error(`${m.kind}/${m.metadata.name}: sync wave ${wave} is not an integer`);
  return n;
}

function kindRank(kind: string): number {
  const i = KIND_ORDER.indexOf(kind);
  return i < 0 ? KIND_ORDER.length : i;
}

/** `manifests` in Argo CD's sync order; a stable sort, so equal objects keep their file order. */
export function syncOrder<T extends Manifest>(manifests: readonly T[]): T[] {
  return manifests
    .map((m, i) => ({ m, i, key: [phaseOf(m), syncWaveOf(m), kindRank(m.kind)] }))
    .sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2]
      || a.m.metadata.name.localeCompare(b.m.metadata.name) || a.i - b.i)
    .map((x) => x.m);
}
