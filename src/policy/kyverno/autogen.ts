/**
 * How Kyverno's auto-generation is held to the kinds a Paved rule applies to. Kyverno extends a
 * Pod rule to every controller it knows (Deployment, StatefulSet, DaemonSet, Job, CronJob,
 * ReplicaSet, ReplicationController) and applies the Pod rule itself to every Pod, whoever created
 * it. A Paved rule about long-running workloads (probes) leaves Jobs and CronJobs alone, and with
 * them the Pods a Job creates; the exported policy must do the same.
 */

/** The controllers Kyverno's auto-generation writes rules for (its `PodControllers`), sorted. */
export const KYVERNO_POD_CONTROLLERS = ['CronJob', 'DaemonSet', 'Deployment', 'Job', 'ReplicaSet', 'ReplicationController', 'StatefulSet'];

/** The annotation that names the controllers Kyverno generates a policy's rules for. */
export const AUTOGEN_CONTROLLERS_ANNOTATION = 'pod-policies.kyverno.io/autogen-controllers';

/** What a rule's kinds ask of Kyverno's auto-generation. */
export interface AutogenScope {
  /**
   * The value of the autogen-controllers annotation: the controllers among the rule's kinds.
   *
   * @default - every controller: the rule applies to all of them, Kyverno's default
   */
  readonly controllers?: string;
  /**
   * A precondition that passes over Pods created by a controller the rule leaves alone.
   *
   * @default - none: the rule applies to every Pod
   */
  readonly podCondition?: object;
}

/** The autogen scope of a rule over `kinds`. */
export function autogenScope(kinds: string[]): AutogenScope {
  const controllers = KYVERNO_POD_CONTROLLERS.filter((kind) => kinds.includes(kind));
  if (controllers.length === KYVERNO_POD_CONTROLLERS.length) return {};
  // A CronJob creates Jobs, never Pods; the Pods of a CronJob are its Jobs' Pods.
  const owners = KYVERNO_POD_CONTROLLERS.filter((kind) => !kinds.includes(kind) && kind !== 'CronJob');
  const filter = owners.map((kind) => `kind == '${kind}'`).join(' || ');
  return {
    controllers: controllers.length > 0 ? controllers.join(',') : 'none',
    podCondition: owners.length === 0 ? undefined : {
      key: `{{ request.object.metadata.ownerReferences[?controller && (${filter})] || \`[]\` | length(@) }}`,
      operator: 'Equals',
      value: 0,
    },
  };
}

/** A rule's `preconditions` with the scope's Pod condition added: both must hold. */
export function withPodCondition(preconditions: any, scope: AutogenScope): any {
  if (!scope.podCondition) return preconditions;
  if (!preconditions) return { all: [scope.podCondition] };
  return { ...preconditions, all: [...preconditions.all ?? [], scope.podCondition] };
}
