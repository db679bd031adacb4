import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ResolvedObservability } from './observability-options';
import { ResolvedObservabilitySettings } from './observability-settings';

/** The Service port name the ServiceMonitor scrapes. */
export function metricsPortName(o: ResolvedObservability, servicePort: number): string {
  return o.metricsPort === servicePort ? 'http' : 'metrics';
}

/** The ServiceMonitor that has Prometheus scrape the service's own pods through its Service. */
export function createServiceMonitor(scope: Construct, props: {
  readonly name: string;
  readonly namespace: string;
  readonly servicePort: number;
  readonly labels: { [key: string]: string };
  readonly selector: { [key: string]: string };
  /** Pod labels copied onto every scraped series (a canary's pod template hash). */
  readonly podTargetLabels?: string[];
  /** Services carrying this label are not scraped: they select the same pods as the service's own. */
  readonly skipServicesLabelled?: string;
}, o: ResolvedObservability, s: ResolvedObservabilitySettings): ApiObject {
  return new ApiObject(scope, 'ServiceMonitor', {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: { name: props.name, labels: { ...props.labels, ...s.ruleSelectorLabels } },
    spec: {
      selector: {
        matchLabels: props.selector,
        ...(props.skipServicesLabelled ? { matchExpressions: [{ key: props.skipServicesLabelled, operator: 'DoesNotExist' }] } : {}),
      },
      namespaceSelector: { matchNames: [props.namespace] },
      endpoints: [{ port: metricsPortName(o, props.servicePort), path: o.metricsPath, interval: '30s', scheme: 'http' }],
      ...(props.podTargetLabels ? { podTargetLabels: props.podTargetLabels } : {}),
    },
  });
}
