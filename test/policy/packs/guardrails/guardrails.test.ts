import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ApiObject, Chart, Include, JsonPatch, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { Environment } from '../../../../src/environment/environment';
import { PreviewEnvironment } from '../../../../src/environment/preview-environment';
import { POD_SECURITY_VERSION } from '../../../../src/platform/pod-security';
import { Tier } from '../../../../src/platform/tier';
import { PolicyTesting } from '../../../../src/policy/policy-testing';
import { RulePacks } from '../../../../src/policy/rule-packs';
import { testEnvironment, testPlatform, testService } from '../../../support/fixtures';

const packs = [RulePacks.GUARDRAILS];
const NS = 'payments-production';

/** Every open guardrail finding under the scope, as `rule field`. */
function found(scope: any): string[] {
  return PolicyTesting.findings(scope, { packs }).filter((f) => !f.acknowledgement).map((f) => `${f.ruleId} ${f.field}`);
}

function env(tier: Tier = Tier.PRODUCTION): Environment {
  const e = testEnvironment(tier);
  testService(e);
  return e;
}

const patch = (object: ApiObject, ...patches: JsonPatch[]) => object.addJsonPatch(...patches);

describe('the golden path', () => {
  test.each(Tier.all().map((t) => [t.name, t]))('an environment of every tier with a service passes (%s)', (_name, tier) => {
    expect(found(env(tier as Tier))).toEqual([]);
  });
  test('a preview environment passes', () => {
    const preview = new PreviewEnvironment(Testing.app(), 'pr', { platform: testPlatform(), team: 'payments', pullRequest: 142 });
    testService(preview, { ingress: { host: 'orders.apps.acme.dev' } });
    expect(found(preview)).toEqual([]);
  });
});

describe('guardrails.namespace-pod-security', () => {
  test('fails each lowered level and each other version, naming the label', () => {
    const e = env();
    e.namespaceObject.metadata.addLabel('pod-security.kubernetes.io/enforce', 'privileged');
    e.namespaceObject.metadata.addLabel('pod-security.kubernetes.io/warn', 'baseline');
    e.namespaceObject.metadata.addLabel('pod-security.kubernetes.io/audit-version', 'v1.24');
    expect(found(e)).toEqual([
      'guardrails.namespace-pod-security metadata.labels["pod-security.kubernetes.io/audit-version"]',
      'guardrails.namespace-pod-security metadata.labels["pod-security.kubernetes.io/enforce"]',
      'guardrails.namespace-pod-security metadata.labels["pod-security.kubernetes.io/warn"]',
    ]);
  });
  test('fails labels removed by a JSON patch, and a Namespace removed from the environment', () => {
    const e = env();
    patch(e.namespaceObject, JsonPatch.remove('/metadata/labels/pod-security.kubernetes.io~1enforce'));
    expect(found(e)).toEqual(['guardrails.namespace-pod-security metadata.labels["pod-security.kubernetes.io/enforce"]']);
    const gone = env();
    gone.node.tryRemoveChild('Namespace');
    expect(found(gone)).toEqual([`guardrails.namespace-pod-security Namespace/${NS}`]);
  });
  test('passes "latest" as the version (its passing twin) and any other restricted Namespace', () => {
    const e = env();
    e.namespaceObject.metadata.addLabel('pod-security.kubernetes.io/enforce-version', 'latest');
    new ApiObject(e, 'Other', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: 'payments-jobs',
        labels: {
          'pod-security.kubernetes.io/enforce': 'restricted',
          'pod-security.kubernetes.io/enforce-version': POD_SECURITY_VERSION,
          'pod-security.kubernetes.io/warn': 'restricted',
          'pod-security.kubernetes.io/warn-version': 'latest',
          'pod-security.kubernetes.io/audit': 'restricted',
          'pod-security.kubernetes.io/audit-version': POD_SECURITY_VERSION,
        },
      },
    });
    expect(found(e)).toEqual([]);
  });
  test('fails a hand-written Namespace without labels, and one from included YAML, in any chart', () => {
    const chart = new Chart(Testing.app(), 'vendored');
    new ApiObject(chart, 'Bare', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bare' } });
    const dir = mkdtempSync(join(tmpdir(), 'paved-ns-'));
    writeFileSync(join(dir, 'ns.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: vendor\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n');
    new Include(chart, 'Vendor', { url: join(dir, 'ns.yaml') });
    const findings = PolicyTesting.findings(chart, { packs });
    expect(findings.filter((f) => f.name === 'bare')).toHaveLength(6);
    expect(findings.filter((f) => f.name === 'vendor').map((f) => f.field)).toHaveLength(5);
  });
  test('property: any level but restricted, or any version but the pin and latest, fails that label alone', () => {
    const mode = fc.constantFrom('enforce', 'warn', 'audit');
    const level = fc.oneof(fc.constantFrom('privileged', 'baseline', 'Restricted', 'restricted ', ''), fc.string());
    const version = fc.oneof(fc.integer({ min: 0, max: 40 }).map((m) => `v1.${m}`), fc.constantFrom('Latest', 'v1.28.0', '1.28', ''), fc.string());
    fc.assert(fc.property(mode, fc.boolean(), level, version, (m, isLevel, l, v) => {
      const value = isLevel ? l : v;
      fc.pre(isLevel ? value !== 'restricted' : value !== POD_SECURITY_VERSION && value !== 'latest');
      const e = testEnvironment();
      const key = `pod-security.kubernetes.io/${m}${isLevel ? '' : '-version'}`;
      patch(e.namespaceObject, JsonPatch.replace(`/metadata/labels/${key.replace('/', '~1')}`, value));
      return found(e).join('\n') === `guardrails.namespace-pod-security metadata.labels[${JSON.stringify(key)}]`;
    }), { numRuns: 40 });
  });
});

