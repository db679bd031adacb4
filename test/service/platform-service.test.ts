import { ApiObject, JsonPatch, Testing } from 'cdk8s';
import { containerOf, deploymentOf, podSpec, PROMETHEUS } from './fixtures';
import { Tier } from '../../src/platform/tier';
import { expectPavedError } from '../support/errors';
import { find, findAll, synth, testEnvironment, testService } from '../support/fixtures';

describe('PlatformService secure defaults', () => {
  const env = testEnvironment(Tier.PRODUCTION);
  testService(env);
  const objects = synth(env);
  const container = containerOf(objects);
  const pod = podSpec(objects);

  test('emits exactly the objects of the golden path', () => {
    expect(objects.filter((o) => o.metadata.name === 'orders-api').map((o) => o.kind).sort()).toEqual([
      'Deployment', 'HorizontalPodAutoscaler', 'NetworkPolicy', 'PodDisruptionBudget', 'PrometheusRule', 'Service', 'ServiceAccount', 'ServiceMonitor',
    ]);
    expect(find(objects, 'ConfigMap', 'orders-api-dashboard').metadata.labels).toMatchObject({ grafana_dashboard: '1' });
  });

  test('has a dedicated service account whose token is not mounted', () => {
    const sa = find(objects, 'ServiceAccount', 'orders-api');
    expect(sa.automountServiceAccountToken).toBe(false);
    expect(pod.serviceAccountName).toBe('orders-api');
    expect(pod.automountServiceAccountToken).toBe(false);
  });

  test('keeps all but one replica up through disruptions', () => {
    expect(find(objects, 'PodDisruptionBudget').spec).toEqual({
      maxUnavailable: 1,
      selector: { matchLabels: { 'app.kubernetes.io/name': 'orders-api', 'app.kubernetes.io/instance': 'orders-api' } },
    });
  });

  test('selects pods by the recommended labels, never by construct address', () => {
    const service = find(objects, 'Service', 'orders-api');
    expect(service.spec.selector).toEqual({ 'app.kubernetes.io/name': 'orders-api', 'app.kubernetes.io/instance': 'orders-api' });
    expect(JSON.stringify(objects)).not.toContain('cdk8s.io/metadata.addr');
  });

  test('isolates the pods: ingress only from Prometheus to the metrics port, no egress until declared', () => {
    const policy = find(objects, 'NetworkPolicy', 'orders-api');
    expect(policy.spec).toMatchObject({ policyTypes: ['Ingress', 'Egress'], ingress: [{ from: [PROMETHEUS], ports: [{ port: 8080, protocol: 'TCP' }] }], egress: [] });
  });

  test('labels every object with the standard labels and the owner team', () => {
    for (const object of objects.filter((o) => o.metadata.name === 'orders-api')) {
      expect(object.metadata.labels).toMatchObject({
        'app.kubernetes.io/name': 'orders-api',
        'app.kubernetes.io/instance': 'orders-api',
        'app.kubernetes.io/version': '1.4.2',
        'app.kubernetes.io/part-of': 'payments',
        'app.kubernetes.io/managed-by': 'paved',
        'backstage.io/kubernetes-id': 'orders-api',
        'paved.dev/team': 'payments',
        'paved.dev/tier': 'production',
      });
      expect(object.metadata.namespace).toBe('payments-production');
    }
    expect(deploymentOf(objects).spec.template.metadata.labels).toMatchObject({ 'paved.dev/team': 'payments', 'app.kubernetes.io/managed-by': 'paved' });
  });
});

describe('PlatformService by tier', () => {
  test('runs one replica without autoscaler, budget or strict spread in development', () => {
    const env = testEnvironment(Tier.DEVELOPMENT);
    testService(env);
    const objects = synth(env);
    expect(deploymentOf(objects).spec.replicas).toBe(1);
    expect(findAll(objects, 'HorizontalPodAutoscaler')).toEqual([]);
    expect(findAll(objects, 'PodDisruptionBudget')).toEqual([]);
    expect(podSpec(objects).topologySpreadConstraints).toBeUndefined();
  });

  test('pins the replica count and skips the autoscaler when min equals max', () => {
    const env = testEnvironment(Tier.PRODUCTION);
    testService(env, { replicas: { min: 3, max: 3 } });
    const objects = synth(env);
    expect(deploymentOf(objects).spec.replicas).toBe(3);
    expect(findAll(objects, 'HorizontalPodAutoscaler')).toEqual([]);
    expect(findAll(objects, 'PodDisruptionBudget')).toHaveLength(1);
  });

  test('has no disruption budget in preview even with two replicas', () => {
    const env = testEnvironment(Tier.PREVIEW);
    testService(env, { replicas: { min: 2, max: 2 } });
    expect(findAll(synth(env), 'PodDisruptionBudget')).toEqual([]);
  });

});

describe('PlatformService props', () => {
  test('accepts an image pinned by digest, without a version label', () => {
    const env = testEnvironment();
    testService(env, { image: `registry.acme.dev/payments/orders-api@sha256:${'a'.repeat(64)}` });
    const deployment = deploymentOf(synth(env));
    expect(deployment.metadata.labels['app.kubernetes.io/version']).toBeUndefined();
  });

  test('names objects after `name` when given', () => {
    const env = testEnvironment();
    testService(env, { name: 'orders' });
    expect(find(synth(env), 'Deployment').metadata.name).toBe('orders');
  });

});

