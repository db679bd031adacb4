import { SCANNER_ACKNOWLEDGEMENTS } from '../../src/policy/scanner-acknowledgements';

function acknowledgement(scanner: string, check: string) {
  const found = SCANNER_ACKNOWLEDGEMENTS.find((a) => a.scanner === scanner && a.check === check);
  if (!found) throw new Error(`no acknowledgement of ${scanner} ${check}`);
  return found;
}

const labels = { 'app.kubernetes.io/name': 'orders-api', 'app.kubernetes.io/instance': 'orders-api' };
const rollout = { kind: 'Rollout', metadata: { name: 'orders-api', namespace: 'prod' }, spec: { template: { metadata: { labels: { ...labels, 'paved.dev/tier': 'production' } } } } };
const deployment = (tier: string) => ({ kind: 'Deployment', metadata: { name: 'orders-api', namespace: 'prod', labels: { 'paved.dev/tier': tier } } });
const store = (component: string) => ({ kind: 'StatefulSet', metadata: { name: 'orders-db', labels: { 'app.kubernetes.io/component': component } } });

describe('SCANNER_ACKNOWLEDGEMENTS', () => {
  test('each names one check once, with a scope and a reason', () => {
    const keys = SCANNER_ACKNOWLEDGEMENTS.map((a) => `${a.scanner} ${a.check}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const a of SCANNER_ACKNOWLEDGEMENTS) {
      expect(a.scope.length).toBeGreaterThan(0);
      expect(a.reason.length).toBeGreaterThan(40);
    }
  });

  test('the checks acknowledged on every workload cover every pod-owning kind Paved writes, CronJobs included, and nothing else', () => {
    for (const [scanner, check] of [['kube-score', 'container-ephemeral-storage-request-and-limit'], ['checkov', 'CKV_K8S_43'], ['checkov', 'CKV_K8S_35']]) {
      const a = acknowledgement(scanner, check);
      for (const kind of ['Deployment', 'StatefulSet', 'Job', 'CronJob', 'Rollout']) expect(a.covers({ kind }, [])).toBe(true);
      for (const kind of ['Service', 'ConfigMap', 'Pod']) expect(a.covers({ kind }, [])).toBe(false);
    }
  });

  test('one replica is acknowledged below staging only', () => {
    const a = acknowledgement('kube-score', 'deployment-replicas');
    expect(a.covers(deployment('preview'), [])).toBe(true);
    expect(a.covers(deployment('development'), [])).toBe(true);
    expect(a.covers(deployment('staging'), [])).toBe(false);
    expect(a.covers(deployment('production'), [])).toBe(false);
  });

  test('the stores\' image user is acknowledged on the stores only, by both scanners', () => {
    for (const a of [acknowledgement('kube-score', 'container-security-context-user-group-id'), acknowledgement('checkov', 'CKV_K8S_40')]) {
      expect(a.covers(store('database'), [])).toBe(true);
      expect(a.covers(store('cache'), [])).toBe(true);
      expect(a.covers(store('service'), [])).toBe(false);
      expect(a.covers(deployment('preview'), [])).toBe(false);
    }
  });

  test('an autoscaler targeting nothing is acknowledged only when it scales a Rollout', () => {
    const a = acknowledgement('kube-score', 'horizontalpodautoscaler-has-target');
    const hpa = (kind: string) => ({ kind: 'HorizontalPodAutoscaler', spec: { scaleTargetRef: { kind, name: 'orders-api' } } });
    expect(a.covers(hpa('Rollout'), [])).toBe(true);
    expect(a.covers(hpa('Deployment'), [])).toBe(false);
  });

  test('Services and NetworkPolicies targeting nothing are acknowledged only when they select a Rollout\'s pods', () => {
    const service = (selector: any, namespace = 'prod') => ({ kind: 'Service', metadata: { namespace }, spec: { selector } });
    const policy = (podSelector: any) => ({ kind: 'NetworkPolicy', metadata: { namespace: 'prod' }, spec: { podSelector } });
    const services = acknowledgement('kube-score', 'service-targets-pod');
    const policies = acknowledgement('kube-score', 'networkpolicy-targets-pod');

    expect(services.covers(service(labels), [rollout])).toBe(true);
    expect(services.covers(service(labels), [])).toBe(false);
    expect(services.covers(service(labels, 'staging'), [rollout])).toBe(false);
    expect(services.covers(service({ 'app.kubernetes.io/name': 'storefront' }), [rollout])).toBe(false);
    expect(policies.covers(policy({}), [rollout])).toBe(true);
    expect(policies.covers(policy({ matchLabels: labels }), [rollout])).toBe(true);
    expect(policies.covers(policy({ matchLabels: { 'app.kubernetes.io/name': 'storefront' } }), [rollout])).toBe(false);
    expect(policies.covers(policy({}), [])).toBe(false);
  });

  test('workload-wide acknowledgements cover workloads, not other kinds', () => {
    for (const a of [acknowledgement('checkov', 'CKV_K8S_43'), acknowledgement('checkov', 'CKV_K8S_35'), acknowledgement('kube-score', 'container-ephemeral-storage-request-and-limit')]) {
      expect(a.covers(deployment('production'), [])).toBe(true);
      expect(a.covers(store('database'), [])).toBe(true);
      expect(a.covers({ kind: 'Service' }, [])).toBe(false);
    }
  });
});
