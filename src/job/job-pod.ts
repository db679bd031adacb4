import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { WorkloadNetworkPolicy } from '../network/workload-network-policy';
import { Labels } from '../platform/labels';
import { ownerLabels } from '../platform/owner-labels';
import { ResolvedWorkload } from '../workload/resolve-workload';
import { addSecureContainer, hardenPodTemplate, PodTemplatePath } from '../workload/secure-pod';

// What a ScheduledJob and a Migration share beyond the workload layer: the labels of a workload
// that runs to completion, its identity and its egress-only NetworkPolicy, and a pod template
// with the restricted container and no retries inside the pod.

/** The labels of a job-like workload: on its objects, and (with the owner labels) on its pods. */
export interface JobLabels {
  /** Selects the workload's pods, whatever run they belong to. */
  readonly selector: { [key: string]: string };
  /** On every object of the workload. */
  readonly labels: { [key: string]: string };
  /** On the pod template, which does not inherit the chart's labels. */
  readonly podLabels: { [key: string]: string };
}

/** The labels of a workload of `component` (`scheduled-job`, `migration`). */
export function jobLabels(workload: ResolvedWorkload, component: string): JobLabels {
  const { environment, name, image } = workload;
  const selector = { [Labels.NAME]: name, [Labels.INSTANCE]: name };
  const labels: { [key: string]: string } = {
    ...selector,
    [Labels.COMPONENT]: component,
    [Labels.BACKSTAGE_KUBERNETES_ID]: name,
    ...(image.version ? { [Labels.VERSION]: image.version } : {}),
  };
  const podLabels = ownerLabels(environment.platform.labels, environment.team, { tier: environment.tier, labels });
  return { selector, labels, podLabels };
}

/** The workload's own identity, with no token mounted. */
export function jobServiceAccount(scope: Construct, name: string, labels: { [key: string]: string }): kplus.ServiceAccount {
  return new kplus.ServiceAccount(scope, 'ServiceAccount', { metadata: { name, labels }, automountToken: false });
}

/**
 * Isolates the pods of a job: nothing may reach them (they serve nothing, and Prometheus learns of
 * their runs from kube-state-metrics, not by scraping them), and they reach only their
 * dependencies and the services they are allowed to call.
 */
export function jobNetworkPolicy(scope: Construct, workload: ResolvedWorkload, jl: JobLabels): WorkloadNetworkPolicy {
  return new WorkloadNetworkPolicy(scope, 'NetworkPolicy', {
    name: workload.name,
    namespace: workload.environment.namespace!,
    labels: jl.labels,
    podSelector: jl.selector,
  });
}

/**
 * Adds the workload's one container to a Job or CronJob pod and states the controls cdk8s-plus
 * cannot. A job's container has no probes: it is judged by how it exits.
 */
export function addJobContainer(
  scope: Construct, pod: kplus.AbstractPod, workload: ResolvedWorkload, image: string, at: PodTemplatePath,
): kplus.Container {
  const container = addSecureContainer(scope, pod, {
    name: workload.name,
    image,
    resources: workload.resources,
    env: workload.env,
    command: workload.command,
    args: workload.args,
    ephemeralStorageRequest: workload.scratch?.ephemeralStorageRequest,
  });
  hardenPodTemplate(pod, at, workload.environment.platform.runAsUser, { addressLabel: true });
  return container;
}
