import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';

/** What a workload's PodDisruptionBudget protects. */
export interface DisruptionBudgetProps {
  /** The budget's name: the workload's. */
  readonly name: string;
  /** The workload's labels. */
  readonly labels: Record<string, string>;
  /** The labels that select the workload's pods. */
  readonly selector: Record<string, string>;
}

/**
 * A PodDisruptionBudget that lets voluntary disruptions (node drains, cluster upgrades) take one
 * of the workload's pods at a time. `maxUnavailable` rather than `minAvailable`: it stays correct
 * whatever the autoscaler does with the replica count, down to zero.
 */
export function addDisruptionBudget(scope: Construct, props: DisruptionBudgetProps): ApiObject {
  return new ApiObject(scope, 'DisruptionBudget', kplus.k8s.KubePodDisruptionBudget.manifest({
    metadata: { name: props.name, labels: props.labels },
    spec: {
      maxUnavailable: kplus.k8s.IntOrString.fromNumber(1),
      selector: { matchLabels: props.selector },
    },
  }));
}
