import { JsonPatch } from 'cdk8s';
import * as fc from 'fast-check';
import { INGRESS_SOURCES } from '../../../../src/policy/packs/network/ingress-sources';
import { PolicyTesting } from '../../../../src/policy/policy-testing';
import { testEnvironment, testService } from '../../../support/fixtures';
import { check, fields } from '../workloads';
import { handWritten, policyWith } from './support';

const NAME = 'kubernetes.io/metadata.name';
const ingress = (...from: any[]) => policyWith({ ingress: [{ from, ports: [{ port: 8080 }] }] });

describe('network.ingress-sources', () => {
  test('passes Paved\'s own policy: ingress controller, Prometheus and declared callers', () => {
    const env = testEnvironment();
    const orders = testService(env, { ingress: { host: 'orders.apps.acme.dev' } });
    orders.allowFrom(testService(env, {}, 'checkout'));
    orders.allowFrom(testService(testEnvironment(undefined, { namespace: 'search-production' }, env.node.root as any), {}, 'search'));
    expect(PolicyTesting.findings(env.node.root, { rules: [INGRESS_SOURCES] })).toEqual([]);
    expect(check(INGRESS_SOURCES, policyWith({}))).toEqual([]);
  });
  test('passes named namespaces, own-namespace pods and private ranges; its twins fail', () => {
    expect(check(INGRESS_SOURCES, ingress({ podSelector: {} }))).toEqual([]);
    expect(check(INGRESS_SOURCES, ingress({ namespaceSelector: { matchExpressions: [{ key: NAME, operator: 'In', values: ['a', 'b'] }] } }))).toEqual([]);
    expect(check(INGRESS_SOURCES, ingress({ ipBlock: { cidr: '10.20.0.0/16' } }, { ipBlock: { cidr: 'fd00::/8' } }))).toEqual([]);
    expect(check(INGRESS_SOURCES, ingress({ ipBlock: { cidr: '0.0.0.0/0', except: ['0.0.0.0/5', '8.0.0.0/7', '11.0.0.0/8', '12.0.0.0/6', '16.0.0.0/4', '32.0.0.0/3', '64.0.0.0/2', '128.0.0.0/1'] } }))).toEqual([]);
  });
  test('fails every way of admitting every source', () => {
    const variants: Array<[any, string]> = [
      [policyWith({ ingress: [{}] }), 'spec.ingress[0].from'],
      [policyWith({ ingress: [{ from: [], ports: [{ port: 8080 }] }] }), 'spec.ingress[0].from'],
      [ingress({}), 'spec.ingress[0].from[0]'],
      [ingress({ podSelector: null }), 'spec.ingress[0].from[0]'],
      [ingress({ namespaceSelector: {} }), 'spec.ingress[0].from[0].namespaceSelector'],
      [ingress({ namespaceSelector: {}, podSelector: {} }), 'spec.ingress[0].from[0].namespaceSelector'],
      [ingress({ namespaceSelector: { matchExpressions: [{ key: NAME, operator: 'Exists' }] } }), 'spec.ingress[0].from[0].namespaceSelector'],
      [ingress({ namespaceSelector: { matchExpressions: [{ key: NAME, operator: 'NotIn', values: ['kube-system'] }] } }), 'spec.ingress[0].from[0].namespaceSelector'],
      [ingress({ namespaceSelector: { matchLabels: { team: 'payments' } } }), 'spec.ingress[0].from[0].namespaceSelector'],
      [ingress({ ipBlock: { cidr: '0.0.0.0/0' } }), 'spec.ingress[0].from[0].ipBlock'],
      [ingress({ ipBlock: { cidr: '::/0' } }), 'spec.ingress[0].from[0].ipBlock'],
      [ingress({ ipBlock: { cidr: '10.1.2.3/0', except: ['10.0.0.0/8'] } }), 'spec.ingress[0].from[0].ipBlock'],
      [ingress({ ipBlock: { cidr: '8.8.8.8/32' } }), 'spec.ingress[0].from[0].ipBlock'],
      [ingress({ ipBlock: { cidr: '010.0.0.0/8' } }), 'spec.ingress[0].from[0].ipBlock.cidr'],
    ];
    for (const [policy, field] of variants) expect(fields(check(INGRESS_SOURCES, policy))).toEqual([field]);
    expect(check(INGRESS_SOURCES, ingress({ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }))[0].expected)
      .toMatch(/^sources inside the platform's private ranges \(10\.0\.0\.0\/8, .*fc00::\/7\); this block admits 0\.0\.0\.0\/5, 8\.0\.0\.0\/7, 11\.0\.0\.0\/8 and \d+ more$/);
  });
  test('what is private is the platform\'s setting', () => {
    expect(check(INGRESS_SOURCES, ingress({ ipBlock: { cidr: '10.0.0.0/8' } }), { privateCidrs: ['10.20.0.0/16'] })).toHaveLength(1);
    expect(check(INGRESS_SOURCES, ingress({ ipBlock: { cidr: '203.0.113.0/24' } }), { privateCidrs: ['203.0.113.0/24'] })).toEqual([]);
  });
  test('a namespaceSelector that does not name its namespaces fails, whatever else it says', () => {
    const expression = fc.record({
      key: fc.constantFrom(NAME, 'team', 'env'),
      operator: fc.constantFrom('Exists', 'DoesNotExist', 'NotIn', 'In'),
      values: fc.array(fc.constantFrom('a', 'b'), { maxLength: 2 }),
    }).filter((e) => !(e.key === NAME && e.operator === 'In'));
    fc.assert(fc.property(fc.array(expression, { maxLength: 3 }), fc.dictionary(fc.constantFrom('team', 'env'), fc.string()), (matchExpressions, matchLabels) => {
      expect(fields(check(INGRESS_SOURCES, ingress({ namespaceSelector: { matchLabels, matchExpressions }, podSelector: { matchLabels: { app: 'x' } } }))))
        .toEqual(['spec.ingress[0].from[0].namespaceSelector']);
    }));
  });
  test('runs on what is synthesized: an escape hatch on Paved\'s policy and a hand-written one', () => {
    const env = testEnvironment();
    const orders = testService(env);
    orders.networkPolicy.addJsonPatch(JsonPatch.add('/spec/ingress/-', { from: [{ namespaceSelector: {} }] }));
    handWritten(env, 'open', { ingress: [{}] });
    expect(PolicyTesting.findings(env, { rules: [INGRESS_SOURCES] }).map((f) => [f.name, f.field])).toEqual([
      ['open', 'spec.ingress[0].from'],
      ['orders-api', 'spec.ingress[1].from[0].namespaceSelector'],
    ]);
  });
});
