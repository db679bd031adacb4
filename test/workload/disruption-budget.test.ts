import { Chart, Testing } from 'cdk8s';
import { addDisruptionBudget } from '../../src/workload/disruption-budget';
import { validateAgainstSchemas } from '../support/schema';

describe('addDisruptionBudget', () => {
  const chart = new Chart(Testing.app(), 'chart', { namespace: 'payments' });
  const budget = addDisruptionBudget(chart, {
    name: 'invoicer',
    labels: { 'app.kubernetes.io/name': 'invoicer', 'paved.dev/tier': 'staging' },
    selector: { 'app.kubernetes.io/name': 'invoicer' },
  });
  const [manifest] = Testing.synth(chart);

  test('lets a drain take one pod at a time, whatever the replica count, selecting only the workload\'s pods', () => {
    expect(budget.kind).toBe('PodDisruptionBudget');
    expect(manifest).toEqual({
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'invoicer', namespace: 'payments', labels: { 'app.kubernetes.io/name': 'invoicer', 'paved.dev/tier': 'staging' } },
      spec: { maxUnavailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': 'invoicer' } } },
    });
  });

  test('is valid against the Kubernetes schema', () => {
    expect(() => validateAgainstSchemas([manifest])).not.toThrow();
  });
});
