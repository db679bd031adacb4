import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import { companions, contextFor, deployment } from './workloads';
import { declarePeer } from '../../../src/network/declared-peers';
import { PolicyTesting } from '../../../src/policy/policy-testing';
import { RuleCategory } from '../../../src/policy/rule';
import { RulePack } from '../../../src/policy/rule-pack';
import { RulePacks } from '../../../src/policy/rule-packs';
import { validateRule } from '../../../src/policy/rule-validation';

const allRules = () => [...RulePacks.all(), RulePacks.POD_SECURITY_BASELINE].flatMap((p) => p.rules);

/** The well-formed objects as a chart, the way the engine sees them. */
function chartOf(objects: any[]): Chart {
  const chart = new Chart(Testing.app(), 'payments-production');
  objects.forEach((o, i) => new ApiObject(chart, `o${i}`, o));
  // What Paved's constructs declare when they write the fixture's cross-namespace peers.
  declarePeer(chart, 'ingress', 'ingress-nginx', { 'app.kubernetes.io/name': 'ingress-nginx' });
  declarePeer(chart, 'egress', 'kube-system', { 'k8s-app': 'kube-dns' });
  return chart;
}

describe('RulePacks', () => {
  test('hold at least 30 distinct rules with unique, valid ids', () => {
    const rules = [...new Set(allRules())];
    expect(rules.length).toBeGreaterThanOrEqual(30);
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const rule of rules) expect(() => validateRule('test', rule.id, rule)).not.toThrow();
  });

  test('all() is restricted Pod Security, production readiness, network, secrets, guardrails, exposure and cost', () => {
    expect(RulePacks.all().map((p) => p.name)).toEqual(['pod-security-restricted', 'production-readiness', 'network', 'secrets', 'guardrails', 'exposure', 'cost']);
    for (const pack of RulePacks.all()) expect(pack).toBeInstanceOf(RulePack);
  });

  test('Pod Security, network and secrets rules are security rules, so they enforce in every tier', () => {
    for (const pack of [RulePacks.POD_SECURITY_RESTRICTED, RulePacks.NETWORK, RulePacks.SECRETS, RulePacks.GUARDRAILS, RulePacks.EXPOSURE]) {
      for (const rule of pack.rules) expect([rule.id, rule.category]).toEqual([rule.id, RuleCategory.SECURITY]);
    }
  });

  test('scanner check names have each scanner\'s shape', () => {
    for (const { id, scannerChecks } of allRules()) {
      for (const name of scannerChecks?.kubeLinter ?? []) expect([id, name]).toEqual([id, expect.stringMatching(/^[a-z]+(-[a-z]+)*$/)]);
      for (const name of scannerChecks?.polaris ?? []) expect([id, name]).toEqual([id, expect.stringMatching(/^[a-z]+[A-Za-z]*$/)]);
      for (const name of scannerChecks?.checkov ?? []) expect([id, name]).toEqual([id, expect.stringMatching(/^CKV_K8S_\d+$/)]);
      for (const name of scannerChecks?.kubeScore ?? []) expect([id, name]).toEqual([id, expect.stringMatching(/^[a-z]+(-[a-z]+)*$/)]);
    }
  });

  test('a well-formed restricted Deployment and its companions yield zero findings from every pack', () => {
    const objects = [deployment(), ...companions()];
    const context = contextFor(undefined, { objects });
    for (const object of objects) {
      const findings = allRules()
        .filter((r) => r.kinds.includes('*') || r.kinds.includes(object.kind))
        .flatMap((r) => r.check(object, context).map((v) => `${r.id} ${object.kind} ${v.field}`));
      expect(findings).toEqual([]);
    }
  });

  test('the engine agrees: the chart passes every pack', () => {
    expect(PolicyTesting.findings(chartOf([deployment(), ...companions()]), { packs: RulePacks.all() })).toEqual([]);
  });

  test('an escape hatch that breaks a restricted control is found, naming the construct', () => {
    const chart = chartOf([deployment(), ...companions()]);
    ApiObject.of(chart.node.findChild('o0')).addJsonPatch(JsonPatch.replace('/spec/template/spec/containers/0/securityContext/capabilities/drop', []));
    const findings = PolicyTesting.findings(chart, { packs: [RulePacks.POD_SECURITY_RESTRICTED] });
    expect(findings.map((f) => [f.ruleId, f.path, f.field])).toEqual([
      ['pss.restricted.capabilities', 'payments-production', 'spec.template.spec.containers[0].securityContext.capabilities.drop'],
    ]);
  });
});
