import { ApiObject, Duration, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Rollout } from '../../src/delivery/rollout';
import { Environment } from '../../src/environment/environment';
import { Tier } from '../../src/platform/tier';
import { selects } from '../../src/policy/packs/label-selector';
import { PolicyTesting } from '../../src/policy/policy-testing';
import { RulePacks } from '../../src/policy/rule-packs';
import { PlatformService } from '../../src/service/platform-service';
import { everyPack, find, findAll, synth, testEnvironment, testPlatform, testService } from '../support/fixtures';
import { expectRestrictedWorkloadPod } from '../support/restricted-pod';
import { manifestsOf, validateAgainstSchemas } from '../support/schema';

const CANARY = Rollout.canary({ steps: [10, 50, 100], analysis: { maxErrorRate: 0.01, maxLatencyP99: Duration.millis(300) } });

/** A whole production environment: a canary service with ingress and a caller, beside a rolling one. */
function canaryEnvironment(app = Testing.app()): { env: Environment; api: PlatformService; worker: PlatformService } {
  const env = new Environment(app, 'shop-production', { platform: testPlatform(), tier: Tier.PRODUCTION, team: 'shop' });
  const api = new PlatformService(env, 'orders-api', {
    image: 'registry.acme.dev/shop/orders-api:1.4.2',
    port: 8080,
    ingress: { host: 'orders.apps.acme.dev' },
    observability: { metricsPort: 9090 },
    rollout: CANARY,
  });
  const worker = new PlatformService(env, 'orders-worker', {
    image: 'registry.acme.dev/shop/orders-worker:2.0.0',
    port: 9000,
    replicas: { min: 2, max: 4 },
  });
  api.allowFrom(worker);
  return { env, api, worker };
}

