import { Chart, Testing } from 'cdk8s';
import { createScaledObject } from '../../src/worker/keda-objects';

const TRIGGER = { type: 'aws-sqs-queue', metadata: { queueURL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/q', queueLength: '5' } };

function chart(): Chart {
  return new Chart(Testing.app(), 'test');
}

describe('createScaledObject', () => {
  const model = { name: 'invoicer', labels: { team: 'payments' }, minReplicas: 0, maxReplicas: 4, pollingSeconds: 15, cooldownSeconds: 120, trigger: TRIGGER };

  test('scales the Deployment of the same name between the replica counts, on the trigger', () => {
    const spec = createScaledObject(chart(), model).toJson().spec;
    expect(spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'invoicer' });
    expect([spec.minReplicaCount, spec.maxReplicaCount, spec.pollingInterval]).toEqual([0, 4, 15]);
    expect(spec.triggers).toEqual([TRIGGER]);
  });

  test('applies the cooldown before scaling to zero and as the scale-down stabilisation window', () => {
    const spec = createScaledObject(chart(), model).toJson().spec;
    expect(spec.cooldownPeriod).toBe(120);
    expect(spec.advanced.horizontalPodAutoscalerConfig.behavior.scaleDown.stabilizationWindowSeconds).toBe(120);
  });

  test('references no TriggerAuthentication when the trigger needs none', () => {
    expect(createScaledObject(chart(), model).toJson().spec.triggers[0]).not.toHaveProperty('authenticationRef');
  });

  test('references the TriggerAuthentication the trigger names', () => {
    const trigger = { ...model.trigger, authenticationRef: { name: 'invoices', kind: 'TriggerAuthentication' } };
    expect(createScaledObject(chart(), { ...model, trigger }).toJson().spec.triggers[0].authenticationRef).toEqual({ name: 'invoices', kind: 'TriggerAuthentication' });
  });

  test('copies the trigger metadata, so a later change to it cannot reach the object', () => {
    const metadata: { [key: string]: string } = { queueLength: '5' };
    const object = createScaledObject(chart(), { ...model, trigger: { type: 'aws-sqs-queue', metadata } });
    metadata.queueLength = '50';
    expect(object.toJson().spec.triggers[0].metadata).toEqual({ queueLength: '5' });
  });
});
