import { ClusterPolicy } from '@kubernetes-models/kyverno/kyverno.io/v1/ClusterPolicy';
import { Testing } from 'cdk8s';
import { policyRejects } from './kyverno-matcher';
import { Platform } from '../../../src/platform/platform';
import { Tier } from '../../../src/platform/tier';
import { KyvernoPolicies } from '../../../src/policy/kyverno/kyverno-policies';
import { Enforcement } from '../../../src/policy/rule';
import { RulePacks } from '../../../src/policy/rule-packs';
import { POD_SECURITY_CASES } from '../packs/pod-security/cases';
import { contextFor, deploymentWith, main } from '../packs/workloads';

const everyRule = [...RulePacks.all(), RulePacks.POD_SECURITY_BASELINE].flatMap((p) => p.rules);
const ruleById = new Map(everyRule.map((r) => [r.id, r]));

function synth(props: ConstructorParameters<typeof KyvernoPolicies>[2] = {}): any[] {
  const app = Testing.app();
  const policies = new KyvernoPolicies(app, 'admission', props);
  return Testing.synth(policies);
}

function platform(policy: any = {}): Platform {
  return new Platform({ name: 'acme', domain: 'acme.dev', registries: ['registry.acme.dev'], policy } as any);
}

/** The pod template of an edited well-formed Deployment, as the Pod a controller would create. */
function podOf(edit: (pod: any, metadata: any) => void): any {
  const d = deploymentWith((o, pod) => edit(pod, o.spec.template.metadata));
  return { apiVersion: 'v1', kind: 'Pod', metadata: { ...d.spec.template.metadata, namespace: 'payments-production' }, spec: d.spec.template.spec };
}

describe('KyvernoPolicies', () => {
  test('every policy validates against the Kyverno ClusterPolicy schema', () => {
    const policies = synth({ platform: platform(), packs: [...RulePacks.all(), RulePacks.POD_SECURITY_BASELINE] });
    expect(policies.length).toBeGreaterThan(20);
    for (const policy of policies) expect(() => new ClusterPolicy(policy).validate()).not.toThrow();
  });

  test('the schema check can fail', () => {
    const [policy] = synth();
    expect(() => new ClusterPolicy({ ...policy, spec: { ...policy.spec, validationFailureAction: 'Block' } }).validate()).toThrow();
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
    const action = (policies: any[], id: string) => policies.find((p) => p.metadata.annotations['paved.dev/rule-id'] === id)?.spec.validationFailureAction;
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

  describe('rejects at admission what the synth-time rule rejects', () => {
    const policies = synth({ platform: platform(), packs: [...RulePacks.all(), RulePacks.POD_SECURITY_BASELINE] });
    const context = (pod: any) => contextFor(pod, { objects: [pod] });

    const extraCases: Array<[string, (pod: any, metadata: any) => void]> = [
      ['no probes', (p) => { delete main(p).readinessProbe; }],
      ['no memory limit', (p) => { delete main(p).resources.limits; }],
      ['no CPU request on an init container', (p) => { p.initContainers = [{ ...main(p), name: 'init', resources: { requests: { memory: '1Mi' }, limits: { memory: '1Mi' } } }]; }],
      ['a writable root filesystem', (p) => { main(p).securityContext.readOnlyRootFilesystem = false; }],
      ['the default ServiceAccount', (p) => { p.serviceAccountName = 'default'; }],
      ['an image from Docker Hub', (p) => { main(p).image = 'docker.io/library/nginx:1.27'; }],
      ['a look-alike registry', (p) => { main(p).image = 'registry.acme.dev.evil.io/app:1'; }],
      ['an Unconfined ephemeral container', (p) => { p.ephemeralContainers = [{ ...main(p), name: 'debug', securityContext: { ...main(p).securityContext, seccompProfile: { type: 'Unconfined' } } }]; }],
      ['drop ALL among others', (p) => { main(p).securityContext.capabilities.drop = ['NET_RAW', 'ALL']; }],
    ];
    const cases: Array<[string, (pod: any, metadata: any) => void]> = [
      ['the well-formed pod', () => undefined],
      ...POD_SECURITY_CASES.map((c): [string, (pod: any, metadata: any) => void] => [`${c.rule.id}: ${c.name}`, c.edit]),
      ...extraCases,
    ];

    test.each(cases)('%s', (_name, edit) => {
      const pod = podOf(edit);
      const disagreements = policies.flatMap((policy) => {
        const rule = ruleById.get(policy.metadata.annotations['paved.dev/rule-id'])!;
        const synthRejects = rule.check(pod, context(pod)).length > 0;
        const kyvernoRejects = policyRejects(policy, pod);
        return synthRejects === kyvernoRejects ? [] : [`${rule.id}: synth ${synthRejects ? 'rejects' : 'admits'}, Kyverno ${kyvernoRejects ? 'rejects' : 'admits'}`];
      });
      expect(disagreements).toEqual([]);
    });

    test('the cases exercise every exported policy both ways', () => {
      const outcomes = new Map<string, Set<boolean>>();
      for (const [, edit] of cases) {
        const pod = podOf(edit);
        for (const policy of policies) {
          const set = outcomes.get(policy.metadata.name) ?? new Set<boolean>();
          set.add(policyRejects(policy, pod));
          outcomes.set(policy.metadata.name, set);
        }
      }
      for (const [name, seen] of outcomes) expect([name, [...seen].sort()]).toEqual([name, [false, true]]);
    });

    test('a pod in an excluded namespace is left alone', () => {
      const pod = { ...podOf((p) => { p.hostNetwork = true; }), metadata: { namespace: 'kube-system' } };
      expect(policies.some((p) => policyRejects(p, pod))).toBe(false);
    });
  });
});