describe('a canary PlatformService', () => {
  const { env, api } = canaryEnvironment();
  const objects = synth(env);
  const rollout = find(objects, 'Rollout', 'orders-api');
  const canary = rollout.spec.strategy.canary;

  test('matches its snapshot', () => {
    expect(objects).toMatchSnapshot();
  });

  test('emits a Rollout in place of the Deployment, plus the canary objects', () => {
    expect(objects.filter((o) => o.metadata.name.startsWith('orders-api')).map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      'AnalysisTemplate/orders-api-canary', 'ConfigMap/orders-api-dashboard', 'HorizontalPodAutoscaler/orders-api', 'Ingress/orders-api',
      'NetworkPolicy/orders-api', 'PodDisruptionBudget/orders-api', 'PrometheusRule/orders-api', 'Rollout/orders-api', 'Service/orders-api',
      'Service/orders-api-canary', 'Service/orders-api-stable', 'ServiceAccount/orders-api', 'ServiceMonitor/orders-api',
    ]);
    expect(findAll(objects, 'Deployment').map((d) => d.metadata.name)).toEqual(['orders-worker']);
    expect(rollout.apiVersion).toBe('argoproj.io/v1alpha1');
  });

  test('exposes every emitted object', () => {
    expect(api.rolloutObject!.toJson()).toEqual(rollout);
    expect(api.analysisTemplate!.toJson()).toEqual(find(objects, 'AnalysisTemplate', 'orders-api-canary'));
    expect(ApiObject.of(api.canaryService!).toJson()).toEqual(find(objects, 'Service', 'orders-api-canary'));
    expect(ApiObject.of(api.stableService!).toJson()).toEqual(find(objects, 'Service', 'orders-api-stable'));
  });

  test('runs exactly the pod template of the secure Deployment', () => {
    const rolling = testEnvironment(Tier.PRODUCTION, { namespace: 'shop-production', team: 'shop' });
    new PlatformService(rolling, 'orders-api', {
      image: 'registry.acme.dev/shop/orders-api:1.4.2', port: 8080, ingress: { host: 'orders.apps.acme.dev' }, observability: { metricsPort: 9090 },
    });
    const deployment = find(synth(rolling), 'Deployment', 'orders-api');
    expect(rollout.spec.template).toEqual(deployment.spec.template);
    expect(rollout.spec.selector).toEqual(deployment.spec.selector);
    expect(rollout.metadata).toEqual(deployment.metadata);
    const pod = rollout.spec.template.spec;
    expectRestrictedWorkloadPod(pod, 10001);
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.topologySpreadConstraints).toHaveLength(2);
  });

  test('moves traffic in the declared steps, pausing between them, with no replica ever unavailable', () => {
    expect(canary.steps).toEqual([
      { setWeight: 10 }, { pause: { duration: '5m' } },
      { setWeight: 50 }, { pause: { duration: '5m' } },
      { setWeight: 100 },
    ]);
    expect(canary.maxSurge).toBe('25%');
    expect(canary.maxUnavailable).toBe(0);
    expect(rollout.spec.strategy.rollingUpdate).toBeUndefined();
    expect(Object.keys(rollout.spec.strategy)).toEqual(['canary']);
  });

  test('steers through canary and stable Services that select the same pods as the service', () => {
    expect(canary.canaryService).toBe('orders-api-canary');
    expect(canary.stableService).toBe('orders-api-stable');
    const main = find(objects, 'Service', 'orders-api');
    for (const name of ['orders-api-canary', 'orders-api-stable']) {
      const service = find(objects, 'Service', name);
      expect(service.spec.type).toBe('ClusterIP');
      expect(service.spec.selector).toEqual(main.spec.selector);
      expect(service.spec.ports).toEqual(main.spec.ports);
    }
  });

  test('runs the analysis in the background from the first step, on the canary pods\' hash', () => {
    expect(canary.analysis).toEqual({
      templates: [{ templateName: 'orders-api-canary' }],
      args: [{ name: 'canary-hash', valueFrom: { podTemplateHashValue: 'Latest' } }],
    });
    expect(canary.analysis.startingStep).toBeUndefined();
    expect(find(objects, 'AnalysisTemplate', canary.analysis.templates[0].templateName).spec.args).toEqual([{ name: 'canary-hash' }]);
  });

  test('has the autoscaler scale the Rollout, which then leaves replicas to it', () => {
    expect(find(objects, 'HorizontalPodAutoscaler', 'orders-api').spec.scaleTargetRef).toEqual({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'orders-api' });
    expect(rollout.spec.replicas).toBeUndefined();
  });

  test('keeps the disruption budget on the pods', () => {
    const pdb = find(objects, 'PodDisruptionBudget', 'orders-api');
    expect(pdb.spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: { 'app.kubernetes.io/instance': 'orders-api', 'app.kubernetes.io/name': 'orders-api' } } });
    expect(selects(pdb.spec.selector, rollout.spec.template.metadata.labels)).toBe(true);
  });

  test('labels metrics with the pod template hash and scrapes the service\'s own Service only', () => {
    const monitor = find(objects, 'ServiceMonitor', 'orders-api');
    expect(monitor.spec.podTargetLabels).toEqual(['rollouts-pod-template-hash']);
    expect(selects(monitor.spec.selector, find(objects, 'Service', 'orders-api').metadata.labels)).toBe(true);
    expect(selects(monitor.spec.selector, find(objects, 'Service', 'orders-api-canary').metadata.labels)).toBe(false);
    expect(selects(monitor.spec.selector, find(objects, 'Service', 'orders-api-stable').metadata.labels)).toBe(false);
  });

  test('counts available replicas from the Argo Rollouts controller, which reports Rollouts', () => {
    const rules = find(objects, 'PrometheusRule', 'orders-api').spec.groups.flatMap((g: any) => g.rules);
    expect(rules.find((r: any) => r.alert === 'ServiceUnavailable').expr).toBe('sum(rollout_info_replicas_available{namespace="shop-production",name="orders-api"}) < 2');
    const dashboard = JSON.parse(Object.values(find(objects, 'ConfigMap', 'orders-api-dashboard').data)[0] as string);
    const replicas = dashboard.panels.find((p: any) => p.title === 'Available replicas');
    expect(replicas.targets[0].expr).toBe('sum(rollout_info_replicas_available{namespace="shop-production",name="orders-api"})');
  });

  test('every object validates against the upstream schemas', () => {
    validateAgainstSchemas(manifestsOf(env));
  });

  test('passes every rule pack without a single finding, warnings included', () => {
    PolicyTesting.assertPasses(env, { packs: everyPack() });
  });
});

