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

describe('relaxable Pod Security rules', () => {
  test('passing twin: a platform may relax a Pod Security rule it names in relaxable', () => {
    expect(settings({ relaxable: ['pss.restricted.seccomp'], overrides: [{ ruleId: 'pss.restricted.seccomp', enforcement: Enforcement.WARN, tiers: [Tier.PREVIEW] }] })).not.toThrow();
    expect(settings({ overrides: [{ ruleId: 'pss.restricted.seccomp', enforcement: Enforcement.ENFORCE }] })).not.toThrow();
  });

  test('an override that relaxes a Pod Security rule not named in relaxable fails, saying how to allow it', () => {
    expect(settings({ overrides: [{ ruleId: 'pss.baseline.privileged', enforcement: Enforcement.OFF }] })).toThrow(
      'Platform(acme): policy.overrides[0] sets Pod Security rule "pss.baseline.privileged" to off: Pod Security rules enforce unless policy.relaxable names them; add "pss.baseline.privileged" to policy.relaxable to allow it');
    expect(settings({ relaxable: ['pss.restricted.seccomp'], overrides: [{ ruleId: 'pss.baseline.privileged', enforcement: Enforcement.WARN }] })).toThrow(/policy\.overrides\[0\] sets Pod Security rule "pss\.baseline\.privileged" to warn/);
  });

  test('relaxable names Pod Security rules only, each once locked or relaxable', () => {
    expect(settings({ relaxable: ['workload.probes'] })).toThrow('Platform(acme): policy.relaxable[0] "workload.probes" is not a Pod Security rule; only "pss.*" rules need allowing');
    expect(settings({ relaxable: ['pss.x'], unsuppressible: ['pss.x'] })).toThrow('policy.relaxable[0] "pss.x" is also in policy.unsuppressible');
    expect(settings({ relaxable: 'pss.x' })).toThrow('policy.relaxable "pss.x" must be a list');
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
