import { INTERNET_EGRESS } from '../../../../src/policy/packs/network/internet-egress';
import { ISOLATED } from '../../../../src/policy/packs/network/isolation';
import { check, companions, deployment } from '../workloads';

const policy = () => companions().find((o) => o.kind === 'NetworkPolicy');
const others = () => companions().filter((o) => o.kind !== 'NetworkPolicy');
const LABELS = 'spec.template.metadata.labels';

describe('network.isolated', () => {
  test('passes a workload selected for ingress and egress', () => {
    expect(check(ISOLATED, deployment())).toEqual([]);
  });
  test('passes with a namespace-wide default deny (empty podSelector) and egress inferred from egress rules', () => {
    const d = deployment();
    const denyAll = { kind: 'NetworkPolicy', metadata: { name: 'default-deny', namespace: 'payments-production' }, spec: { podSelector: {}, egress: [] } };
    expect(check(ISOLATED, d, { objects: [d, denyAll] })).toEqual([]);
  });
  test('passes with ingress and egress in separate policies selecting by expression', () => {
    const d = deployment();
    const ingress = { kind: 'NetworkPolicy', metadata: { namespace: 'payments-production' }, spec: { podSelector: { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['orders-api'] }] } } };
    const egress = { kind: 'NetworkPolicy', metadata: { namespace: 'payments-production' }, spec: { podSelector: { matchLabels: { 'paved.dev/team': 'payments' } }, policyTypes: ['Egress'] } };
    expect(check(ISOLATED, d, { objects: [d, ingress, egress] })).toEqual([]);
  });
  test('fails a workload no policy selects, for both directions', () => {
    const d = deployment();
    expect(check(ISOLATED, d, { objects: [d, ...others()] }).map((v) => [v.field, v.expected])).toEqual([
      [LABELS, 'a NetworkPolicy in namespace "payments-production" selecting these labels with policyTypes Ingress'],
      [LABELS, 'a NetworkPolicy in namespace "payments-production" selecting these labels with policyTypes Egress'],
    ]);
  });
  test('fails when the only policy covers ingress, or selects other pods, or lives in another namespace', () => {
    const d = deployment();
    const ingressOnly = { ...policy(), spec: { ...policy().spec, policyTypes: ['Ingress'] } };
    expect(check(ISOLATED, d, { objects: [d, ingressOnly] }).map((v) => v.expected)).toEqual([expect.stringMatching(/Egress$/)]);
    const otherPods = { ...policy(), spec: { ...policy().spec, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'search' } } } };
    expect(check(ISOLATED, d, { objects: [d, otherPods] })).toHaveLength(2);
    const elsewhere = { ...policy(), metadata: { ...policy().metadata, namespace: 'search-production' } };
    expect(check(ISOLATED, d, { objects: [d, elsewhere] })).toHaveLength(2);
  });
  test('finds the selecting policies among many without trying each (rarest label first)', () => {
    const d = deployment();
    const selecting = (name: string) => ({ matchLabels: { 'paved.dev/team': 'payments', 'app.kubernetes.io/name': name } });
    const many = Array.from({ length: 2000 }, (_, i) => ({ ...policy(), spec: { ...policy().spec, podSelector: selecting(`svc-${i}`) } }));
    const started = process.hrtime.bigint();
    const objects = [d, ...many, policy()];
    for (let i = 0; i < 2000; i++) expect(check(ISOLATED, d, { objects })).toEqual([]);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(2000);
  });
});

describe('network.internet-egress', () => {
  const egressTo = (egress: any[], annotations?: object) => ({
    ...policy(),
    metadata: { ...policy().metadata, annotations },
    spec: { ...policy().spec, egress },
  });

  test('passes named peers and narrow ranges', () => {
    expect(check(INTERNET_EGRESS, policy())).toEqual([]);
    expect(check(INTERNET_EGRESS, egressTo([{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }]))).toEqual([]);
  });
  test('fails 0.0.0.0/0, ::/0 and a rule without peers', () => {
    const open = egressTo([{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }, { ipBlock: { cidr: '::/0' } }] }, { ports: [{ port: 443 }] }]);
    expect(check(INTERNET_EGRESS, open).map((v) => v.field)).toEqual(['spec.egress[1].to', 'spec.egress[0].to[0].ipBlock', 'spec.egress[0].to[1].ipBlock']);
  });
  test('passes when the policy declares why, not when the declaration is blank', () => {
    const rule = [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 443 }] }];
    expect(check(INTERNET_EGRESS, egressTo(rule, { 'paved.dev/egress-internet': 'calls the Stripe API' }))).toEqual([]);
    expect(check(INTERNET_EGRESS, egressTo(rule, { 'paved.dev/egress-internet': '  ' }))).toHaveLength(1);
  });
});
