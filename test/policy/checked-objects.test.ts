import * as fc from 'fast-check';
import { deploymentManifest } from './fixtures';
import { Tier } from '../../src/platform/tier';
import { CHECKABLE_RULE, checkedObjects } from '../../src/policy/checked-objects';
import { RuleContext } from '../../src/policy/rule';

const CONTEXT: RuleContext = { tier: Tier.PRODUCTION, allowedRegistries: [], chartObjects: [] };
const uncheckable = (rendering: any) => CHECKABLE_RULE.check(rendering, CONTEXT);
const labels = (rendering: any) => checkedObjects(rendering).map((o) => `${o.within ?? '-'} | ${o.json.kind}/${o.json.metadata?.name}`);

const list = (name: string, items: unknown[], kind = 'List', apiVersion = 'v1') => ({ apiVersion, kind, metadata: { name }, items });

describe('checkedObjects', () => {
  test('a plain object is checked as itself', () => {
    const deployment = deploymentManifest('orders-api');
    expect(checkedObjects(deployment)).toEqual([{ json: deployment, within: undefined }]);
    expect(uncheckable(deployment)).toEqual([]);
  });

  test('each item of a List is an object of its own, named by where it sits; the List is checked without its items', () => {
    const rendering = list('bundle', [deploymentManifest('a'), deploymentManifest('b'), deploymentManifest('evil')]);

    expect(labels(rendering)).toEqual([
      '- | List/bundle',
      'List/bundle items[0] | Deployment/a',
      'List/bundle items[1] | Deployment/b',
      'List/bundle items[2] | Deployment/evil',
    ]);
    expect(checkedObjects(rendering)[0].json.items).toBeUndefined();
    expect(rendering.items).toHaveLength(3);
  });

  test('lists nest, and every level is walked', () => {
    const rendering = list('outer', [list('inner', [deploymentManifest('evil')], 'DeploymentList', 'apps/v1')]);

    expect(labels(rendering)).toEqual([
      '- | List/outer',
      'List/outer items[0] | DeploymentList/inner',
      'List/outer items[0] DeploymentList/inner items[0] | Deployment/evil',
    ]);
  });

  test('a typed list\'s items that name neither kind nor apiVersion are of the list\'s kind, as the API machinery infers', () => {
    const { apiVersion, kind, ...bare } = deploymentManifest('evil');
    const rendering = list('typed', [bare], 'DeploymentList', 'apps/v1');

    expect(checkedObjects(rendering)[1].json).toMatchObject({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'evil' } });
    expect(uncheckable(rendering)).toEqual([]);
  });

  test('any document with items is a list, whatever its kind: that is how kubectl decodes it', () => {
    const rendering = { ...list('cm', [deploymentManifest('evil')]), kind: 'ConfigMap' };
    expect(labels(rendering)).toEqual(['- | ConfigMap/cm', 'ConfigMap/cm items[0] | Deployment/evil']);
  });

  test('a rendering that is a sequence is judged document by document, by each one\'s own kind', () => {
    const rendering = [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } }, deploymentManifest('evil')];
    expect(labels(rendering)).toEqual(['[0] | ConfigMap/cm', '[1] | Deployment/evil']);
  });
});

describe('the checkable-object rule', () => {
  test('refuses what is not an object, naming the part and describing it by shape only', () => {
    expect(uncheckable('password=hunter2')).toEqual([{ field: '(document)', found: 'a string', expected: 'a Kubernetes object with an apiVersion and a kind' }]);
    expect(uncheckable(null)).toEqual([expect.objectContaining({ field: '(document)', found: 'null' })]);
    expect(uncheckable({ metadata: { name: 'x' } })).toEqual([expect.objectContaining({ found: 'an object without apiVersion and kind' })]);
  });

  test('refuses items it cannot check, and items that are not a list', () => {
    const rendering = list('bundle', [deploymentManifest('a'), 'hunter2', [deploymentManifest('b')], { kind: 'Pod' }]);

    expect(uncheckable(rendering).map((v) => `${v.field}: ${v.found}`)).toEqual([
      'items[1]: a string',
      'items[2]: a sequence',
      'items[3]: an object without apiVersion',
    ]);
    expect(labels(rendering)).toEqual(['- | List/bundle', 'List/bundle items[0] | Deployment/a']);
    expect(uncheckable({ ...list('bundle', []), items: { a: 1 } })).toEqual([{ field: 'items', found: 'an object', expected: 'a list of Kubernetes objects' }]);
  });

  test('a plain List\'s bare items have no kind to inherit', () => {
    const { apiVersion, kind, ...bare } = deploymentManifest('evil');
    expect(uncheckable(list('bundle', [bare]))).toEqual([expect.objectContaining({ field: 'items[0]', found: 'an object without apiVersion and kind' })]);
  });
});

/** A tree of lists with Deployments at the leaves, and where each leaf sits. */
type Tree = { leaf: string } | { kids: Tree[]; typed: boolean };
const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ leaf: fc.constant('d') }),
    fc.record({ kids: fc.array(tie('tree'), { maxLength: 4 }), typed: fc.boolean() }),
  ),
})).tree;

function render(t: Tree, name: string): any {
  if ('leaf' in t) return deploymentManifest(name);
  return list(name, t.kids.map((k, i) => render(k, `${name}-${i}`)), t.typed ? 'DeploymentList' : 'List', t.typed ? 'apps/v1' : 'v1');
}

function leaves(t: Tree, name: string): string[] {
  if ('leaf' in t) return [name];
  return t.kids.flatMap((k, i) => leaves(k, `${name}-${i}`));
}

describe('properties', () => {
  test('every Deployment anywhere in any nesting of lists is checked exactly once, and nothing is refused', () => {
    fc.assert(fc.property(tree, (t) => {
      const rendering = render(t, 'root');
      const deployments = checkedObjects(rendering).filter((o) => o.json.kind === 'Deployment').map((o) => o.json.metadata.name);
      expect(deployments).toEqual(leaves(t, 'root'));
      expect(uncheckable(rendering)).toEqual([]);
    }));
  });

  test('anything that is not an object, put anywhere among the items, is refused at its path and never checked as an object', () => {
    const notAnObject = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.anything(), { maxLength: 2 }));
    fc.assert(fc.property(tree, fc.nat(), notAnObject, (t, at, bad) => {
      const rendering = list('root', [render(t, 'root-0')]);
      // Walk to a list, the `at`-th one in document order, and put the bad item at its end.
      const lists: any[] = [];
      const visit = (o: any) => {
        if (Array.isArray(o?.items)) {
          lists.push(o);
          o.items.forEach(visit);
        }
      };
      visit(rendering);
      const target = lists[at % lists.length];
      target.items.push(bad);
      const refused = uncheckable(rendering);
      expect(refused).toHaveLength(1);
      expect(refused[0].field).toMatch(new RegExp(`items\\[${target.items.length - 1}\\]$`));
      expect(checkedObjects(rendering).some((o) => o.json === bad)).toBe(false);
    }));
  });
});
