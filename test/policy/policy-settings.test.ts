import { DEMO_PACK, OWNER_LABEL } from './fixtures';
import { Tier } from '../../src/platform/tier';
import { validatePolicySettings, validateRuleConfiguration } from '../../src/policy/policy-settings';
import { Enforcement } from '../../src/policy/rule';

const settings = (s: any) => () => validatePolicySettings('Platform(acme)', s);

describe('validatePolicySettings', () => {
  test('accepts complete settings', () => {
    expect(settings({
      packs: [DEMO_PACK],
      rules: [{ ...OWNER_LABEL, id: 'acme.owner' }],
      enforceFrom: Tier.PRODUCTION,
      overrides: [{ ruleId: 'demo.replicas', enforcement: Enforcement.WARN, tiers: [Tier.PREVIEW] }],
      unsuppressible: ['demo.no-privileged'],
    })).not.toThrow();
    expect(settings({})).not.toThrow();
  });

  test('names the prop and value it refuses', () => {
    expect(settings({ packs: [{ name: 'x', rules: [] }] })).toThrow('Platform(acme): policy.packs[0] {"name":"x","rules":[]} must be a RulePack (e.g. RulePacks.POD_SECURITY_RESTRICTED)');
    expect(settings({ enforceFrom: 'staging' })).toThrow('Platform(acme): policy.enforceFrom "staging" must be a Tier (preview, development, staging, production)');
    expect(settings({ overrides: [{ ruleId: '', enforcement: Enforcement.WARN }] })).toThrow('policy.overrides[0].ruleId "" must be a non-empty string');
    expect(settings({ unsuppressible: 'demo.replicas' })).toThrow('policy.unsuppressible "demo.replicas" must be a list');
    expect(settings({ rules: [{ ...OWNER_LABEL, kinds: 'Pod' }] })).toThrow(/policy\.rules\[0\] \(demo\.owner-label\)\.kinds "Pod" must list at least one kind/);
  });
});

describe('validateRuleConfiguration', () => {
  const configuration = (c: any) => () => validateRuleConfiguration('Policy.of(app)', 'configure("x")', c);

  test('needs a known enforcement', () => {
    expect(configuration({ enforcement: 'block' })).toThrow('configure("x").enforcement "block" must be one of enforce, warn, off');
    expect(configuration(undefined)).toThrow('configure("x") undefined must be an object with an enforcement');
  });

  test('tiers, when given, list at least one Tier', () => {
    expect(configuration({ enforcement: Enforcement.WARN, tiers: [] })).toThrow('configure("x").tiers [] must list at least one Tier, or be left out to mean every tier');
    expect(configuration({ enforcement: Enforcement.WARN, tiers: ['preview'] })).toThrow('configure("x").tiers[0] "preview" must be a Tier');
    expect(configuration({ enforcement: Enforcement.WARN, tiers: [Tier.PREVIEW] })).not.toThrow();
  });
});
