import { Errors } from '../../src/errors';
import { resolveObservabilitySettings } from '../../src/observability/observability-settings';
import { CloudWatchExporter } from '../../src/platform/cloudwatch-exporter';
import { errorOf } from '../support/errors';

describe('ObservabilitySettings.prometheusUrl', () => {
  test('defaults to the Prometheus Operator\'s Service in the Prometheus namespace', () => {
    expect(resolveObservabilitySettings('acme').prometheusUrl).toBe('http://prometheus-operated.monitoring.svc:9090');
    expect(resolveObservabilitySettings('acme', { prometheusNamespace: 'observability' }).prometheusUrl).toBe('http://prometheus-operated.observability.svc:9090');
  });

  test('keeps a declared http or https address', () => {
    expect(resolveObservabilitySettings('acme', { prometheusUrl: 'https://prometheus.acme.dev/prom' }).prometheusUrl).toBe('https://prometheus.acme.dev/prom');
  });

  test.each(['prometheus:9090', 'ftp://prometheus.acme.dev', '', 'http://'])('rejects %j, naming the setting', (prometheusUrl) => {
    const e = errorOf(() => resolveObservabilitySettings('acme', { prometheusUrl }));
    expect(Errors.isPavedError(e)).toBe(true);
    expect(e.message).toBe(`acme: observability.prometheusUrl ${JSON.stringify(prometheusUrl)} must be an http:// or https:// URL, e.g. http://prometheus-operated.monitoring.svc:9090`);
  });
});

describe('ObservabilitySettings.cloudWatchExporter', () => {
  test('defaults to YACE and keeps a declared exporter', () => {
    expect(resolveObservabilitySettings('acme').cloudWatchExporter).toBe(CloudWatchExporter.YACE);
    expect(resolveObservabilitySettings('acme', { cloudWatchExporter: CloudWatchExporter.CLOUDWATCH_EXPORTER }).cloudWatchExporter).toBe(CloudWatchExporter.CLOUDWATCH_EXPORTER);
  });

  test('rejects a value that is not an exporter, naming the setting and the choices', () => {
    const e = errorOf(() => resolveObservabilitySettings('acme', { cloudWatchExporter: 'datadog' as any }));
    expect(Errors.isPavedError(e)).toBe(true);
    expect(e.message).toBe('acme: observability.cloudWatchExporter "datadog" is not a CloudWatchExporter (allowed: CloudWatchExporter.YACE, CloudWatchExporter.CLOUDWATCH_EXPORTER)');
  });
});

describe('ObservabilitySettings.dashboardFolderAnnotation', () => {
  test('defaults to the annotation the Grafana sidecar reads when its chart sets none', () => {
    expect(resolveObservabilitySettings('acme').dashboardFolderAnnotation).toBe('k8s-sidecar-target-directory');
  });

  test.each(['grafana_folder', 'grafana.acme.dev/folder'])('keeps the annotation key %j', (dashboardFolderAnnotation) => {
    expect(resolveObservabilitySettings('acme', { dashboardFolderAnnotation }).dashboardFolderAnnotation).toBe(dashboardFolderAnnotation);
  });

  test.each(['', 'grafana folder', 'a/b/c', 'Acme.dev/folder', '-folder', 'x'.repeat(64)])('rejects %j, naming the setting', (dashboardFolderAnnotation) => {
    const e = errorOf(() => resolveObservabilitySettings('acme', { dashboardFolderAnnotation }));
    expect(Errors.isPavedError(e)).toBe(true);
    expect(e.message.startsWith(`acme: observability.dashboardFolderAnnotation ${JSON.stringify(dashboardFolderAnnotation)} must be a Kubernetes annotation key`)).toBe(true);
  });
});
