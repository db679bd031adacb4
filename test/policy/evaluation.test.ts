import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import { deploymentManifest, FakeEnvironment, NO_PRIVILEGED, OWNER_LABEL, Service, TWO_REPLICAS } from './fixtures';
import { Tier } from '../../src/platform/tier';
import { evaluate } from '../../src/policy/evaluation';
import { IRule, RuleContext } from '../../src/policy/rule';
import { RuleBook } from '../../src/policy/rule-book';
import { RulePack } from '../../src/policy/rule-pack';
import { createSuppression } from '../../src/policy/suppression';

function bookOf(...rules: IRule[]): RuleBook {
  return new RuleBook({ path: 'Policy.of(app)', packs: [new RulePack('test', rules)], rules: [], configurations: [] });
}

function run(scope: any, book: RuleBook, suppressions: any[] = [], today = '2027-01-01') {
  return evaluate({ scope, book, suppressions, today });
}

describe('evaluate', () => {
  test('gives a rule only the kinds it names; "*" sees every kind', () => {
    const seen: Record<string, string[]> = { deployment: [], all: [] };
    const spy = (id: string, kinds: string[], into: string[]): IRule =>
      ({ ...OWNER_LABEL, id, kinds, check: (o) => { into.push(o.kind); return []; } });
    const chart = Testing.chart();
    new Service(chart, 'orders-api');
    new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } });

    run(chart, bookOf(spy('spy.deployment', ['Deployment'], seen.deployment), spy('spy.all', ['*'], seen.all)));

    expect(seen.deployment).toEqual(['Deployment']);
    expect(seen.all.sort()).toEqual(['ConfigMap', 'Deployment']);
  });

  test('rules see the object as synthesized, JSON patches included, and every object of its chart', () => {
    const contexts: RuleContext[] = [];
    const objects: any[] = [];
    const rule: IRule = { ...OWNER_LABEL, id: 'spy', kinds: ['Deployment'], check: (o, c) => { objects.push(o); contexts.push(c); return []; } };
    const chart = Testing.chart();
    const service = new Service(chart, 'orders-api');
    new ApiObject(chart, 'svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'orders-api' } });
    service.deployment.addJsonPatch(JsonPatch.add('/spec/paused', true));

    run(chart, bookOf(rule));

    expect(objects[0].spec.paused).toBe(true);
    expect(contexts[0].chartObjects.map((o) => o.kind)).toEqual(['Deployment', 'Service']);
  });

  test('checks objects in their environment\'s tier with its platform\'s registries; elsewhere in production with none', () => {
    const contexts: RuleContext[] = [];
    const rule: IRule = { ...OWNER_LABEL, id: 'spy', check: (_, c) => { contexts.push(c); return []; } };
    const app = Testing.app();
    new Service(new FakeEnvironment(app, 'preview', Tier.PREVIEW, { packs: [new RulePack('spy', [rule])] }), 'a');
    new Service(new Chart(app, 'plain'), 'b');

    run(app, bookOf(rule));

    expect(contexts.map((c) => [c.tier.name, c.allowedRegistries])).toEqual([
      ['preview', ['registry.acme.dev']],
      ['production', []],
    ]);
  });

  test('lists findings in reading order, whatever the order of rules and objects', () => {
    const chart = Testing.chart();
    new Service(chart, 'zeta', { privileged: true, replicas: 1 });
    new Service(chart, 'alpha', { privileged: true, replicas: 1 });

    const forward = run(chart, bookOf(NO_PRIVILEGED, TWO_REPLICAS, OWNER_LABEL)).findings;
    const backward = run(chart, bookOf(OWNER_LABEL, TWO_REPLICAS, NO_PRIVILEGED)).findings;

    expect(forward.map((f) => `${f.path} ${f.ruleId}`)).toEqual([
      'test/alpha demo.no-privileged', 'test/alpha demo.owner-label', 'test/alpha demo.replicas',
      'test/zeta demo.no-privileged', 'test/zeta demo.owner-label', 'test/zeta demo.replicas',
    ]);
    expect(backward).toEqual(forward);
  });

  test('names the object, its namespace and the tier in each finding', () => {
    const app = Testing.app();
    new Service(new FakeEnvironment(app, 'payments-prod', Tier.PRODUCTION), 'orders-api', { replicas: 1, team: 'payments' });

    expect(run(app, bookOf(TWO_REPLICAS)).findings).toEqual([{
      ruleId: 'demo.replicas',
      title: 'Run at least two replicas',
      severity: 'medium',
      category: 'reliability',
      enforcement: 'enforce',
      path: 'payments-prod/orders-api',
      objectPath: 'payments-prod/orders-api/Deployment',
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'orders-api',
      namespace: 'payments-prod',
      tier: 'production',
      field: 'spec.replicas',
      found: '1',
      expected: 'at least 2',
      remediation: 'set replicas to 2 or more',
      acknowledgement: undefined,
    }]);
  });

  test('only findings that are enforced and not acknowledged fail', () => {
    const app = Testing.app();
    const env = new FakeEnvironment(app, 'prod', Tier.PRODUCTION);
    const legacy = new Service(env, 'legacy', { privileged: true, team: 'x' });
    new Service(env, 'fresh', { privileged: true, team: 'x' });

    const result = run(app, bookOf(NO_PRIVILEGED), [createSuppression(legacy, 'demo.no-privileged', { reason: 'r' })]);

    expect(result.findings).toHaveLength(2);
    expect(result.enforced.map((f) => f.path)).toEqual(['prod/fresh']);
    expect(result.suppressions.map((s) => s.acknowledged)).toEqual([1]);
  });

  test('evaluates only the objects under the scope', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const inside = new Service(chart, 'inside', { replicas: 1 });
    new Service(chart, 'outside', { replicas: 1 });

    expect(run(inside, bookOf(TWO_REPLICAS)).findings.map((f) => f.path)).toEqual(['c/inside']);
  });

  test('a rule that throws fails naming the rule and the object', () => {
    const chart = Testing.chart();
    new ApiObject(chart, 'd', deploymentManifest('orders-api'));
    const broken: IRule = { ...TWO_REPLICAS, id: 'acme.broken', check: () => { throw new Error('boom'); } };

    expect(() => run(chart, bookOf(broken))).toThrow('policy rule acme.broken failed while checking Deployment/orders-api (test/d): boom');
  });

  test('a rule that returns something other than a list fails', () => {
    const chart = Testing.chart();
    new ApiObject(chart, 'd', deploymentManifest('orders-api'));
    const broken: IRule = { ...TWO_REPLICAS, id: 'acme.broken', check: () => undefined as any };

    expect(() => run(chart, bookOf(broken))).toThrow(/policy rule acme.broken returned undefined for Deployment\/orders-api; check\(\) must return an array/);
  });
});
