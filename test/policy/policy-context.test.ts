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
    });
  });

  test('outside any environment: production, and no registry allowed', () => {
    const chart = new Chart(Testing.app(), 'plain');

    expect(policyContextOf(chart)).toEqual({ tier: Tier.PRODUCTION, allowedRegistries: [] });
  });

  test('a chart with a tier but no platform is not an environment', () => {
    const chart = new Chart(Testing.app(), 'half') as any;
    chart.tier = Tier.PREVIEW;

    expect(policyContextOf(chart).tier).toBe(Tier.PRODUCTION);
  });
});
