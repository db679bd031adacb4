import { IRule, RuleContext, Violation } from '../rule';
import { ContainerAt, containersOf, podSpecOf, PodSpecAt, WORKLOAD_KINDS } from '../rules/pod-spec';

/**
 * What a rule over the pod template of a workload declares: a rule's data, with kinds defaulting
 * to every kind that runs pods, and a check that is handed the pod template already found.
 */
export type PodRuleProps = Omit<IRule, 'kinds' | 'check'> & {
  /** The workload kinds the rule applies to. @default - every kind that runs pods */
  readonly kinds?: string[];
  /** Every violation in one pod template; pure. */
  check(pod: PodSpecAt, object: any, context: RuleContext): Violation[];
};

/**
 * The kind of the controller that created a Pod (its ownerReference with `controller: true`), or
 * undefined for a Pod written by hand.
 */
export function controllerKindOf(object: any): string | undefined {
  if (object?.kind !== 'Pod') return undefined;
  const owner = listOf(object.metadata?.ownerReferences).find((o) => o?.controller === true);
  return typeof owner?.kind === 'string' ? owner.kind : undefined;
}

/**
 * A rule over the pod template of every workload kind; objects that run no pods pass. A Pod a
 * controller created is held to what its controller is held to: a rule about long-running kinds
 * passes a Job's Pods, as it passes the Job. The cluster sees those Pods (Kyverno's admission
 * checks them), so the two must agree.
 */
export function podRule(props: PodRuleProps): IRule {
  const kinds = props.kinds ?? WORKLOAD_KINDS;
  const exempt = (object: any) => {
    const controller = controllerKindOf(object);
    return controller !== undefined && WORKLOAD_KINDS.includes(controller) && !kinds.includes(controller);
  };
  return {
    id: props.id,
    title: props.title,
    severity: props.severity,
    category: props.category,
    rationale: props.rationale,
    remediation: props.remediation,
    kinds,
    scannerChecks: props.scannerChecks,
    check: (object, context) => {
      const pod = podSpecOf(object);
      return pod && !exempt(object) ? props.check(pod, object, context) : [];
    },
  };
}

/** Workloads that run until stopped, as opposed to Jobs and CronJobs that run to completion. */
export const LONG_RUNNING_KINDS = WORKLOAD_KINDS.filter((kind) => kind !== 'Job' && kind !== 'CronJob');

/** Workloads with a replica count (`spec.replicas`). */
export const REPLICATED_KINDS = ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'Rollout'];

/** Runs `check` on every container of the pod (regular, init and ephemeral) and joins the findings. */
export function eachContainer(pod: PodSpecAt, check: (c: ContainerAt) => Violation[]): Violation[] {
  return containersOf(pod).flatMap(check);
}

/** The JSON path of the pod template's metadata, e.g. `spec.template.metadata`. */
export function metadataPath(pod: PodSpecAt): string {
  return pod.path === 'spec' ? 'metadata' : `${pod.path.slice(0, -'.spec'.length)}.metadata`;
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `path.key`, or `path["key"]` for keys with dots or slashes (label and annotation keys). */
export function keyPath(path: string, key: string): string {
  return PLAIN_KEY.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** Renders a found value for a finding: `absent`, or its JSON. */
export function shown(value: unknown): string {
  return value === undefined || value === null ? 'absent' : JSON.stringify(value);
}

/** A finding at `field`. */
export function violation(field: string, found: unknown, expected: string): Violation {
  return { field, found: shown(found), expected };
}

/** The entries of a list field, or none when it is absent or not a list. */
export function listOf(value: unknown): any[] {
  return Array.isArray(value) ? value : [];
}