describe('guardrails.resource-quota', () => {
  test('fails a quota removed through the escape hatch, reported once', () => {
    const e = env();
    e.node.tryRemoveChild('Quota');
    expect(found(e)).toEqual(['guardrails.resource-quota ResourceQuota/paved-quota']);
  });
  test('fails a quota renamed or moved to another namespace', () => {
    const renamed = env();
    patch(renamed.resourceQuota, JsonPatch.replace('/metadata/name', 'quota'));
    expect(found(renamed)).toEqual(['guardrails.resource-quota ResourceQuota/paved-quota']);
    const moved = env();
    patch(moved.resourceQuota, JsonPatch.replace('/metadata/namespace', 'elsewhere'));
    expect(found(moved)).toEqual(['guardrails.resource-quota ResourceQuota/paved-quota']);
  });
  test('fails raised values, removed LoadBalancer and NodePort entries, and scopes', () => {
    const e = env();
    patch(e.resourceQuota,
      JsonPatch.replace('/spec/hard/requests.cpu', '64'),
      JsonPatch.replace('/spec/hard/limits.memory', '1Ti'),
      JsonPatch.remove('/spec/hard/services.loadbalancers'),
      JsonPatch.replace('/spec/hard/services.nodeports', 3),
      JsonPatch.add('/spec/scopes', ['BestEffort']));
    expect(found(e)).toEqual([
      'guardrails.resource-quota spec.hard["limits.memory"]',
      'guardrails.resource-quota spec.hard["requests.cpu"]',
      'guardrails.resource-quota spec.hard["services.loadbalancers"]',
      'guardrails.resource-quota spec.hard["services.nodeports"]',
      'guardrails.resource-quota spec.scopes',
    ]);
  });
  test('passes lowered values in another notation, an alias key, added entries and an extra tightening quota (passing twins)', () => {
    const e = env();
    patch(e.resourceQuota,
      JsonPatch.replace('/spec/hard/requests.cpu', '16000m'),
      JsonPatch.replace('/spec/hard/limits.memory', '68719476736'),
      JsonPatch.add('/spec/hard/count~1secrets', '10'));
    new ApiObject(e, 'ExtraQuota', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'more' }, spec: { hard: { 'requests.cpu': '1000' } } });
    expect(found(e)).toEqual([]);
    const alias = env();
    patch(alias.resourceQuota, JsonPatch.remove('/spec/hard/requests.cpu'), JsonPatch.add('/spec/hard/cpu', '2'));
    expect(found(alias)).toEqual([]);
  });
  test('property: a value above the tier\'s fails, at or below it passes', () => {
    fc.assert(fc.property(fc.constantFrom('requests.cpu', 'limits.cpu', 'pods'), fc.integer({ min: 0, max: 5000 }), (key, value) => {
      const e = testEnvironment(Tier.STAGING);
      const ceiling = Number(e.resourceQuota.toJson().spec.hard[key]);
      patch(e.resourceQuota, JsonPatch.replace(`/spec/hard/${key}`, String(value)));
      return (found(e).length === 1) === (value > ceiling);
    }), { numRuns: 30 });
  });
});