describe('PlatformService exposure', () => {
  test('admits only the ingress controller when exposed', () => {
    const env = testEnvironment();
    testService(env, { ingress: { host: 'orders.apps.acme.dev' } });
    expect(find(synth(env), 'NetworkPolicy', 'orders-api').spec.ingress).toEqual([{
      from: [{
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } },
        podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } },
      }],
      ports: [{ port: 8080, protocol: 'TCP' }],
    }, { from: [PROMETHEUS], ports: [{ port: 8080, protocol: 'TCP' }] }]);
  });

  test('has no Ingress unless asked', () => {
    const env = testEnvironment();
    const service = testService(env);
    expect(service.ingress).toBeUndefined();
    expect(findAll(synth(env), 'Ingress')).toEqual([]);
  });
});

describe('PlatformService.allowFrom', () => {
  test('admits the caller on the port and opens the caller egress to it, and nothing more', () => {
    const env = testEnvironment();
    const orders = testService(env);
    const web = testService(env, { image: 'registry.acme.dev/payments/storefront:2.0.1', port: 3000 }, 'storefront');
    orders.allowFrom(web);
    orders.allowFrom(web); // idempotent
    const objects = synth(env);
    const ordersPolicy = find(objects, 'NetworkPolicy', 'orders-api').spec;
    const webPolicy = find(objects, 'NetworkPolicy', 'storefront').spec;
    const webPods = { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'storefront', 'app.kubernetes.io/instance': 'storefront' } } };
    const orderPods = { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'orders-api', 'app.kubernetes.io/instance': 'orders-api' } } };
    expect(ordersPolicy.ingress).toEqual([
      { from: [PROMETHEUS], ports: [{ port: 8080, protocol: 'TCP' }] },
      { from: [webPods], ports: [{ port: 8080, protocol: 'TCP' }] },
    ]);
    expect(ordersPolicy.egress).toEqual([]);
    expect(webPolicy.egress).toEqual([{ to: [orderPods], ports: [{ port: 8080, protocol: 'TCP' }] }]);
    expect(webPolicy.ingress).toEqual([{ from: [PROMETHEUS], ports: [{ port: 3000, protocol: 'TCP' }] }]);
  });

  test('names the namespace of a caller in another environment', () => {
    const app = Testing.app();
    const prod = testEnvironment(Tier.PRODUCTION, {}, app);
    const other = testEnvironment(Tier.PRODUCTION, { namespace: 'checkout-prod', team: 'checkout' }, app);
    const orders = testService(prod);
    const cart = testService(other, { image: 'registry.acme.dev/checkout/cart:3.1.0' }, 'cart');
    orders.allowFrom(cart);
    expect(find(synth(prod), 'NetworkPolicy', 'orders-api').spec.ingress[0].from).toEqual([{
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'checkout-prod' } },
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'cart', 'app.kubernetes.io/instance': 'cart' } },
    }]);
  });
  test('rejects a service as its own caller', () => {
    const orders = testService();
    expect(() => orders.allowFrom(orders)).toThrow('payments-production/orders-api: allowFrom: a service cannot be its own caller');
  });
});

describe('PlatformService escape hatches', () => {
  test('every generated object is reachable and overridable', () => {
    const env = testEnvironment();
    const service = testService(env, { ingress: { host: 'orders.apps.acme.dev' } });
    ApiObject.of(service.deployment).addJsonPatch(JsonPatch.add('/spec/revisionHistoryLimit', 3));
    ApiObject.of(service.service).metadata.addAnnotation('example.com/owner', 'payments');
    service.networkPolicy.metadata.addLabel('example.com/reviewed', 'yes');
    service.ingress!.metadata.addAnnotation('nginx.ingress.kubernetes.io/proxy-body-size', '8m');
    service.disruptionBudget!.addJsonPatch(JsonPatch.replace('/spec/maxUnavailable', 2));
    ApiObject.of(service.autoscaler!).addJsonPatch(JsonPatch.replace('/spec/maxReplicas', 30));
    ApiObject.of(service.serviceAccount).metadata.addAnnotation('eks.amazonaws.com/role-arn', 'arn:aws:iam::1:role/x');
    const objects = synth(env);
    expect(deploymentOf(objects).spec.revisionHistoryLimit).toBe(3);
    expect(find(objects, 'Service').metadata.annotations['example.com/owner']).toBe('payments');
    expect(find(objects, 'NetworkPolicy', 'orders-api').metadata.labels['example.com/reviewed']).toBe('yes');
    expect(find(objects, 'Ingress').metadata.annotations['nginx.ingress.kubernetes.io/proxy-body-size']).toBe('8m');
    expect(find(objects, 'PodDisruptionBudget').spec.maxUnavailable).toBe(2);
    expect(find(objects, 'HorizontalPodAutoscaler').spec.maxReplicas).toBe(30);
    expect(find(objects, 'ServiceAccount').metadata.annotations['eks.amazonaws.com/role-arn']).toContain('role/x');
  });

  test('the container is reachable for mounts and variables', () => {
    const env = testEnvironment();
    const service = testService(env);
    service.container.env.addVariable('EXTRA', { value: 'x' } as any);
    expect(containerOf(synth(env)).env).toContainEqual({ name: 'EXTRA', value: 'x' });
  });
});

describe('PlatformService errors', () => {
  // Each check has its test beside its source: test/workload/resolve-workload.test.ts (what every
  // workload kind shares), test/service/service-props.test.ts, test/service/service-ingress.test.ts.
  test('checks the props every workload kind shares before its own', () => {
    expectPavedError(() => testService(testEnvironment(), { image: 'registry.acme.dev/payments/orders-api', port: 1 }), /image "registry.acme.dev\/payments\/orders-api" is not pinned/);
  });
});
