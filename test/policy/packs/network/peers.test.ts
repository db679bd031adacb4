import { networkIndex } from '../../../../src/policy/packs/network/network-facts';
import { isEmptyPeer, namedNamespaces, outsideOf, peersOf } from '../../../../src/policy/packs/network/peers';
import { contextFor, deployment } from '../workloads';

const NAME = 'kubernetes.io/metadata.name';

describe('peers', () => {
  test('namedNamespaces reads names from matchLabels and In expressions, intersected', () => {
    expect(namedNamespaces({ matchLabels: { [NAME]: 'a' } })).toEqual(['a']);
    expect(namedNamespaces({ matchExpressions: [{ key: NAME, operator: 'In', values: ['b', 'a'] }] })).toEqual(['a', 'b']);
    expect(namedNamespaces({ matchLabels: { [NAME]: 'a', team: 'x' }, matchExpressions: [{ key: NAME, operator: 'In', values: ['a', 'b'] }] })).toEqual(['a']);
    expect(namedNamespaces({ matchLabels: { [NAME]: 'a' }, matchExpressions: [{ key: NAME, operator: 'In', values: ['b'] }] })).toEqual([]);
    for (const unnamed of [{}, { matchLabels: { team: 'x' } }, { matchExpressions: [{ key: NAME, operator: 'Exists' }] }, { matchExpressions: [{ key: NAME, operator: 'NotIn', values: ['a'] }] }, null, 'x']) {
      expect(namedNamespaces(unnamed)).toBeUndefined();
    }
  });
  test('isEmptyPeer: nothing that selects, null selectors included', () => {
    expect([{}, { podSelector: null }, null, 'x'].map(isEmptyPeer)).toEqual([true, true, true, true]);
    expect([{ podSelector: {} }, { namespaceSelector: {} }, { ipBlock: { cidr: '10.0.0.0/8' } }].map(isEmptyPeer)).toEqual([false, false, false]);
  });
  test('peersOf separates rules without peers from the peers of the others', () => {
    const { open, peers } = peersOf({ spec: { egress: [{}, { to: [] }, { to: [{ podSelector: {} }] }] } }, 'egress');
    expect(open.map((o) => o.listPath)).toEqual(['spec.egress[0].to', 'spec.egress[1].to']);
    expect(peers.map((p) => p.path)).toEqual(['spec.egress[2].to[0]']);
  });
  test('outsideOf subtracts except entries and the private ranges', () => {
    const index = networkIndex(contextFor(deployment()));
    expect(outsideOf({ cidr: '10.0.0.0/7', except: ['11.0.0.0/9'] }, index)!.toCidrs()).toEqual(['11.128.0.0/9']);
    expect(outsideOf({ cidr: 'nope' }, index)).toBeUndefined();
  });
  test('the network index of a chart is built once and falls back to the defaults', () => {
    const context = contextFor(deployment());
    expect(networkIndex(context)).toBe(networkIndex(context));
    const bare = networkIndex({ ...context, network: undefined });
    expect(bare.environmentNamespace).toBeUndefined();
    expect(bare.outside.contains('8.8.8.8') && !bare.outside.contains('10.1.2.3') && !bare.outside.contains('fd00::1')).toBe(true);
    expect(bare.isDeclared('ingress', 'ingress-nginx', {})).toBe(false);
    expect(networkIndex(context).isDeclared('ingress', 'ingress-nginx', { 'app.kubernetes.io/name': 'ingress-nginx', 'more': 'x' })).toBe(true);
    expect(networkIndex(context).isDeclared('egress', 'ingress-nginx', { 'app.kubernetes.io/name': 'ingress-nginx' })).toBe(false);
  });
});