describe('the Deployment as the source of the Rollout', () => {
  test('a JSON patch on ApiObject.of(service.deployment) reaches the Rollout', () => {
    const env = testEnvironment();
    const service = testService(env, { rollout: CANARY });
    ApiObject.of(service.deployment).addJsonPatch(JsonPatch.add('/spec/revisionHistoryLimit', 3));
    ApiObject.of(service.deployment).metadata.addAnnotation('acme.dev/reviewed', 'yes');
    const rollout = find(synth(env), 'Rollout', 'orders-api');
    expect(rollout.spec.revisionHistoryLimit).toBe(3);
    expect(rollout.metadata.annotations).toEqual({ 'acme.dev/reviewed': 'yes' });
  });

  test('a JSON patch on the Rollout itself applies to its whole spec, and the Deployment renders once per Rollout rendering', () => {
    const { api: service } = canaryEnvironment();
    ApiObject.of(service.rolloutObject!).addJsonPatch(JsonPatch.replace('/spec/strategy/canary/steps/1/pause/duration', '10m'));
    const source = ApiObject.of(service.deployment);
    const render = jest.spyOn(source, 'toJson');
    const json = service.rolloutObject!.toJson();
    expect(render).toHaveBeenCalledTimes(1);
    render.mockRestore();
    expect(json.spec.strategy.canary.steps[1]).toEqual({ pause: { duration: '10m' } });
    expect(json.spec.template.spec.containers[0].name).toBe('orders-api');
  });

  test('a container added through service.container reaches the Rollout', () => {
    const env = testEnvironment();
    const service = testService(env, { rollout: CANARY });
    service.container.env.addVariable('FEATURE_X', kplus.EnvValue.fromValue('on'));
    const container = find(synth(env), 'Rollout', 'orders-api').spec.template.spec.containers[0];
    expect(container.env).toContainEqual({ name: 'FEATURE_X', value: 'on' });
  });

  test('ApiObject.of(service.deployment) still finds the Deployment object, which is not emitted', () => {
    const env = testEnvironment();
    const service = testService(env, { rollout: CANARY });
    expect(ApiObject.of(service.deployment).kind).toBe('Deployment');
    expect(findAll(synth(env), 'Deployment')).toEqual([]);
  });

  test('policy still catches a broken pod template, on the Rollout', () => {
    const { env, api } = canaryEnvironment();
    ApiObject.of(api.deployment).addJsonPatch(JsonPatch.replace('/spec/template/spec/securityContext/runAsNonRoot', false));
    const findings = PolicyTesting.findings(env, { packs: [RulePacks.POD_SECURITY_RESTRICTED] });
    expect(findings.map((f) => `${f.ruleId} ${f.path} ${f.kind}/${f.name} ${f.field}`)).toContain(
      'pss.restricted.run-as-non-root shop-production/orders-api Rollout/orders-api spec.template.spec.securityContext.runAsNonRoot',
    );
  });

  test('an autoscaler-free canary pins its replicas on the Rollout', () => {
    const env = testEnvironment();
    testService(env, { rollout: CANARY, replicas: { min: 3, max: 3 } });
    const objects = synth(env);
    expect(find(objects, 'Rollout', 'orders-api').spec.replicas).toBe(3);
    expect(findAll(objects, 'HorizontalPodAutoscaler')).toEqual([]);
  });
});

