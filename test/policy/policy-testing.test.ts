import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import { DEMO_PACK, FakeEnvironment, NO_PRIVILEGED, quietApp, Service, TWO_REPLICAS } from './fixtures';
import { Tier } from '../../src/platform/tier';
import { Policy } from '../../src/policy/policy';
import { PolicyTesting } from '../../src/policy/policy-testing';
import { IRule, RuleCategory, Severity } from '../../src/policy/rule';
import { RulePack } from '../../src/policy/rule-pack';

/** The custom rule a platform team writes: data plus a pure check, in a few lines. */
const IMAGE_DIGEST: IRule = {
  id: 'acme.image-digest',
  title: 'Images are pinned by digest',
  severity: Severity.MEDIUM,
  category: RuleCategory.SECURITY,
  rationale: 'A tag can be moved; a digest cannot.',
  remediation: 'reference the image as name@sha256:...',
  kinds: ['Deployment'],
  check: (o) => (o.spec?.template?.spec?.containers ?? [])
    .map((c: any, i: number) => ({ c, i }))
    .filter(({ c }: any) => !String(c.image).includes('@sha256:'))
    .map(({ c, i }: any) => ({ field: `spec.template.spec.containers[${i}].image`, found: JSON.stringify(c.image), expected: 'a digest reference' })),
};

describe('PolicyTesting', () => {
  test('tests a custom rule on a plain Testing.chart(): failing and passing objects', () => {
    const failing = Testing.chart();
    new Service(failing, 'orders-api');
    const passing = Testing.chart();
    const ok = new Service(passing, 'orders-api');
    ok.deployment.addJsonPatch(JsonPatch.replace('/spec/template/spec/containers/0/image', 'registry.acme.dev/app@sha256:abc'));

    PolicyTesting.assertYields(failing, ['acme.image-digest'], { rules: [IMAGE_DIGEST] });
    PolicyTesting.assertPasses(passing, { rules: [IMAGE_DIGEST] });
  });

  test('findings returns every finding whatever its enforcement, with what to fix', () => {
    const app = Testing.app();
    new Service(new FakeEnvironment(app, 'preview', Tier.PREVIEW), 'orders-api', { privileged: true, replicas: 1, team: 'payments' });

    expect(PolicyTesting.findings(app).map((f) => [f.ruleId, f.enforcement, f.field])).toEqual([
      ['demo.no-privileged', 'enforce', 'spec.template.spec.containers[0].securityContext.privileged'],
      ['demo.replicas', 'warn', 'spec.replicas'],
    ]);
  });

  test('with explicit packs, checks exactly those, whatever the app or platform configured', () => {
    const app = Testing.app();
    new Service(new FakeEnvironment(app, 'prod', Tier.PRODUCTION), 'orders-api', { privileged: true, replicas: 1, team: 'payments' });

    expect(PolicyTesting.ruleIds(app, { packs: [new RulePack('only', [TWO_REPLICAS])] })).toEqual(['demo.replicas']);
  });

  test('does not attach a policy engine to an app that has none', () => {
    const chart = Testing.chart();
    new Service(chart, 'orders-api', { privileged: true });

    PolicyTesting.findings(chart, { packs: [DEMO_PACK] });

    expect(chart.node.root.node.children.some((c) => Policy.isPolicy(c))).toBe(false);
    expect(() => Testing.synth(chart)).not.toThrow();
  });

  test('uses the app\'s suppressions, and acknowledged findings do not count', () => {
    const app = quietApp();
    const env = new FakeEnvironment(app, 'prod', Tier.PRODUCTION);
    const legacy = new Service(env, 'legacy', { privileged: true, team: 'payments' });
    Policy.suppress(legacy, NO_PRIVILEGED.id, { reason: 'NET-7' });

    expect(PolicyTesting.findings(app)).toHaveLength(1);
    expect(PolicyTesting.ruleIds(app)).toEqual([]);
    expect(() => PolicyTesting.assertPasses(app)).not.toThrow();
  });

  test('judges expiry on the given day', () => {
    const app = quietApp();
    const legacy = new Service(new FakeEnvironment(app, 'prod', Tier.PRODUCTION), 'legacy', { privileged: true, team: 'payments' });
    Policy.suppress(legacy, NO_PRIVILEGED.id, { reason: 'NET-7', expires: '2027-03-31' });

    expect(PolicyTesting.ruleIds(app, { asOf: '2027-03-31' })).toEqual([]);
    expect(PolicyTesting.ruleIds(app, { asOf: '2027-04-01' })).toEqual(['demo.no-privileged']);
  });

  test('assertPasses lists every finding when the scope does not pass', () => {
    const chart = new Chart(Testing.app(), 'c');
    new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } });

    expect(() => PolicyTesting.assertPasses(chart, { packs: [DEMO_PACK] }))
      .toThrow('expected c to pass policy, but it has 1 finding(s):\n✖ demo.owner-label  c  ConfigMap/cm');
  });

  test('assertYields says what it expected and what it got', () => {
    const chart = Testing.chart();
    new Service(chart, 'orders-api', { replicas: 1, team: 'payments' });

    expect(() => PolicyTesting.assertYields(chart, ['demo.no-privileged'], { packs: [DEMO_PACK] }))
      .toThrow(/^expected findings of \[demo\.no-privileged\] under test, got \[demo\.replicas\]:\n✖ demo\.replicas/);
    expect(() => PolicyTesting.assertYields(chart, ['demo.replicas', 'demo.replicas'], { packs: [DEMO_PACK] })).not.toThrow();
  });
});
