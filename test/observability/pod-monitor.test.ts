import { Chart, Testing } from 'cdk8s';
import { ResolvedObservabilitySettings, resolveObservabilitySettings } from '../../src/observability/observability-settings';
import { createPodMonitor } from '../../src/observability/pod-monitor';
import { validateAgainstSchemas } from '../support/schema';

const SETTINGS = resolveObservabilitySettings('test', undefined) as ResolvedObservabilitySettings;

describe('createPodMonitor', () => {
  const monitor = createPodMonitor(new Chart(Testing.app(), 'test'), {
    name: 'invoicer',
    namespace: 'payments-production',
    labels: { 'app.kubernetes.io/name': 'invoicer' },
    selector: { 'app.kubernetes.io/name': 'invoicer' },
    metricsPath: '/stats',
  }, SETTINGS).toJson();

  test('scrapes the port named metrics of the selected pods in their namespace only', () => {
    expect(monitor.spec).toEqual({
      selector: { matchLabels: { 'app.kubernetes.io/name': 'invoicer' } },
      namespaceSelector: { matchNames: ['payments-production'] },
      podMetricsEndpoints: [{ port: 'metrics', path: '/stats', interval: '30s', scheme: 'http' }],
    });
  });

  test('carries the labels the Prometheus operator selects by, and is a valid PodMonitor', () => {
    expect(monitor.metadata.labels).toMatchObject(SETTINGS.ruleSelectorLabels);
    expect(() => validateAgainstSchemas([monitor])).not.toThrow();
    expect(() => validateAgainstSchemas([{ ...monitor, spec: { ...monitor.spec, podMetricsEndpoints: 'metrics' } }])).toThrow(/PodMonitor\/invoicer/);
  });
});
