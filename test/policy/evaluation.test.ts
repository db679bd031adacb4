import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Include, JsonPatch, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import { deploymentManifest, FakeEnvironment, NO_PRIVILEGED, OWNER_LABEL, Service, TWO_REPLICAS } from './fixtures';
import { Tier } from '../../src/platform/tier';
import { evaluate } from '../../src/policy/evaluation';
import { objectLabel } from '../../src/policy/finding-format';
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

/** A hand-written List of Deployments, the shape of a vendored bundle; only `evil` is privileged. */
function bundle(scope: Construct, names: string[], kind = 'List'): ApiObject {
  return new ApiObject(scope, 'bundle', {
    apiVersion: kind === 'List' ? 'v1' : 'apps/v1',
    kind,
    metadata: { name: 'bundle' },
    items: names.map((name) => deploymentManifest(name, { privileged: name === 'evil', team: 'x' })),
  });
}

const labelsOf = (findings: any[]) => findings.map((f) => `${f.ruleId} ${f.path} ${objectLabel(f)}${f.enforcement === 'enforce' && !f.acknowledgement ? ' ✖' : ''}`);

describe('every object of every chart is checked, List items included', () => {
  test('passing twin: a List of harmless Deployments yields nothing, and each item counts as an object', () => {
    const chart = Testing.chart();
    bundle(chart, ['a', 'b', 'c']);

    const result = run(chart, bookOf(NO_PRIVILEGED));
    expect(result.findings).toEqual([]);
    expect(result.objects).toBe(4);
  });

  test('a privileged Deployment in a List fails, named by where it sits in the List', () => {
    const chart = Testing.chart();
    bundle(chart, ['a', 'b', 'evil']);

    const result = run(chart, bookOf(NO_PRIVILEGED));
    expect(labelsOf(result.enforced)).toEqual(['demo.no-privileged test List/bundle items[2] Deployment/evil ✖']);
    expect(result.enforced[0]).toMatchObject({ within: 'List/bundle items[2]', kind: 'Deployment', name: 'evil', field: 'spec.template.spec.containers[0].securityContext.privileged' });
  });

  test('variants: a typed list, a nested list, a kind that is not a List with items, all fail alike', () => {
    const typed = Testing.chart();
    bundle(typed, ['evil'], 'DeploymentList');
    const nested = Testing.chart();
    new ApiObject(nested, 'outer', { apiVersion: 'v1', kind: 'List', metadata: { name: 'outer' }, items: [bundle(new Chart(Testing.app(), 'x'), ['a', 'evil']).toJson()] });
    const disguised = Testing.chart();
    bundle(disguised, ['evil']).addJsonPatch(JsonPatch.replace('/kind', 'ConfigMap'));

    expect(labelsOf(run(typed, bookOf(NO_PRIVILEGED)).enforced)).toEqual(['demo.no-privileged test DeploymentList/bundle items[0] Deployment/evil ✖']);
    expect(labelsOf(run(nested, bookOf(NO_PRIVILEGED)).enforced)).toEqual(['demo.no-privileged test List/outer items[0] List/bundle items[1] Deployment/evil ✖']);
    expect(labelsOf(run(disguised, bookOf(NO_PRIVILEGED)).enforced)).toEqual(['demo.no-privileged test ConfigMap/bundle items[0] Deployment/evil ✖']);
  });

  test('a typed list\'s bare items are checked as the list\'s kind', () => {
    const chart = Testing.chart();
    const { apiVersion, kind, ...bare } = deploymentManifest('evil', { privileged: true });
    new ApiObject(chart, 'typed', { apiVersion: 'apps/v1', kind: 'DeploymentList', metadata: { name: 'typed' }, items: [bare] });

    expect(labelsOf(run(chart, bookOf(NO_PRIVILEGED)).enforced)).toEqual(['demo.no-privileged test DeploymentList/typed items[0] Deployment/evil ✖']);
  });

  test('a List whose items cannot be checked fails with the engine\'s own rule, whatever the packs', () => {
    const chart = Testing.chart();
    new ApiObject(chart, 'odd', { apiVersion: 'v1', kind: 'List', metadata: { name: 'odd' }, items: [deploymentManifest('a'), 'kind: Pod'] });

    const result = run(chart, bookOf(TWO_REPLICAS));
    expect(result.enforced.map((f) => [f.ruleId, f.field, f.found])).toEqual([['policy.checkable-object', 'items[1]', 'a string']]);
    expect(result.rules.map((r) => r.id)).toContain('policy.checkable-object');
  });

  test('an Include of a vendored YAML bundle is checked item by item', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'paved-include-')), 'vendor.yaml');
    const items = ['a', 'evil'].map((name) => deploymentManifest(name, { privileged: name === 'evil' }));
    fs.writeFileSync(file, [JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } }), JSON.stringify({ apiVersion: 'v1', kind: 'List', metadata: { name: 'vendor' }, items })].join('\n---\n'));
    const chart = Testing.chart();
    new Include(chart, 'vendor', { url: file });

    expect(labelsOf(run(chart, bookOf(NO_PRIVILEGED)).enforced)).toEqual([expect.stringMatching(/^demo.no-privileged test\/vendor List\/vendor items\[1\] Deployment\/evil ✖$/)]);
  });

  test('an object is judged by its rendered kind: a ConfigMap made a Deployment through an escape hatch is checked as one', () => {
    const twin = Testing.chart();
    new ApiObject(twin, 'cm', { ...deploymentManifest('evil', { privileged: true }), kind: 'ConfigMap' });
    const patched = Testing.chart();
    new ApiObject(patched, 'cm', { ...deploymentManifest('evil', { privileged: true }), kind: 'ConfigMap' }).addJsonPatch(JsonPatch.replace('/kind', 'Deployment'));

    expect(run(twin, bookOf(NO_PRIVILEGED)).findings).toEqual([]);
    expect(labelsOf(run(patched, bookOf(NO_PRIVILEGED)).enforced)).toEqual(['demo.no-privileged test Deployment/evil ✖']);
  });

  test('a rendering that is a sequence of documents is judged document by document', () => {
    class Twice extends ApiObject {
      public toJson(): any {
        return [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } }, deploymentManifest('evil', { privileged: true })];
      }
    }
    const chart = Testing.chart();
    new Twice(chart, 'twice', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } });

    expect(labelsOf(run(chart, bookOf(NO_PRIVILEGED)).enforced)).toEqual(['demo.no-privileged test [1] Deployment/evil ✖']);
  });

  test('objects in plain charts, charts nested in constructs and charts nested in charts are all checked, in production', () => {
    const app = Testing.app();
    new Service(new Chart(app, 'plain'), 'a', { privileged: true });
    new Service(new Chart(new Construct(app, 'group'), 'inner'), 'b', { privileged: true });
    new Service(new Chart(new Chart(app, 'outer'), 'nested'), 'c', { privileged: true });

    const result = run(app, bookOf(NO_PRIVILEGED));
    expect(result.enforced.map((f) => `${f.path} ${f.tier}`)).toEqual(['group/inner/b production', 'outer/nested/c production', 'plain/a production']);
  });

  test('a scope inside a chart: only its objects are checked, each against every object of its own chart', () => {
    const seen: Record<string, string[]> = {};
    const rule: IRule = { ...OWNER_LABEL, id: 'spy', kinds: ['Deployment'], check: (o, c) => { seen[o.metadata.name] = c.chartObjects.map((x) => x.metadata.name); return []; } };
    const app = Testing.app();
    const outer = new Chart(app, 'outer');
    new Service(outer, 'before');
    const group = new Construct(outer, 'group');
    new Service(group, 'inside');
    new Service(new Chart(group, 'nested'), 'deep');
    new Service(outer, 'after');
    new Service(new Chart(app, 'other'), 'elsewhere');

    const result = run(group, bookOf(rule));

    expect(seen).toEqual({ inside: ['before', 'inside', 'after'], deep: ['deep'] });
    expect(result.objects).toBe(2);
  });

  test('an object directly under the App cannot exist, so none escapes the charts', () => {
    expect(() => new ApiObject(new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'paved-app-')) }), 'x', { apiVersion: 'v1', kind: 'ConfigMap' })).toThrow(/cannot find a parent chart/);
  });

  test('rules that relate objects see a List\'s items among the chart\'s objects', () => {
    const seen: string[] = [];
    const chart = Testing.chart();
    bundle(chart, ['a', 'b']);
    run(chart, bookOf({ ...OWNER_LABEL, id: 'spy', check: (_, c) => { seen.push(...c.chartObjects.map((o) => `${o.kind}/${o.metadata?.name}`)); return []; } }));

    expect([...new Set(seen)]).toEqual(['List/bundle', 'Deployment/a', 'Deployment/b']);
  });

  test('a suppression on the construct of a List covers its items, and is written on the List', () => {
    const chart = Testing.chart();
    const list = bundle(chart, ['evil']);

    const result = run(chart, bookOf(NO_PRIVILEGED), [createSuppression(list, 'demo.no-privileged', { reason: 'vendored, tracked in SEC-1' })]);
    expect(result.enforced).toEqual([]);
    expect(result.suppressions[0].acknowledged).toBe(1);
    expect(list.toJson().metadata.annotations['acknowledged.paved.dev/demo.no-privileged']).toBe('vendored, tracked in SEC-1');
  });

  test('property: a privileged Deployment anywhere in any nesting of lists fails exactly once, naming its place; without it nothing fails', () => {
    const shape = fc.array(fc.record({ typed: fc.boolean(), size: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 4 });
    fc.assert(fc.property(shape, fc.nat(), fc.boolean(), (levels, pick, evil) => {
      // A chain of lists, each holding `size` harmless Deployments and, last, the next list.
      let within = '';
      const build = (depth: number): any => {
        const level = levels[depth];
        const kind = level.typed ? 'DeploymentList' : 'List';
        const name = `l${depth}`;
        const items: any[] = Array.from({ length: level.size }, (_, i) => deploymentManifest(`d${depth}-${i}`));
        if (depth === pick % levels.length) {
          within = `${within}${within ? ' ' : ''}${kind}/${name} items[${items.length}]`;
          items.push(deploymentManifest('evil', { privileged: evil }));
        } else if (depth < levels.length - 1) {
          within = `${within}${within ? ' ' : ''}${kind}/${name} items[${items.length}]`;
        }
        if (depth < levels.length - 1 && depth !== pick % levels.length) items.push(build(depth + 1));
        return { apiVersion: level.typed ? 'apps/v1' : 'v1', kind, metadata: { name }, items };
      };
      const chart = Testing.chart();
      new ApiObject(chart, 'bundle', build(0));

      const enforced = run(chart, bookOf(NO_PRIVILEGED)).enforced;
      expect(enforced.map((f) => objectLabel(f))).toEqual(evil ? [`${within} Deployment/evil`] : []);
    }), { numRuns: 50 });
  });
});