describe('guardrails.limit-range', () => {
  test('fails a LimitRange removed through the escape hatch', () => {
    const e = env();
    e.node.tryRemoveChild('Limits');
    expect(found(e)).toEqual(['guardrails.limit-range LimitRange/paved-limits']);
  });
  test('fails a raised max, a removed default and a second Container item', () => {
    const e = env();
    patch(e.limitRange, JsonPatch.replace('/spec/limits/0/max/memory', '64Gi'), JsonPatch.remove('/spec/limits/0/default'));
    expect(found(e)).toEqual([
      'guardrails.limit-range spec.limits[0].default.cpu',
      'guardrails.limit-range spec.limits[0].default.memory',
      'guardrails.limit-range spec.limits[0].max.memory',
    ]);
    const twice = env();
    patch(twice.limitRange, JsonPatch.add('/spec/limits/-', { type: 'Container', default: { cpu: '8' } }));
    expect(found(twice)).toEqual(['guardrails.limit-range spec.limits']);
  });
  test('fails any extra LimitRange, in an environment or outside one', () => {
    const e = env();
    new ApiObject(e, 'Mine', { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'mine' }, spec: { limits: [{ type: 'Container', max: { cpu: '1' } }] } });
    expect(found(e)).toEqual(['guardrails.limit-range metadata.name']);
    const plain = new Chart(Testing.app(), 'plain', { namespace: NS });
    new ApiObject(plain, 'Mine', { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'paved-limits' }, spec: {} });
    expect(found(plain)).toEqual(['guardrails.limit-range metadata.name']);
  });
  test('passes lowered ceilings, a min and a Pod item (passing twins)', () => {
    const e = env();
    patch(e.limitRange, JsonPatch.replace('/spec/limits/0/max/cpu', '500m'), JsonPatch.add('/spec/limits/0/min', { cpu: '10m' }),
      JsonPatch.add('/spec/limits/-', { type: 'Pod', max: { cpu: '4' } }));
    expect(found(e)).toEqual([]);
  });
});

describe('guardrails.default-deny', () => {
  test('fails a default-deny removed through the escape hatch', () => {
    const e = env();
    e.node.tryRemoveChild('DefaultDeny');
    expect(found(e)).toEqual(['guardrails.default-deny NetworkPolicy/paved-default-deny']);
  });
  test('fails an added ingress or egress rule, a narrowed podSelector and a dropped policy type', () => {
    const e = env();
    patch(e.defaultDenyPolicy,
      JsonPatch.add('/spec/ingress', [{}]),
      JsonPatch.add('/spec/egress/-', { to: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }),
      JsonPatch.replace('/spec/podSelector', { matchLabels: { app: 'nothing' } }),
      JsonPatch.replace('/spec/policyTypes', ['Ingress']));
    expect(found(e)).toEqual([
      'guardrails.default-deny spec.egress[1]',
      'guardrails.default-deny spec.ingress[0]',
      'guardrails.default-deny spec.podSelector',
      'guardrails.default-deny spec.policyTypes',
    ]);
  });
  test('fails a DNS rule widened to every port or every namespace', () => {
    const e = env();
    patch(e.defaultDenyPolicy, JsonPatch.remove('/spec/egress/0/ports'));
    expect(found(e)).toEqual(['guardrails.default-deny spec.egress[0]']);
    const wide = env();
    patch(wide.defaultDenyPolicy, JsonPatch.replace('/spec/egress/0/to/0/namespaceSelector', {}));
    expect(found(wide)).toEqual(['guardrails.default-deny spec.egress[0]']);
  });
  test('passes a default-deny with no egress at all, which only tightens (passing twin)', () => {
    const e = env();
    patch(e.defaultDenyPolicy, JsonPatch.replace('/spec/egress', []));
    expect(found(e)).toEqual([]);
  });
  test('property: any egress rule other than the platform\'s DNS rule fails', () => {
    const peer = fc.record({ ipBlock: fc.record({ cidr: fc.constantFrom('0.0.0.0/0', '10.0.0.0/8', '169.254.169.254/32') }) });
    const port = fc.record({ port: fc.integer({ min: 1, max: 65535 }) });
    const rule = fc.record({ to: fc.array(peer, { maxLength: 2 }), ports: fc.array(port, { maxLength: 2 }) });
    fc.assert(fc.property(rule, (r) => {
      const e = testEnvironment();
      patch(e.defaultDenyPolicy, JsonPatch.add('/spec/egress/-', r));
      return found(e).join() === 'guardrails.default-deny spec.egress[1]';
    }), { numRuns: 25 });
  });
});

describe('guardrails outside an environment', () => {
  test('a plain chart has no environment guardrails to miss', () => {
    const chart = new Chart(Testing.app(), 'plain');
    new ApiObject(chart, 'Cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } });
    expect(found(chart)).toEqual([]);
  });
});