describe('where a canary applies', () => {
  test('rolling is the default: a Deployment with a 25 % surge and no unavailable replica', () => {
    for (const rollout of [undefined, Rollout.rolling()]) {
      const env = testEnvironment();
      const service = testService(env, { rollout });
      const objects = synth(env);
      expect(find(objects, 'Deployment', 'orders-api').spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } });
      expect(findAll(objects, 'Rollout')).toEqual([]);
      expect(findAll(objects, 'AnalysisTemplate')).toEqual([]);
      expect(find(objects, 'ServiceMonitor', 'orders-api').spec.podTargetLabels).toBeUndefined();
      expect(service.rolloutObject).toBeUndefined();
    }
  });

  test('rolling produces exactly what no rollout produces', () => {
    const plain = testEnvironment();
    testService(plain);
    const rolling = testEnvironment();
    testService(rolling, { rollout: Rollout.rolling() });
    expect(synth(rolling)).toEqual(synth(plain));
  });

  test.each([[Tier.PREVIEW], [Tier.DEVELOPMENT]])('below staging (%s) the service stays a rolling Deployment', (tier) => {
    const env = testEnvironment(tier);
    const service = testService(env, { rollout: CANARY });
    const objects = synth(env);
    expect(find(objects, 'Deployment', 'orders-api').spec.strategy.type).toBe('RollingUpdate');
    expect(findAll(objects, 'Rollout')).toEqual([]);
    expect(findAll(objects, 'Service').map((s) => s.metadata.name)).toEqual(['orders-api']);
    expect(service.canaryService).toBeUndefined();
    validateAgainstSchemas(manifestsOf(env));
  });

  test('from staging on, the service is a canary', () => {
    const env = testEnvironment(Tier.STAGING);
    testService(env, { rollout: CANARY });
    expect(find(synth(env), 'Rollout', 'orders-api').spec.strategy.canary.steps[0]).toEqual({ setWeight: 10 });
    PolicyTesting.assertPasses(env, { packs: everyPack() });
  });

  test('fromTier moves the threshold', () => {
    const staging = testEnvironment(Tier.STAGING);
    testService(staging, { rollout: Rollout.canary({ steps: [50, 100], fromTier: Tier.PRODUCTION }) });
    expect(findAll(synth(staging), 'Rollout')).toEqual([]);
    const dev = testEnvironment(Tier.DEVELOPMENT);
    testService(dev, { rollout: Rollout.canary({ steps: [50, 100], fromTier: Tier.DEVELOPMENT }) });
    expect(findAll(synth(dev), 'Rollout')).toHaveLength(1);
    PolicyTesting.assertPasses(dev, { packs: everyPack() });
  });

  test('the pause between steps is the declared one', () => {
    const env = testEnvironment();
    testService(env, { rollout: Rollout.canary({ steps: [25, 100], pause: Duration.seconds(90) }) });
    expect(find(synth(env), 'Rollout', 'orders-api').spec.strategy.canary.steps).toEqual([{ setWeight: 25 }, { pause: { duration: '90s' } }, { setWeight: 100 }]);
  });
});

describe('a canary\'s share of ingress traffic', () => {
  const exposed = (platform = testPlatform()) => {
    const env = testEnvironment(Tier.PRODUCTION, { platform });
    testService(env, { ingress: { host: 'orders.apps.acme.dev' }, rollout: CANARY });
    return synth(env);
  };
  const backend = (objects: any[]) => find(objects, 'Ingress', 'orders-api').spec.rules[0].http.paths[0].backend.service.name;

  test('behind ingress-nginx is set by weight: Argo Rollouts clones the Ingress, which routes to the stable Service', () => {
    const objects = exposed();
    expect(find(objects, 'Rollout', 'orders-api').spec.strategy.canary.trafficRouting).toEqual({ nginx: { stableIngress: 'orders-api' } });
    expect(backend(objects)).toBe('orders-api-stable');
    validateAgainstSchemas(objects);
  });

  test('behind another controller is the canary\'s share of the replicas: no router, the Ingress routes to the service', () => {
    const objects = exposed(testPlatform({ ingress: { className: 'traefik', controllerNamespace: 'traefik' } }));
    expect(find(objects, 'Rollout', 'orders-api').spec.strategy.canary.trafficRouting).toBeUndefined();
    expect(backend(objects)).toBe('orders-api');
  });

  test('follows the platform\'s word over the class name', () => {
    const off = exposed(testPlatform({ ingress: { nginxCanaryRouting: false } }));
    expect(find(off, 'Rollout', 'orders-api').spec.strategy.canary.trafficRouting).toBeUndefined();
    const on = exposed(testPlatform({ ingress: { className: 'nginx-internal', nginxCanaryRouting: true } }));
    expect(find(on, 'Rollout', 'orders-api').spec.strategy.canary.trafficRouting).toEqual({ nginx: { stableIngress: 'orders-api' } });
  });

  test('needs no router when the service is not exposed', () => {
    const env = testEnvironment(Tier.PRODUCTION);
    testService(env, { rollout: CANARY });
    expect(find(synth(env), 'Rollout', 'orders-api').spec.strategy.canary.trafficRouting).toBeUndefined();
  });

  test('leaves a rolling service\'s Ingress on its own Service', () => {
    const env = testEnvironment(Tier.PRODUCTION);
    testService(env, { ingress: { host: 'orders.apps.acme.dev' } });
    expect(backend(synth(env))).toBe('orders-api');
  });
});

