import { ApiObject, Testing, Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-28';
import { Environment } from '../../src/environment/environment';
import { Errors } from '../../src/errors';
import { Tier } from '../../src/platform/tier';
import { TierDefaults } from '../../src/platform/tier-settings';
import { errorOf } from '../support/errors';
import { find, synth, testEnvironment, testPlatform } from '../support/fixtures';

describe('Environment', () => {
  test('owns a Namespace that enforces, warns and audits Pod Security "restricted"', () => {
    const ns = find(synth(testEnvironment()), 'Namespace');
    expect(ns.metadata.name).toBe('payments-production');
    expect(ns.metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/enforce-version': 'v1.28',
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/audit': 'restricted',
    });
  });

  test('the Namespace is cluster-scoped: it carries no namespace of its own', () => {
    expect(find(synth(testEnvironment()), 'Namespace').metadata.namespace).toBeUndefined();
  });

  test('denies all ingress and egress except DNS to cluster DNS', () => {
    const policy = find(synth(testEnvironment()), 'NetworkPolicy', 'paved-default-deny');
    expect(policy.spec).toEqual({
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
      egress: [{
        to: [{
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
          podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
        }],
        ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
      }],
    });
  });

  test('opens DNS to wherever the platform says cluster DNS runs', () => {
    const platform = testPlatform({ dns: { namespace: 'dns', podLabels: { app: 'coredns' } } });
    const policy = find(synth(testEnvironment(Tier.PRODUCTION, { platform })), 'NetworkPolicy', 'paved-default-deny');
    expect(policy.spec.egress[0].to[0]).toEqual({
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'dns' } },
      podSelector: { matchLabels: { app: 'coredns' } },
    });
  });

  test.each(Tier.all().map((t) => [t.name, t] as const))('sizes the ResourceQuota for %s', (_name, tier) => {
    const quota = find(synth(testEnvironment(tier)), 'ResourceQuota');
    const expected = TierDefaults.of(tier).quota;
    expect(quota.spec.hard).toMatchObject({
      'pods': expected.pods,
      'services.loadbalancers': 0,
      'services.nodeports': 0,
    });
  });

  test('quota grows with the tier', () => {
    const pods = Tier.all().map((t) => find(synth(testEnvironment(t)), 'ResourceQuota').spec.hard.pods);
    expect(pods).toEqual([...pods].sort((a, b) => a - b));
    expect(find(synth(testEnvironment(Tier.PRODUCTION)), 'ResourceQuota').spec.hard).toMatchObject({
      'requests.cpu': '32', 'limits.cpu': '128', 'requests.memory': '64Gi', 'limits.memory': '128Gi',
    });
  });

  test('uses the platform tier settings when given', () => {
    const platform = testPlatform({
      tiers: {
        preview: {
          ...TierDefaults.of(Tier.PREVIEW),
          quota: {
            cpuRequests: Cpu.millis(1500),
            cpuLimits: Cpu.units(3),
            memoryRequests: Size.mebibytes(1536),
            memoryLimits: Size.gibibytes(3),
            pods: 7,
          },
        },
      },
    });
    const quota = find(synth(testEnvironment(Tier.PREVIEW, { platform })), 'ResourceQuota');
    expect(quota.spec.hard).toMatchObject({ 'requests.cpu': '1500m', 'limits.cpu': '3', 'requests.memory': '1536Mi', 'limits.memory': '3Gi', 'pods': 7 });
  });

  test('LimitRange defaults to the small preset and caps at the largest preset', () => {
    const limits = find(synth(testEnvironment()), 'LimitRange').spec.limits[0];
    expect(limits).toEqual({
      type: 'Container',
      defaultRequest: { cpu: '100m', memory: '128Mi' },
      default: { cpu: '500m', memory: '256Mi' },
      max: { cpu: '2', memory: '2Gi' },
    });
  });

  test('labels every object with owner, tier and managed-by', () => {
    for (const object of synth(testEnvironment(Tier.STAGING))) {
      expect(object.metadata.labels).toMatchObject({
        'app.kubernetes.io/managed-by': 'paved',
        'app.kubernetes.io/part-of': 'payments',
        'app.kubernetes.io/component': 'environment',
        'paved.dev/team': 'payments',
        'paved.dev/tier': 'staging',
      });
    }
  });

  test('adds the platform labels to every object', () => {
    const platform = testPlatform({ labels: { 'acme.dev/cost-centre': 'cc-42' } });
    for (const object of synth(testEnvironment(Tier.STAGING, { platform }))) {
      expect(object.metadata.labels['acme.dev/cost-centre']).toBe('cc-42');
    }
  });

  test('uses the namespace prop over the construct id', () => {
    const env = new Environment(Testing.app(), 'prod', { platform: testPlatform(), tier: Tier.PRODUCTION, team: 'payments', namespace: 'payments-prod' });
    expect(env.namespace).toBe('payments-prod');
    expect(find(synth(env), 'Namespace').metadata.name).toBe('payments-prod');
  });

  test('exposes its objects as escape hatches', () => {
    const env = testEnvironment();
    env.namespaceObject.metadata.addLabel('istio-injection', 'disabled');
    ApiObject.of(env.resourceQuota).metadata.addAnnotation('acme.dev/reviewed', 'yes');
    const objects = synth(env);
    expect(find(objects, 'Namespace').metadata.labels['istio-injection']).toBe('disabled');
    expect(find(objects, 'ResourceQuota').metadata.annotations['acme.dev/reviewed']).toBe('yes');
  });

  test('isEnvironment and enclosing find the environment of a construct', () => {
    const env = testEnvironment();
    expect(Environment.isEnvironment(env)).toBe(true);
    expect(Environment.isEnvironment(Testing.chart())).toBe(false);
    expect(Environment.enclosing(env)).toBe(env);
  });

  describe('errors', () => {
    const bad: Array<[string, any, RegExp]> = [
      ['a namespace that is not DNS-1123', { namespace: 'Payments_Prod' }, /^payments-production: namespace "Payments_Prod" must be a DNS-1123 label/],
      ['a namespace over 63 characters', { namespace: 'a'.repeat(64) }, /namespace "a{64}" must be a DNS-1123 label/],
      ['a team that is not DNS-1123', { team: 'Payments Team' }, /team "Payments Team" must be a DNS-1123 label/],
      ['a tier that is not a Tier', { tier: 'prod' }, /tier "prod" is not a Tier \(allowed: preview, development, staging, production\)/],
      ['a platform that is not a Platform', { platform: { name: 'acme' } }, /platform must be a Platform/],
      ['a negative budget', { budget: { monthlyUsd: -5 } }, /^payments-production: budget.monthlyUsd \(-5\) must be a finite number of US dollars above zero$/],
      ['a zero budget', { budget: { monthlyUsd: 0 } }, /budget.monthlyUsd \(0\) must be a finite number of US dollars above zero/],
      ['a budget that is not a number', { budget: { monthlyUsd: '4000' } }, /budget.monthlyUsd \("4000"\) must be a finite number/],
    ];
    test.each(bad)('rejects %s', (_what, props, message) => {
      const error = errorOf(() => new Environment(Testing.app(), 'payments-production', { platform: testPlatform(), tier: Tier.PRODUCTION, team: 'payments', ...props }));
      expect(Errors.isPavedError(error)).toBe(true);
      expect(error.message).toMatch(message);
    });

    test('a rejected environment leaves the app empty', () => {
      const app = Testing.app();
      expect(() => new Environment(app, 'BAD', { platform: testPlatform(), tier: Tier.PRODUCTION, team: 'payments' })).toThrow();
      expect(app.node.children).toHaveLength(0);
    });
  });
});
