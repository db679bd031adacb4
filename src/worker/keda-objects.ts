import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { QueueKedaTrigger } from '../dependencies/queue-source';

/** KEDA's API group and version for ScaledObjects and TriggerAuthentications (KEDA 2.x). */
export const KEDA_API_VERSION = 'keda.sh/v1alpha1';

/** Everything a worker's ScaledObject is built from, already validated. */
export interface ScaledObjectModel {
  readonly name: string;
  readonly labels: { [key: string]: string };
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly pollingSeconds: number;
  readonly cooldownSeconds: number;
  readonly trigger: QueueKedaTrigger;
}

/**
 * The ScaledObject that scales a worker's Deployment on its queue's length. KEDA owns the replica
 * count through the HorizontalPodAutoscaler it creates (`keda-hpa-<name>`), so the Deployment is
 * written without `replicas` and a GitOps sync leaves KEDA's decision alone. The cooldown applies
 * twice: before scaling to zero (`cooldownPeriod`) and as the autoscaler's scale-down
 * stabilisation window, so replicas are not removed between two bursts.
 */
export function createScaledObject(scope: Construct, model: ScaledObjectModel): ApiObject {
  return new ApiObject(scope, 'ScaledObject', {
    apiVersion: KEDA_API_VERSION,
    kind: 'ScaledObject',
    metadata: { name: model.name, labels: model.labels },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: model.name },
      minReplicaCount: model.minReplicas,
      maxReplicaCount: model.maxReplicas,
      pollingInterval: model.pollingSeconds,
      cooldownPeriod: model.cooldownSeconds,
      advanced: {
        horizontalPodAutoscalerConfig: {
          behavior: { scaleDown: { stabilizationWindowSeconds: model.cooldownSeconds } },
        },
      },
      triggers: [{
        type: model.trigger.type,
        metadata: { ...model.trigger.metadata },
        ...(model.trigger.authenticationRef ? { authenticationRef: { ...model.trigger.authenticationRef } } : {}),
      }],
    },
  });
}
