import { ClusterPolicy } from '@kubernetes-models/kyverno/kyverno.io/v1/ClusterPolicy';
import { Testing } from 'cdk8s';
import { Platform } from '../../../src/platform/platform';
import { Tier } from '../../../src/platform/tier';
import { KyvernoPolicies } from '../../../src/policy/kyverno/kyverno-policies';
import { Enforcement } from '../../../src/policy/rule';
import { RulePacks } from '../../../src/policy/rule-packs';
import { testPlatform } from '../../support/fixtures';

const everyRule = [...RulePacks.all(), RulePacks.POD_SECURITY_BASELINE].flatMap((p) => p.rules);
const ruleById = new Map(everyRule.map((r) => [r.id, r]));

function synth(props: ConstructorParameters<typeof KyvernoPolicies>[2] = {}): any[] {
  const app = Testing.app();
  const policies = new KyvernoPolicies(app, 'admission', props);
  return Testing.synth(policies);
}

function platform(policy: any = {}): Platform {
  return testPlatform({ policy });
}

describe('KyvernoPolicies', () => {
  test('every policy validates against the Kyverno ClusterPolicy schema', () => {
    const policies = synth({ platform: platform(), packs: [...RulePacks.all(), RulePacks.POD_SECURITY_BASELINE] });
    expect(policies.length).toBeGreaterThan(20);
    for (const policy of policies) expect(() => new ClusterPolicy(policy).validate()).not.toThrow();
  });

  test('the schema check can fail', () => {
    const [policy] = synth();
    expect(() => new ClusterPolicy({ ...policy, spec: { ...policy.spec, background: 'yes' } }).validate()).toThrow();
  });

  test('each rule says what a violation does (validate.failureAction); the deprecated spec-level field is not written', () => {
    for (const policy of synth({ platform: platform(), packs: [...RulePacks.all(), RulePacks.POD_SECURITY_BASELINE] })) {
      expect(policy.spec).not.toHaveProperty('validationFailureAction');
      for (const rule of policy.spec.rules) expect(['Enforce', 'Audit']).toContain(rule.validate.failureAction);
    }
  });

  test('every policy names a real rule, runs in the background and leaves the system namespaces alone', () => {
    const policies = synth();
    const names = new Set<string>();
    for (const policy of policies) {
      const id = policy.metadata.annotations['paved.dev/rule-id'];
      expect(ruleById.has(id)).toBe(true);
      expect(policy.metadata.name).toBe(`paved-${id.replace(/\./g, '-')}`);
      names.add(policy.metadata.name);
      expect(policy.spec.background).toBe(true);
      for (const rule of policy.spec.rules) {
        expect(rule.exclude.any[0].resources.namespaces).toEqual(['kube-system', 'kube-public', 'kube-node-lease', 'kyverno']);
        expect(rule.validate.message).toMatch(new RegExp(`^${id.replace(/\./g, '\\.')}: `));
      }
    }
    expect(names.size).toBe(policies.length);
  });

  test('coverage lists every rule once: exported, or not with a reason', () => {
    const coverage = KyvernoPolicies.coverage(RulePacks.all(), ['registry.acme.dev']);
    expect(coverage.map((c) => c.ruleId).sort()).toEqual([...new Set(RulePacks.all().flatMap((p) => p.rules.map((r) => r.id)))].sort());
    for (const c of coverage) {
      if (c.exported) expect(c.reason).toBeUndefined();
      else expect([c.ruleId, c.reason]).toEqual([c.ruleId, expect.stringMatching(/\w/)]);
    }
    const exported = coverage.filter((c) => c.exported).map((c) => c.ruleId).sort();
    const policies = synth({ platform: platform(), packs: RulePacks.all() });
    expect(policies.map((p) => p.metadata.annotations['paved.dev/rule-id']).sort()).toEqual(exported);
    expect(coverage.find((c) => c.ruleId === 'network.isolated')).toEqual({ ruleId: 'network.isolated', exported: false, reason: expect.stringMatching(/NetworkPolicies/) });
  });

  test('the registry rule is exported only when the platform lists registries', () => {
    expect(KyvernoPolicies.coverage([RulePacks.PRODUCTION_READINESS]).find((c) => c.ruleId === 'workload.image-registry')?.exported).toBe(false);
    expect(synth().map((p) => p.metadata.name)).not.toContain('paved-workload-image-registry');
    expect(synth({ platform: platform(), packs: RulePacks.all() }).map((p) => p.metadata.name)).toContain('paved-workload-image-registry');
  });

  test('enforcement follows the synth: security enforces everywhere, reliability audits below staging, overrides and off apply', () => {
    const action = (policies: any[], id: string) => {
      const policy = policies.find((p) => p.metadata.annotations['paved.dev/rule-id'] === id);
      if (!policy) return undefined;
      const actions = new Set(policy.spec.rules.map((r: any) => r.validate.failureAction));
      expect(actions.size).toBe(1);
      return [...actions][0];
    };
    const development = synth({ tier: Tier.DEVELOPMENT });
    expect(action(development, 'pss.restricted.capabilities')).toBe('Enforce');
    expect(action(development, 'workload.probes')).toBe('Audit');
    expect(action(synth({ tier: Tier.PRODUCTION }), 'workload.probes')).toBe('Enforce');
    const tuned = synth({
      platform: platform({ overrides: [{ ruleId: 'workload.read-only-root-fs', enforcement: Enforcement.WARN }, { ruleId: 'workload.probes', enforcement: Enforcement.OFF }] }),
      packs: RulePacks.all(),
    });
    expect(action(tuned, 'workload.read-only-root-fs')).toBe('Audit');
    expect(action(tuned, 'workload.probes')).toBeUndefined();
  });

  test('the probes rule is generated for long-running controllers only and passes over the Pods of Jobs', () => {
    const policies = synth();
    const probes = policies.find((p) => p.metadata.annotations['paved.dev/rule-id'] === 'workload.probes');
    expect(probes.metadata.annotations['pod-policies.kyverno.io/autogen-controllers']).toBe('DaemonSet,Deployment,ReplicaSet,ReplicationController,StatefulSet');
    expect(probes.spec.rules[0].preconditions.all).toEqual([
      { key: "{{ request.object.metadata.ownerReferences[?controller && (kind == 'Job')] || `[]` | length(@) }}", operator: 'Equals', value: 0 },
    ]);
    const others = policies.filter((p) => p !== probes);
    expect(others.length).toBeGreaterThan(10);
    for (const policy of others) expect(policy.metadata.annotations).not.toHaveProperty(['pod-policies.kyverno.io/autogen-controllers']);
  });

  test('the ServiceAccount rule reads serviceAccountName, else the deprecated serviceAccount, and takes an empty name for the default', () => {
    const policy = synth().find((p) => p.metadata.annotations['paved.dev/rule-id'] === 'workload.default-service-account');
    expect(policy.spec.rules[0].validate.anyPattern).toEqual([
      { spec: { serviceAccountName: '!default & ?*' } },
      { spec: { 'X(serviceAccountName)': 'null', 'serviceAccount': '!default & ?*' } },
    ]);
  });
});
