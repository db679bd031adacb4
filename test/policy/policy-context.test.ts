import { Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { FakeEnvironment } from './fixtures';
import { Tier } from '../../src/platform/tier';
import { policyContextOf } from '../../src/policy/policy-context';

describe('policyContextOf', () => {
  test('reads the tier, registries and policy of the nearest enclosing environment', () => {
    const env = new FakeEnvironment(Testing.app(), 'preview', Tier.PREVIEW, { enforceFrom: Tier.PREVIEW });
    const deep = new Construct(new Construct(env, 'a'), 'b');

    expect(policyContextOf(deep)).toEqual({
      tier: Tier.PREVIEW,
      allowedRegistries: ['registry.acme.dev'],
      platformName: 'acme',
      settings: { enforceFrom: Tier.PREVIEW },
      platform: env.platform,
      environmentNamespace: 'preview',
      privateCidrs: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7'],
    });
  });

  test('outside any environment: production, no registry allowed, no environment namespace, the default private ranges', () => {
    const chart = new Chart(Testing.app(), 'plain', { namespace: 'plain' });

    expect(policyContextOf(chart)).toEqual({ tier: Tier.PRODUCTION, allowedRegistries: [], privateCidrs: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7'] });
  });

  test('reads the platform\'s private ranges', () => {
    const env = new FakeEnvironment(Testing.app(), 'dev', Tier.DEVELOPMENT) as any;
    env.platform.privateCidrs = ['10.20.0.0/16'];

    expect(policyContextOf(env).privateCidrs).toEqual(['10.20.0.0/16']);
  });

  test('a chart with a tier but no platform is not an environment', () => {
    const chart = new Chart(Testing.app(), 'half') as any;
    chart.tier = Tier.PREVIEW;

    expect(policyContextOf(chart).tier).toBe(Tier.PRODUCTION);
  });
});
