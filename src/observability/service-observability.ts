import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { AlertTarget, createAlertRules } from './alert-rules';
import { createDashboard } from './dashboard';
import { ResolvedObservability } from './observability-options';
import { ResolvedObservabilitySettings } from './observability-settings';
import { createServiceMonitor } from './service-monitor';
import { WorkloadNetworkPolicy } from '../network/workload-network-policy';

/** The monitoring objects of one service. */
export interface ServiceObservabilityObjects {
  readonly serviceMonitor?: ApiObject;
  readonly alerts?: ApiObject;
  readonly dashboard?: ApiObject;
}

/**
 * Everything that makes a service observable, from its declaration: the ServiceMonitor, the
 * alerts, the dashboard, and the one ingress rule that lets Prometheus scrape it. When the
 * service turns observability off, the Deployment says so instead.
 */
export function observeService(scope: Construct, props: AlertTarget & {
  readonly servicePort: number;
  readonly selector: { [key: string]: string };
  readonly podTargetLabels?: string[];
  readonly skipServicesLabelled?: string;
  readonly deployment: ApiObject;
  readonly network: WorkloadNetworkPolicy;
}, o: ResolvedObservability, settings: ResolvedObservabilitySettings): ServiceObservabilityObjects {
  if (!o.enabled) {
    // Off the golden path, visibly: whoever reads the workload sees it is not monitored.
    props.deployment.metadata.addAnnotation('paved.dev/observability', 'off');
    return {};
  }
  // Prometheus scrapes the metrics port and nothing else.
  props.network.admit({ namespace: settings.prometheusNamespace, podLabels: settings.prometheusPodLabels }, o.metricsPort);
  return {
    serviceMonitor: createServiceMonitor(scope, props, o, settings),
    alerts: createAlertRules(scope, props, o, settings),
    dashboard: createDashboard(scope, props, settings),
  };
}
