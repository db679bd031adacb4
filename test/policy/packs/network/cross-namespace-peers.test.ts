import { App, Testing } from 'cdk8s';
import { CROSS_NAMESPACE_PEERS } from '../../../../src/policy/packs/network/cross-namespace-peers';
import { PolicyTesting } from '../../../../src/policy/policy-testing';
import { testEnvironment, testService } from '../../../support/fixtures';
import { check, fields } from '../workloads';
import { handWritten, policyWith } from './support';

const NAME = 'kubernetes.io/metadata.name';
const from = (peer: any) => policyWith({ ingress: [{ from: [peer] }] });
const to = (peer: any) => policyWith({ egress: [{ to: [peer] }] });
const inNamespace = (namespace: string, podLabels?: object) => ({
  namespaceSelector: { matchLabels: { [NAME]: namespace } },
  ...podLabels && { podSelector: { matchLabels: podLabels } },
});

describe('network.cross-namespace-peers', () => {
  test('passes Paved\'s own peers: ingress controller, Prometheus, DNS and callers across environments', () => {
    const app: App = Testing.app();
    const production = testEnvironment(undefined, {}, app);
    const search = testEnvironment(undefined, { namespace: 'search-production' }, app);
    const orders = testService(production, { ingress: { host: 'orders.apps.acme.dev' } });
    orders.allowFrom(testService(search, {}, 'search'));
    expect(PolicyTesting.findings(app, { rules: [CROSS_NAMESPACE_PEERS] })).toEqual([]);
    expect(check(CROSS_NAMESPACE_PEERS, policyWith({}))).toEqual([]);
  });
  test('passes the policy\'s own namespace and narrower selectors of a declared peer; fails the undeclared twins', () => {
    expect(check(CROSS_NAMESPACE_PEERS, from(inNamespace('payments-production')))).toEqual([]);
    expect(check(CROSS_NAMESPACE_PEERS, from(inNamespace('ingress-nginx', { 'app.kubernetes.io/name': 'ingress-nginx', 'extra': 'x' })))).toEqual([]);
    const undeclared: any[] = [
      from(inNamespace('ingress-nginx')),
      from(inNamespace('ingress-nginx', { 'app.kubernetes.io/name': 'other' })),
      from(inNamespace('payments-staging', { app: 'x' })),
      to(inNamespace('ingress-nginx', { 'app.kubernetes.io/name': 'ingress-nginx' })),
      from({ namespaceSelector: { matchExpressions: [{ key: NAME, operator: 'In', values: ['payments-production', 'search-production'] }] } }),
    ];
    for (const policy of undeclared) expect(fields(check(CROSS_NAMESPACE_PEERS, policy))).toEqual([expect.stringMatching(/^spec\.(ingress|egress)\[0\]\.(from|to)\[0\]\.namespaceSelector$/)]);
    expect(check(CROSS_NAMESPACE_PEERS, from(inNamespace('payments-staging')))[0].expected).toMatch(/^peers in "payments-staging" declared by a Paved construct/);
  });
  test('finds a hand-written peer into another environment, which allowFrom did not declare', () => {
    const app: App = Testing.app();
    const production = testEnvironment(undefined, {}, app);
    testEnvironment(undefined, { namespace: 'payments-staging' }, app);
    testService(production);
    handWritten(production, 'from-staging', { ingress: [{ from: [inNamespace('payments-staging', { 'app.kubernetes.io/name': 'orders-api' })] }] });
    expect(PolicyTesting.findings(app, { rules: [CROSS_NAMESPACE_PEERS] }).map((f) => [f.name, f.field])).toEqual([['from-staging', 'spec.ingress[0].from[0].namespaceSelector']]);
  });
  test('a peer declared in one chart does not declare it in another', () => {
    const app: App = Testing.app();
    const production = testEnvironment(undefined, {}, app);
    const staging = testEnvironment(undefined, { namespace: 'payments-staging' }, app);
    testService(production).allowFrom(testService(testEnvironment(undefined, { namespace: 'search-production' }, app), {}, 'search'));
    handWritten(staging, 'from-search', { ingress: [{ from: [inNamespace('search-production', { 'app.kubernetes.io/name': 'search' })] }] });
    expect(PolicyTesting.findings(app, { rules: [CROSS_NAMESPACE_PEERS] }).map((f) => f.name)).toEqual(['from-search']);
  });
});
