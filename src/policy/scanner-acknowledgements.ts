import { Labels } from '../platform/labels';

/** A scanner Paved's output is held to (`test/conformance/scanners/`). */
export type Scanner = 'kube-score' | 'checkov';

/**
 * A scanner check the golden path does not satisfy on purpose: what it covers and why. These are
 * the platform's decisions, not a team's; a team's way off the golden path is a suppression,
 * which Paved writes onto the object for every scanner (see acknowledgement-annotations).
 *
 * @internal
 */
export interface ScannerAcknowledgement {
  readonly scanner: Scanner;
  /** The scanner's check id, e.g. `CKV_K8S_43`. */
  readonly check: string;
  /** Which objects it covers, for people. */
  readonly scope: string;
  /**
   * Which objects it covers, given the other objects of the same manifest file: nothing else
   * that scanner reports under `check` is acknowledged.
   */
  readonly covers: (object: any, manifest: any[]) => boolean;
  /** Why Paved does otherwise. */
  readonly reason: string;
}

const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'Job', 'CronJob', 'Rollout'];
const STORE_COMPONENTS = ['database', 'cache'];

function isWorkload(object: any): boolean {
  return WORKLOAD_KINDS.includes(object?.kind);
}

function label(object: any, key: string): string | undefined {
  return object?.metadata?.labels?.[key];
}

function isStore(object: any): boolean {
  return object?.kind === 'StatefulSet' && STORE_COMPONENTS.includes(label(object, Labels.COMPONENT) ?? '');
}

function selects(selector: { [key: string]: string } | undefined, labels: { [key: string]: string } | undefined): boolean {
  return Object.entries(selector ?? {}).every(([key, value]) => labels?.[key] === value);
}

/** Whether `object` (a Service or NetworkPolicy) selects the pods of an Argo Rollout of its manifest. */
function selectsRolloutPods(object: any, manifest: any[]): boolean {
  // An empty podSelector selects every pod of the namespace.
  const selector = object?.kind === 'Service' ? object.spec?.selector : object?.kind === 'NetworkPolicy' && object.spec?.podSelector ? object.spec.podSelector.matchLabels ?? {} : undefined;
  if (selector === undefined) return false;
  return manifest.some((o) => o.kind === 'Rollout' && o.metadata?.namespace === object.metadata?.namespace && selects(selector, o.spec?.template?.metadata?.labels));
}

const ROLLOUT_PODS = 'A canary service runs its pods from an Argo Rollout (argoproj.io/v1alpha1), a kind kube-score does not read: to kube-score the Services, NetworkPolicies and autoscaler of those pods target nothing.';

const STORE_USER = 'The in-cluster stores run as their image\'s own non-root user (999 in the postgres and redis images), which owns the data and runtime directories baked into the image; another user id cannot start them. Services and the seed Job run as the platform\'s user (10001).';

/**
 * Scanner checks Paved's golden path answers differently, each with its reason. The scanners
 * conformance suite fails on any finding of the examples that is neither fixed nor listed here
 * (within `covers`).
 *
 * @internal
 */
export const SCANNER_ACKNOWLEDGEMENTS: readonly ScannerAcknowledgement[] = [
  {
    scanner: 'kube-score',
    check: 'container-ephemeral-storage-request-and-limit',
    scope: 'every workload',
    covers: isWorkload,
    reason: 'Local storage is bounded per volume instead: the root filesystem is read-only, and every writable path is an emptyDir with a sizeLimit (the kubelet evicts a pod that exceeds it) or a persistent volume. Presets size CPU and memory only.',
  },
  {
    scanner: 'kube-score',
    check: 'deployment-has-host-podantiaffinity',
    scope: 'Deployments',
    covers: (object) => object?.kind === 'Deployment',
    reason: 'Replicas are spread with topologySpreadConstraints over kubernetes.io/hostname (strict from staging) and topology.kubernetes.io/zone, which kube-score does not read; a required anti-affinity would also refuse every replica beyond the node count.',
  },
  {
    scanner: 'kube-score',
    check: 'horizontalpodautoscaler-has-target',
    scope: 'HorizontalPodAutoscalers that scale an Argo Rollout',
    covers: (object) => object?.kind === 'HorizontalPodAutoscaler' && object.spec?.scaleTargetRef?.kind === 'Rollout',
    reason: ROLLOUT_PODS,
  },
  {
    scanner: 'kube-score',
    check: 'service-targets-pod',
    scope: 'Services that select an Argo Rollout\'s pods',
    covers: selectsRolloutPods,
    reason: ROLLOUT_PODS,
  },
  {
    scanner: 'kube-score',
    check: 'networkpolicy-targets-pod',
    scope: 'NetworkPolicies that select an Argo Rollout\'s pods',
    covers: selectsRolloutPods,
    reason: ROLLOUT_PODS,
  },
  {
    scanner: 'kube-score',
    check: 'deployment-replicas',
    scope: 'Deployments in the preview and development tiers',
    covers: (object) => object?.kind === 'Deployment' && ['preview', 'development'].includes(label(object, Labels.TIER) ?? ''),
    reason: 'The tier decides replicas: preview and development run one; from staging up workload.replicas asks for two, as kube-score does.',
  },
  {
    scanner: 'kube-score',
    check: 'container-security-context-user-group-id',
    scope: 'in-cluster stores (StatefulSets of component database or cache)',
    covers: isStore,
    reason: STORE_USER,
  },
  {
    scanner: 'checkov',
    check: 'CKV_K8S_40',
    scope: 'in-cluster stores (StatefulSets of component database or cache)',
    covers: isStore,
    reason: STORE_USER,
  },
  {
    scanner: 'checkov',
    check: 'CKV_K8S_43',
    scope: 'every workload',
    covers: isWorkload,
    reason: 'workload.image-pinned asks for a tag other than latest or a digest, from the platform\'s registries only; a digest is accepted, not required, so that a team can deploy by release tag.',
  },
  {
    scanner: 'checkov',
    check: 'CKV_K8S_35',
    scope: 'every workload',
    covers: isWorkload,
    reason: 'Dependency credentials reach containers as variables that reference the Secret External Secrets writes (secretKeyRef, never a literal: secrets.env-literal forbids those); the variables are the wiring contract services read, the same in every tier.',
  },
];
