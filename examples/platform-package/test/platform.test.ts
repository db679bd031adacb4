import { Testing } from 'cdk8s';
import { Environment, PlatformService, PolicyTesting, ResourcePreset, Tier } from 'paved';
import { HOST_NAMES_TEAM, acme } from '../src';

function service(tier: Tier, host: string, resources?: ResourcePreset) {
  const env = new Environment(Testing.app(), `payments-${tier.name}`, { platform: acme, tier, team: 'payments' });
  new PlatformService(env, 'orders-api', { image: 'registry.acme.dev/payments/orders-api:1.4.2', port: 8080, ingress: { host }, resources, replicas: { min: 3, max: 6 } });
  return env;
}

describe('@acme/platform', () => {
  test('runs three replicas at least in production, labelled with the cost centre', () => {
    const objects = Testing.synth(service(Tier.PRODUCTION, 'orders.payments.apps.acme.dev'));
    const hpa = objects.find((o: any) => o.kind === 'HorizontalPodAutoscaler');
    expect(hpa.spec).toMatchObject({ minReplicas: 3, maxReplicas: 6 });
    expect(objects.every((o: any) => o.metadata.labels?.['acme.dev/cost-centre'] === 'engineering')).toBe(true);
  });

  test('defines the xlarge preset', () => {
    const objects = Testing.synth(service(Tier.STAGING, 'orders.payments.staging.apps.acme.dev', ResourcePreset.named('xlarge')));
    const deployment = objects.find((o: any) => o.kind === 'Deployment');
    expect(deployment.spec.template.spec.containers[0].resources).toEqual({ requests: { cpu: '1', memory: '2048Mi' }, limits: { cpu: '4', memory: '4096Mi' } });
  });

  test('acme.host-names-team: a host without the team fails, in every tier', () => {
    for (const tier of [Tier.STAGING, Tier.PRODUCTION]) {
      const env = service(tier, 'orders.apps.acme.dev');
      PolicyTesting.assertYields(env, ['acme.host-names-team'], { rules: [HOST_NAMES_TEAM] });
    }
  });

  test('acme.host-names-team: a host naming the team passes', () => {
    const env = service(Tier.PRODUCTION, 'orders.payments.apps.acme.dev');
    PolicyTesting.assertPasses(env, { rules: [HOST_NAMES_TEAM] });
  });

  test('a host of another team fails the synth, naming the rule, the host and the fix', () => {
    const env = service(Tier.PRODUCTION, 'orders.search.apps.acme.dev');
    expect(() => Testing.synth(env)).toThrow(/✖ acme\.host-names-team .*\n.*spec\.rules\[0\]\.host is orders\.search\.apps\.acme\.dev .*a host with "payments" among its labels\n.*fix: put the team as a label of the host/);
  });
});
