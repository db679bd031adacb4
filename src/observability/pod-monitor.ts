import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ResolvedObservabilitySettings } from './observability-settings';

/**
 * The PodMonitor that has Prometheus scrape a workload's pods directly, for workloads without a
 * Service for a ServiceMonitor to follow (a worker). It scrapes the container port named `metrics`.
 */
export function createPodMonitor(scope: Construct, props: {
  readonly name: string;
  readonly namespace: string;
  readonly labels: { [key: string]: string };
  readonly selector: { [key: string]: string };
  readonly metricsPath: string;
}, s: ResolvedObservabilitySettings): ApiObject {
  return new ApiObject(scope, 'PodMonitor', {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PodMonitor',
    metadata: { name: props.name, labels: { ...props.labels, ...s.ruleSelectorLabels } },
    spec: {
      selector: { matchLabels: props.selector },
      namespaceSelector: { matchNames: [props.namespace] },
      podMetricsEndpoints: [{ port: 'metrics', path: props.metricsPath, interval: '30s', scheme: 'http' }],
    },
  });
}
