import { ApiObject, JsonPatch, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { Errors } from '../../src/errors';
import { ResourcePreset } from '../../src/platform/resource-preset';
import { restrictedContainerSecurityContext } from '../../src/platform/restricted-security';
import { Tier } from '../../src/platform/tier';
import { PlatformService } from '../../src/service/platform-service';
import { errorOf } from '../support/errors';
import { ORDERS, find, findAll, synth, testEnvironment, testPlatform, testService } from '../support/fixtures';

/** The platform's Prometheus, admitted to every service's metrics port. */
const PROMETHEUS = {
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } },
  podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } },
};

function deploymentOf(objects: any[]) {
  return find(objects, 'Deployment', 'orders-api');
}
function podSpec(objects: any[]) {
  return deploymentOf(objects).spec.template.spec;
}
function containerOf(objects: any[]) {
  return podSpec(objects).containers[0];
}

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

  test('runs as a fixed non-root user at pod and container level', () => {
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001 });
    expect(container.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001 });
  });

  test('has a read-only root filesystem with a bounded writable /tmp', () => {
    expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(container.volumeMounts).toEqual([{ mountPath: '/tmp', name: 'tmp' }]);
    expect(pod.volumes).toEqual([{ name: 'tmp', emptyDir: { sizeLimit: '256Mi' } }]);
  });

  test('the container gets the restricted context every pod Paved builds gets', () => {
    // test/platform/restricted-security.test.ts states what it holds.
    expect(container.securityContext).toEqual(restrictedContainerSecurityContext(10001));
  });

  test('uses the RuntimeDefault seccomp profile at pod and container level', () => {
    expect(pod.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
    expect(container.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
  });

  test('has a dedicated service account whose token is not mounted', () => {
    const sa = find(objects, 'ServiceAccount', 'orders-api');
    expect(sa.automountServiceAccountToken).toBe(false);
    expect(pod.serviceAccountName).toBe('orders-api');
    expect(pod.automountServiceAccountToken).toBe(false);
  });

  test('requests and limits come from the standard preset', () => {
    expect(container.resources).toEqual({ requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } });
  });

  test('has readiness, liveness and startup probes on the service port', () => {
    expect(container.readinessProbe.httpGet).toMatchObject({ path: '/readyz', port: 8080 });
    expect(container.livenessProbe.httpGet).toMatchObject({ path: '/livez', port: 8080 });
    expect(container.startupProbe.httpGet).toMatchObject({ path: '/livez', port: 8080 });
    // Two minutes of startup budget at one probe every ten seconds.
    expect(container.startupProbe.failureThreshold * container.startupProbe.periodSeconds).toBe(120);
  });

  test('leaves the replica count to the autoscaler and rolls out with no unavailable replica', () => {
    expect(deploymentOf(objects).spec.replicas).toBeUndefined();
    expect(deploymentOf(objects).spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } });
    const hpa = find(objects, 'HorizontalPodAutoscaler');
    expect(hpa.spec).toMatchObject({ minReplicas: 2, maxReplicas: 10, scaleTargetRef: { kind: 'Deployment', name: 'orders-api' } });
  });

  test('keeps all but one replica up through disruptions', () => {
    expect(find(objects, 'PodDisruptionBudget').spec).toEqual({
      maxUnavailable: 1,
      selector: { matchLabels: { 'app.kubernetes.io/name': 'orders-api', 'app.kubernetes.io/instance': 'orders-api' } },
    });
  });

  test('spreads pods across zones and, strictly in production, across nodes', () => {
    expect(pod.topologySpreadConstraints.map((c: any) => [c.topologyKey, c.whenUnsatisfiable])).toEqual([
      ['topology.kubernetes.io/zone', 'ScheduleAnyway'],
      ['kubernetes.io/hostname', 'DoNotSchedule'],
    ]);
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

  test('spreads across nodes only as a preference below staging', () => {
    const env = testEnvironment(Tier.DEVELOPMENT);
    testService(env, { replicas: { min: 1, max: 4 } });
    expect(podSpec(synth(env)).topologySpreadConstraints[1].whenUnsatisfiable).toBe('ScheduleAnyway');
  });
});

describe('PlatformService props', () => {
  test('sizes the container from the named preset', () => {
    const env = testEnvironment();
    testService(env, { resources: ResourcePreset.LARGE });
    expect(containerOf(synth(env)).resources.limits).toEqual({ cpu: '2', memory: '2048Mi' });
  });

  test('writes env variables sorted by name, so output does not depend on declaration order', () => {
    const env = testEnvironment();
    testService(env, { env: { ZED: '1', ALPHA: 'two' } });
    expect(containerOf(synth(env)).env).toEqual([{ name: 'ALPHA', value: 'two' }, { name: 'ZED', value: '1' }]);
  });

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

  test('passes command and args through', () => {
    const env = testEnvironment();
    testService(env, { command: ['/app/server'], args: ['--port', '8080'] });
    expect(containerOf(synth(env))).toMatchObject({ command: ['/app/server'], args: ['--port', '8080'] });
  });
});

