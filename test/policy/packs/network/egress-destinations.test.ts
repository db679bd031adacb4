import { JsonPatch } from 'cdk8s';
import { BucketDependency } from '../../../../src/dependencies/bucket-dependency';
import { Tier } from '../../../../src/platform/tier';
import { EGRESS_DESTINATIONS } from '../../../../src/policy/packs/network/egress-destinations';
import { PolicyTesting } from '../../../../src/policy/policy-testing';
import { dependencyEnvironment, testEnvironment, testService } from '../../../support/fixtures';
import { check, fields } from '../workloads';
import { handWritten, policyWith } from './support';

const egress = (...to: any[]) => policyWith({ egress: [{ to, ports: [{ port: 5432 }] }] }, { 'paved.dev/egress-internet': 'calls the Stripe API' });

describe('network.egress-destinations', () => {
  test('passes Paved\'s policies, default deny included, and named destinations', () => {
    const env = testEnvironment();
    testService(env).allowFrom(testService(env, {}, 'checkout'));
    expect(PolicyTesting.findings(env, { rules: [EGRESS_DESTINATIONS] })).toEqual([]);
    expect(check(EGRESS_DESTINATIONS, egress({ podSelector: { matchLabels: { app: 'db' } } }, { ipBlock: { cidr: '0.0.0.0/0' } }))).toEqual([]);
  });
  test('fails every way of reaching every destination, which the internet annotation does not excuse', () => {
    const variants: Array<[any, string]> = [
      [policyWith({ egress: [{}] }, { 'paved.dev/egress-internet': 'x' }), 'spec.egress[0].to'],
      [policyWith({ egress: [{ to: [], ports: [{ port: 443 }] }] }), 'spec.egress[0].to'],
      [egress({}), 'spec.egress[0].to[0]'],
      [egress({ namespaceSelector: {} }), 'spec.egress[0].to[0].namespaceSelector'],
      [egress({ namespaceSelector: {}, podSelector: {} }), 'spec.egress[0].to[0].namespaceSelector'],
      [egress({ namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'Exists' }] } }), 'spec.egress[0].to[0].namespaceSelector'],
    ];
    for (const [policy, field] of variants) expect(fields(check(EGRESS_DESTINATIONS, policy))).toEqual([field]);
  });
  test('runs on what is synthesized: a patched service policy and a hand-written one', () => {
    const env = dependencyEnvironment(Tier.PRODUCTION);
    const orders = testService(env, { dependencies: [new BucketDependency(env, 'invoices')] });
    orders.networkPolicy.addJsonPatch(JsonPatch.add('/spec/egress/-', {}));
    handWritten(env, 'anywhere', { egress: [{ to: [{ namespaceSelector: {} }] }] });
    expect(PolicyTesting.findings(env, { rules: [EGRESS_DESTINATIONS] }).map((f) => [f.name, f.field])).toEqual([
      ['anywhere', 'spec.egress[0].to[0].namespaceSelector'],
      ['orders-api', expect.stringMatching(/^spec\.egress\[\d+\]\.to$/)],
    ]);
  });
});
