import { find } from '../support/fixtures';

/** The platform's Prometheus, admitted to every service's metrics port. */
export const PROMETHEUS = {
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } },
  podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } },
};

/** The Deployment of the test service (`orders-api`) among synthesized objects. */
export function deploymentOf(objects: any[]): any {
  return find(objects, 'Deployment', 'orders-api');
}

/** The pod spec of the test service's Deployment. */
export function podSpec(objects: any[]): any {
  return deploymentOf(objects).spec.template.spec;
}

/** The one container of the test service's Deployment. */
export function containerOf(objects: any[]): any {
  return podSpec(objects).containers[0];
}