describe('PlatformService exposure', () => {
  test('exposes through the platform ingress class with a TLS certificate from its issuer', () => {
    const env = testEnvironment();
    testService(env, { ingress: { host: 'orders.apps.acme.dev' } });
    const ingress = find(synth(env), 'Ingress', 'orders-api');
    expect(ingress.metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'letsencrypt' });
    expect(ingress.spec.ingressClassName).toBe('nginx');
    expect(ingress.spec.tls).toEqual([{ hosts: ['orders.apps.acme.dev'], secretName: 'orders-api-tls' }]);
    expect(ingress.spec.rules[0].http.paths[0]).toEqual({
      path: '/', pathType: 'Prefix', backend: { service: { name: 'orders-api', port: { number: 8080 } } },
    });
  });

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
  const cases: Array<[string, any, RegExp | string]> = [
    ['a name that is not DNS-1035', { name: 'Orders_API' }, 'payments-production/orders-api: name "Orders_API" must be a DNS-1035 label'],
    ['a name starting with a digit', { name: '1orders' }, /name "1orders" must be a DNS-1035 label/],
    ['a reserved name', { name: 'paved-quota' }, /name "paved-quota" starts with "paved-", which is reserved/],
    ['min above max', { replicas: { min: 5, max: 2 } }, 'payments-production/orders-api: replicas.min (5) must not exceed replicas.max (2)'],
    ['min below the tier floor', { replicas: { min: 1, max: 3 } }, "replicas.min (1) is below the production tier's floor of 2"],
    ['a fractional replica count', { replicas: { min: 2.5, max: 3 } }, /replicas.min \(2.5\) must be a whole number from 1 to 1000/],
    ['a port out of range', { port: 70000 }, /port \(70000\) must be a whole number from 1024 to 65535/],
    ['a privileged port', { port: 80 }, /port \(80\) must be a whole number from 1024 to 65535/],
    ['an image outside the registries', { image: 'docker.io/library/nginx:1.27' }, 'payments-production/orders-api: image "docker.io/library/nginx:1.27" is not from an allowed registry (registry.acme.dev)'],
    ['an image on a look-alike registry', { image: 'registry.acme.dev.evil.io/x:1' }, /is not from an allowed registry/],
    ['an unpinned image', { image: 'registry.acme.dev/payments/orders-api' }, /image "registry.acme.dev\/payments\/orders-api" is not pinned/],
    ['an image tagged latest', { image: 'registry.acme.dev/payments/orders-api:latest' }, /is not pinned: use a tag other than "latest"/],
    ['a malformed image', { image: 'registry.acme.dev/Payments/orders api:1' }, /is not a valid image reference/],
    ['an unknown preset', { resources: ResourcePreset.named('huge') }, 'resources preset "huge" is not defined by platform acme (defined: large, small, standard)'],
    ['a bad env name', { env: { 'LOG-LEVEL': 'x' } }, /env key "LOG-LEVEL" is not a valid environment variable name/],
    ['a host outside the domain', { ingress: { host: 'orders.example.com' } }, 'ingress.host "orders.example.com" is not within the platform domain apps.acme.dev'],
    ['a host that is not a DNS name', { ingress: { host: 'Orders..apps.acme.dev' } }, /ingress.host "Orders..apps.acme.dev" must be a lower-case DNS name/],
    ['a non-string env value', { env: { N: 1 } }, /env.N \(1\) must be a string/],
    ['a relative ingress path', { ingress: { host: 'orders.apps.acme.dev', path: 'api' } }, /ingress.path "api" must be an absolute URL path/],
    ['args that are not strings', { args: ['--port', 8080] }, /args \(\["--port",8080\]\) must be a list of strings/],
  ];

  test.each(cases)('rejects %s, naming the path, prop and value', (_what, props, message) => {
    const env = testEnvironment();
    const error = errorOf(() => testService(env, props));
    expect(Errors.isPavedError(error)).toBe(true);
    expect(error.name).toBe('PavedError');
    expect(error.message).toMatch(typeof message === 'string' ? new RegExp(escape(message)) : message);
  });

  test('leaves nothing behind when it rejects, so a later synth is whole', () => {
    const env = testEnvironment();
    expect(() => testService(env, { port: 1 })).toThrow();
    expect(env.node.tryFindChild('orders-api')).toBeUndefined();
    testService(env); // the name is still free
    expect(findAll(synth(env), 'Deployment')).toHaveLength(1);
  });

  test('rejects a duplicate service name in one environment, naming both', () => {
    const env = testEnvironment();
    testService(env);
    const group = new Construct(env, 'legacy');
    expect(() => new PlatformService(group, 'orders-api', ORDERS)).toThrow(
      'payments-production/legacy/orders-api: name "orders-api" is already used by payments-production/orders-api in namespace payments-production',
    );
  });

  test('rejects a service outside an environment', () => {
    const app = Testing.app();
    expect(() => new PlatformService(app, 'orders-api', ORDERS)).toThrow(/must be created inside an Environment/);
  });

  test('allows the same name in two environments', () => {
    const app = Testing.app();
    testService(testEnvironment(Tier.STAGING, {}, app));
    expect(() => testService(testEnvironment(Tier.PRODUCTION, {}, app))).not.toThrow();
  });

  test('accepts an image from a registry path the platform narrows to', () => {
    const app = Testing.app();
    const env = testEnvironment(Tier.PRODUCTION, { platform: testPlatform({ registries: ['registry.acme.dev/payments'] }) }, app);
    expect(() => testService(env)).not.toThrow();
    expect(() => testService(env, { image: 'registry.acme.dev/checkout/cart:1.0.0' }, 'cart')).toThrow(/not from an allowed registry \(registry.acme.dev\/payments\)/);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
