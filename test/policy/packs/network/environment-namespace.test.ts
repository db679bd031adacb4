import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ApiObject, Include, JsonPatch, Testing } from 'cdk8s';
import { ENVIRONMENT_NAMESPACE } from '../../../../src/policy/packs/network/environment-namespace';
import { PolicyTesting } from '../../../../src/policy/policy-testing';
import { testEnvironment, testService } from '../../../support/fixtures';
import { check, companions, deployment, fields } from '../workloads';

const elsewhere = (o: any) => ({ ...o, metadata: { ...o.metadata, namespace: 'payments-staging' } });

describe('network.environment-namespace', () => {
  test('passes the golden path, objects without a namespace (the chart sets it) and cluster-scoped kinds', () => {
    const env = testEnvironment();
    testService(env, { ingress: { host: 'orders.apps.acme.dev' } });
    new ApiObject(env, 'config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config' } });
    new ApiObject(env, 'role', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'reader' } });
    expect(PolicyTesting.findings(env, { rules: [ENVIRONMENT_NAMESPACE] })).toEqual([]);
    for (const o of [deployment(), ...companions()]) expect(check(ENVIRONMENT_NAMESPACE, o)).toEqual([]);
  });
  test('fails namespaced objects of any kind in another namespace or none, and another Namespace', () => {
    for (const o of [deployment(), ...companions(), { apiVersion: 'acme.dev/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'payments-production' } }]) {
      expect(fields(check(ENVIRONMENT_NAMESPACE, elsewhere(o)))).toEqual(['metadata.namespace']);
      expect(fields(check(ENVIRONMENT_NAMESPACE, { ...o, metadata: { name: 'x' } }))).toEqual(['metadata.namespace']);
    }
    expect(check(ENVIRONMENT_NAMESPACE, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'payments-production' } })).toEqual([]);
    expect(check(ENVIRONMENT_NAMESPACE, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'search-production' } }).map((v) => [v.field, v.expected]))
      .toEqual([['metadata.name', '"payments-production": an environment owns its own Namespace and no other']]);
  });
  test('looks into List items, which get no namespace from the chart', () => {
    const list = { apiVersion: 'v1', kind: 'List', metadata: { namespace: 'payments-production' }, items: [deployment(), elsewhere(deployment()), { kind: 'Secret', metadata: { name: 's' } }, { kind: 'Namespace', metadata: { name: 'kube-system' } }] };
    expect(fields(check(ENVIRONMENT_NAMESPACE, list))).toEqual(['items[1].metadata.namespace', 'items[2].metadata.namespace', 'items[3].metadata.name']);
  });
  test('checks nothing outside an Environment', () => {
    const chart = Testing.chart();
    new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'anywhere' } });
    expect(PolicyTesting.findings(chart, { rules: [ENVIRONMENT_NAMESPACE] })).toEqual([]);
  });
  test('runs on what is synthesized: hand-written objects, escape hatches and included YAML', () => {
    const env = testEnvironment();
    const orders = testService(env);
    orders.networkPolicy.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
    new ApiObject(env, 'foreign', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'allow-all', namespace: 'payments-staging' }, spec: { podSelector: {}, ingress: [{}] } });
    new ApiObject(env, 'takeover', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'payments-staging' } });
    const dir = mkdtempSync(join(tmpdir(), 'paved-namespace-'));
    writeFileSync(join(dir, 'vendored.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: vendored, namespace: kube-system }\n');
    new Include(env, 'vendored', { url: join(dir, 'vendored.yaml') });
    expect(PolicyTesting.findings(env, { rules: [ENVIRONMENT_NAMESPACE] }).map((f) => [f.kind, f.name, f.field])).toEqual([
      ['NetworkPolicy', 'allow-all', 'metadata.namespace'],
      ['Namespace', 'payments-staging', 'metadata.name'],
      ['NetworkPolicy', 'orders-api', 'metadata.namespace'],
      ['ConfigMap', 'vendored', 'metadata.namespace'],
    ]);
  });
});
