import { ApiObject, App, Chart, Duration, Testing, Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import * as paved from '../../src';
import { BucketDependency } from '../../src/dependencies/bucket-dependency';
import { PostgresDependency } from '../../src/dependencies/postgres-dependency';
import { QueueDependency } from '../../src/dependencies/queue-dependency';
import { RedisDependency } from '../../src/dependencies/redis-dependency';
import { Environment } from '../../src/environment/environment';
import { PreviewEnvironment } from '../../src/environment/preview-environment';
import { Errors } from '../../src/errors';
import { Migration } from '../../src/job/migration';
import { ScheduledJob } from '../../src/job/scheduled-job';
import { Tier } from '../../src/platform/tier';
import { TierDefaults } from '../../src/platform/tier-settings';
import { PlatformService } from '../../src/service/platform-service';
import { Worker } from '../../src/worker/worker';
import { WorkerScaling } from '../../src/worker/worker-scaling';
import { errorOf } from '../support/errors';
import { dependencyPlatform, find, synth, testEnvironment, testPlatform } from '../support/fixtures';

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

describe('constructs that need an Environment', () => {
  /** Every public construct that lives in an Environment, created as a user would write it. */
  const constructs: { [name: string]: (scope: Construct, id: string) => IConstruct } = {
    PlatformService: (scope, id) => new PlatformService(scope, id, { image: 'registry.acme.dev/payments/orders-api:1.4.2', port: 8080 }),
    PostgresDependency: (scope, id) => new PostgresDependency(scope, id, {}),
    RedisDependency: (scope, id) => new RedisDependency(scope, id, {}),
    BucketDependency: (scope, id) => new BucketDependency(scope, id, {}),
    QueueDependency: (scope, id) => new QueueDependency(scope, id, {}),
    Worker: (scope, id) => new Worker(scope, id, { image: 'registry.acme.dev/payments/worker:1.0.0', scaling: WorkerScaling.cpu() }),
    ScheduledJob: (scope, id) => new ScheduledJob(scope, id, { image: 'registry.acme.dev/payments/report:1.0.0', schedule: '@daily', expectedDuration: Duration.minutes(5) }),
    // The service a migration precedes exists only where it can: outside an Environment the
    // migration is refused for its scope before it looks at `before`.
    Migration: (scope, id) => new Migration(scope, id, {
      image: 'registry.acme.dev/payments/orders-api:1.4.2',
      before: scope.node.scopes.some((s) => Environment.isEnvironment(s))
        ? new PlatformService(scope, `${id}-api`, { image: 'registry.acme.dev/payments/orders-api:1.4.2', port: 8080 })
        : {} as PlatformService,
    }),
  };
  /** Scopes outside any Environment, and the path the refusal must name. */
  const outside: Array<[string, (app: App) => Construct, string, string]> = [
    ['the app', (app) => app, 'x', 'its scope is the app itself'],
    ['a plain Chart', (app) => new Chart(app, 'plain'), 'plain/x', 'its scope plain is in no Environment'],
    ['a construct in a plain Chart', (app) => new Construct(new Chart(app, 'plain'), 'group'), 'plain/group/x', 'its scope plain/group is in no Environment'],
  ];
  const cases = Object.keys(constructs).flatMap((name) => outside.map(([where, scope, path, why]) => [name, where, scope, path, why] as const));

  test.each(cases)('%s under %s is refused by its own path, with the call to write', (name, _where, scope, path, why) => {
    const app = Testing.app();
    const parent = scope(app);
    const before = parent.node.children.length;
    const error = errorOf(() => constructs[name](parent, 'x'));
    expect(Errors.isPavedError(error)).toBe(true);
    expect((error as any).path).toBe(path);
    expect(error.message).toBe(`${path}: a ${name} must be created inside an Environment, but ${why}; create it inside an Environment: new ${name}(env, "x", ...), where env is an Environment or PreviewEnvironment`);
    expect(parent.node.children).toHaveLength(before);
  });

  test.each(Object.keys(constructs))('%s inside an Environment, a PreviewEnvironment or a construct in one is accepted', (name) => {
    const app = Testing.app();
    const platform = dependencyPlatform();
    const env = new Environment(app, 'payments-development', { platform, tier: Tier.DEVELOPMENT, team: 'payments' });
    const preview = new PreviewEnvironment(app, 'payments-pr-1', { platform, team: 'payments', pullRequest: 1 });
    const made = [constructs[name](env, 'x'), constructs[name](preview, 'x'), constructs[name](new Construct(env, 'group'), 'y')];
    expect(made.map((c) => Environment.enclosing(c))).toEqual([env, preview, env]);
    expect(() => app.synthYaml()).not.toThrow();
  });

  test('the table covers every public construct that is not a Chart of its own', () => {
    const exported = Object.entries(paved)
      // isPrototypeOf: Chart's own instanceof looks for a mark instances carry, which a prototype does not.
      .filter(([, value]) => typeof value === 'function' && Construct.prototype.isPrototypeOf(value.prototype) && !Chart.prototype.isPrototypeOf(value.prototype))
      .map(([name]) => name)
      // Dependency and Workload: abstract bases, created only through a subclass. Policy: made
      // by Policy.of(scope) for any scope, never with `new`.
      .filter((name) => name !== 'Dependency' && name !== 'Workload' && name !== 'Policy')
      .sort();
    expect(exported).toEqual(Object.keys(constructs).sort());
  });

  test('Environment.enclosing refuses a construct outside any Environment the same way', () => {
    const construct = new Construct(new Chart(Testing.app(), 'plain'), 'loose');
    expect(errorOf(() => Environment.enclosing(construct)).message)
      .toBe('plain/loose: a Construct must be created inside an Environment, but its scope plain is in no Environment; create it inside an Environment: new Construct(env, "loose", ...), where env is an Environment or PreviewEnvironment');
  });
});
