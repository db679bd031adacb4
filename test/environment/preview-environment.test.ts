import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Duration, JsonPatch, Testing } from 'cdk8s';
import { PostgresDependency } from '../../src/dependencies/postgres-dependency';
import { Environment } from '../../src/environment/environment';
import { PreviewEnvironment, PreviewEnvironmentProps } from '../../src/environment/preview-environment';
import { Errors } from '../../src/errors';
import { Tier } from '../../src/platform/tier';
import { TierDefaults } from '../../src/platform/tier-settings';
import { PolicyTesting } from '../../src/policy/policy-testing';
import { RulePacks } from '../../src/policy/rule-packs';
import { PlatformService } from '../../src/service/platform-service';
import { errorOf } from '../support/errors';
import { dependencyPlatform, find, findAll, synth } from '../support/fixtures';
import { manifestsOf, validateAgainstSchemas } from '../support/schema';

/** The one definition a team deploys everywhere: production replicas and hosts, which a preview overrides. */
function orders(env: Environment, tag: string): PlatformService {
  const db = new PostgresDependency(env, 'orders-db', { version: '16', seed: 'last-7-days-anonymized' });
  const api = new PlatformService(env, 'orders-api', {
    image: `registry.acme.dev/payments/orders-api:${tag}`,
    port: 8080,
    replicas: { min: 3, max: 20 },
    ingress: { host: 'orders.apps.acme.dev' },
    dependencies: [db],
  });
  new PlatformService(env, 'orders-worker', { image: `registry.acme.dev/payments/orders-worker:${tag}`, port: 9000 });
  return api;
}

function preview(props: Partial<PreviewEnvironmentProps> = {}, app: App = Testing.app(), platform = dependencyPlatform()): PreviewEnvironment {
  return new PreviewEnvironment(app, 'orders-pr-142', { platform, team: 'payments', pullRequest: 142, ...props });
}

function built(props: Partial<PreviewEnvironmentProps> = {}) {
  const env = preview(props);
  orders(env, 'pr-142');
  return { env, objects: synth(env) };
}

describe('PreviewEnvironment', () => {
  test('matches its snapshot', () => {
    expect(built({ repository: 'https://github.com/acme/payments-infra' }).objects).toMatchSnapshot();
  });

  test('derives a stable, DNS-safe namespace from the team and pull request number', () => {
    expect(built().env.namespace).toBe('payments-pr-142');
    expect(find(built().objects, 'Namespace').metadata.name).toBe('payments-pr-142');
    expect(preview({ application: 'orders' }).namespace).toBe('payments--orders-pr-142');
    expect(preview({ pullRequest: 7 }, Testing.app()).namespace).toBe('payments-pr-7');
  });

  test('is the preview tier: one replica whatever the shared definition asks for, no autoscaler, no disruption budget', () => {
    const { env, objects } = built();
    expect(env.tier).toBe(Tier.PREVIEW);
    const api = env.node.findChild('orders-api') as PlatformService;
    expect(api.replicas).toEqual({ min: 1, max: 1 });
    expect(find(objects, 'Deployment', 'orders-api').spec.replicas).toBe(1);
    expect(findAll(objects, 'HorizontalPodAutoscaler')).toEqual([]);
    expect(findAll(objects, 'PodDisruptionBudget')).toEqual([]);
  });

  test('still validates the declared range whole before capping it', () => {
    const image = 'registry.acme.dev/payments/orders-api:1';
    const error = errorOf(() => new PlatformService(preview(), 'orders-api', { image, port: 8080, replicas: { min: 5, max: 2 } }));
    expect(error.message).toBe('orders-pr-142/orders-api: replicas.min (5) must not exceed replicas.max (2)');
  });

  test('a platform that lifts the preview ceiling gets the declared range', () => {
    const platform = dependencyPlatform({ tiers: { preview: { ...TierDefaults.of(Tier.PREVIEW), maxReplicas: undefined } } });
    const api = new PlatformService(preview({}, Testing.app(), platform), 'orders-api', { image: 'registry.acme.dev/payments/orders-api:1', port: 8080, replicas: { min: 1, max: 3 } });
    expect(api.replicas).toEqual({ min: 1, max: 3 });
  });

  test('gets the quota sized for previews', () => {
    const quota = find(built().objects, 'ResourceQuota');
    const expected = TierDefaults.of(Tier.PREVIEW).quota;
    expect(quota.spec.hard).toMatchObject({ 'requests.cpu': '2', 'requests.memory': '4Gi', 'pods': expected.pods });
  });

  test('runs dependencies in the cluster, seeded', () => {
    const { objects } = built();
    expect(find(objects, 'StatefulSet', 'orders-db')).toBeDefined();
    expect(find(objects, 'Job', 'orders-db-seed')).toBeDefined();
  });

  test('links the Namespace to its pull request and sets the janitor TTL', () => {
    const ns = find(built({ repository: 'https://github.com/acme/payments-infra', ttl: Duration.days(3) }).objects, 'Namespace');
    expect(ns.metadata.labels['paved.dev/pull-request']).toBe('142');
    expect(ns.metadata.labels['paved.dev/tier']).toBe('preview');
    expect(ns.metadata.annotations).toMatchObject({
      'janitor/ttl': '3d',
      'paved.dev/repository': 'https://github.com/acme/payments-infra',
      'paved.dev/pull-request-url': 'https://github.com/acme/payments-infra/pull/142',
    });
  });

  test('takes the platform\'s default TTL, and writes TTLs in the largest unit that divides them', () => {
    expect(find(built().objects, 'Namespace').metadata.annotations['janitor/ttl']).toBe('7d');
    const platform = dependencyPlatform({ previews: { defaultTtl: Duration.hours(36) } });
    expect(find(synth(preview({}, Testing.app(), platform)), 'Namespace').metadata.annotations['janitor/ttl']).toBe('36h');
    expect(find(synth(preview({ ttl: Duration.minutes(90) })), 'Namespace').metadata.annotations['janitor/ttl']).toBe('90m');
    expect(find(synth(preview({ ttl: Duration.days(14) })), 'Namespace').metadata.annotations['janitor/ttl']).toBe('14d');
  });

  test('exposes each exposed service on a host of its own, under the platform\'s preview domain', () => {
    const { env, objects } = built();
    const ingress = find(objects, 'Ingress', 'orders-api');
    expect(ingress.spec.rules[0].host).toBe('pr-142.orders-api.payments.preview.apps.acme.dev');
    expect(ingress.spec.tls[0].hosts).toEqual(['pr-142.orders-api.payments.preview.apps.acme.dev']);
    expect(env.urls()).toEqual([{ service: 'orders-api', url: 'https://pr-142.orders-api.payments.preview.apps.acme.dev' }]);
    const elsewhere = preview({ application: 'orders' }, Testing.app(), dependencyPlatform({ previews: { domain: 'pr.apps.acme.dev' } }));
    orders(elsewhere, 'pr-142');
    expect(elsewhere.urls()[0].url).toBe('https://pr-142.orders-api.orders.payments.pr.apps.acme.dev');
  });

  test('refuses a preview host longer than DNS allows, naming the service; a shorter one fits', () => {
    const domain = `${'d'.repeat(63)}.${'e'.repeat(63)}.${'f'.repeat(50)}.apps.acme.dev`;
    const env = preview({}, Testing.app(), dependencyPlatform({ previews: { domain } }));
    const service = (name: string) => new PlatformService(env, name, { image: 'registry.acme.dev/payments/orders-api:1', port: 8080, ingress: { host: 'orders.apps.acme.dev' } });
    expect(() => service('a'.repeat(44))).not.toThrow();
    const error = errorOf(() => service('b'.repeat(60)));
    expect(Errors.isPavedError(error)).toBe(true);
    expect(error.message).toMatch(new RegExp(`^orders-pr-142/${'b'.repeat(60)}: the preview host "pr-142\\.b+.*" is 269 characters, over DNS's 253; shorten the service name or the platform's previews.domain$`));
  });

  test('keeps every security rule enforced: the preview passes every pack, and a breach still fails', () => {
    const { env } = built();
    PolicyTesting.assertPasses(env, { packs: [...RulePacks.all(), RulePacks.POD_SECURITY_BASELINE] });
    validateAgainstSchemas(manifestsOf(env));
    const api = env.node.findChild('orders-api') as PlatformService;
    ApiObject.of(api.deployment).addJsonPatch(JsonPatch.replace('/spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation', true));
    PolicyTesting.assertYields(env, ['pss.restricted.privilege-escalation']);
  });

  test('prints its URLs at synth and writes them with the manifest and branch CI publishes', () => {
    const app = Testing.app();
    orders(preview({ repository: 'https://github.com/acme/payments-infra' }, app), 'pr-142');
    const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      app.synth();
      const printed = log.mock.calls.map((c) => String(c[0])).join('\n');
      expect(printed).toContain('Paved previews:\n  payments-pr-142  PR #142 (https://github.com/acme/payments-infra/pull/142)  expires 7d after creation  orders-pr-142.k8s.yaml → paved/preview/payments-pr-142');
      expect(printed).toContain('    orders-api  https://pr-142.orders-api.payments.preview.apps.acme.dev');
    } finally {
      log.mockRestore();
    }
    const report = JSON.parse(fs.readFileSync(path.join(app.outdir, 'paved-reports', 'paved-previews.json'), 'utf8'));
    expect(report).toEqual({
      previews: [{
        environment: 'orders-pr-142',
        namespace: 'payments-pr-142',
        team: 'payments',
        pullRequest: 142,
        pullRequestUrl: 'https://github.com/acme/payments-infra/pull/142',
        ttl: '7d',
        manifest: 'orders-pr-142.k8s.yaml',
        publishBranch: 'paved/preview/payments-pr-142',
        urls: [{ service: 'orders-api', url: 'https://pr-142.orders-api.payments.preview.apps.acme.dev' }],
      }],
    });
    expect(fs.existsSync(path.join(app.outdir, 'orders-pr-142.k8s.yaml'))).toBe(true);
  });

  test('an app without a preview writes no previews file', () => {
    const app = Testing.app();
    const prod = new Environment(app, 'payments-prod', { platform: dependencyPlatform(), tier: Tier.PRODUCTION, team: 'payments' });
    new PlatformService(prod, 'orders-api', { image: 'registry.acme.dev/payments/orders-api:1.4.2', port: 8080 });
    const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      app.synth();
    } finally {
      log.mockRestore();
    }
    expect(fs.existsSync(path.join(app.outdir, 'paved-reports', 'paved-previews.json'))).toBe(false);
  });

  test('is recognised as a preview, and as an Environment', () => {
    const env = preview();
    expect(PreviewEnvironment.isPreviewEnvironment(env)).toBe(true);
    expect(PreviewEnvironment.isPreviewEnvironment({})).toBe(false);
    expect(PreviewEnvironment.isPreviewEnvironment(null)).toBe(false);
  });

  test('team payments with application api and team payments-api get previews apart in one app: namespace, hosts and branch', () => {
    const app = Testing.app();
    const split = new PreviewEnvironment(app, 'split', { platform: dependencyPlatform(), team: 'payments', application: 'api', pullRequest: 12 });
    const joined = new PreviewEnvironment(app, 'joined', { platform: dependencyPlatform(), team: 'payments-api', pullRequest: 12 });
    orders(split, 'pr-12');
    orders(joined, 'pr-12');
    expect([split.namespace, joined.namespace]).toEqual(['payments--api-pr-12', 'payments-api-pr-12']);
    expect([split.publishBranch, joined.publishBranch]).toEqual(['paved/preview/payments--api-pr-12', 'paved/preview/payments-api-pr-12']);
    expect(split.urls()[0].url).not.toBe(joined.urls()[0].url);
  });

  test.each([
    ['a pull request of 0', { pullRequest: 0 }, 'orders-pr-142: pullRequest (0) must be a whole number from 1 to 9999999999'],
    ['a negative pull request', { pullRequest: -3 }, 'pullRequest (-3) must be a whole number from 1 to 9999999999'],
    ['a fractional pull request', { pullRequest: 1.5 }, 'pullRequest (1.5) must be a whole number from 1 to 9999999999'],
    ['a pull request given as text', { pullRequest: '142' as any }, 'pullRequest ("142") must be a whole number'],
    ['a TTL over the platform maximum', { ttl: Duration.days(30) }, 'orders-pr-142: ttl (30d) exceeds the platform\'s maximum for previews (14d); set a shorter ttl, or raise previews.maxTtl on the Platform'],
    ['a TTL under a minute', { ttl: Duration.seconds(30) }, 'ttl (30s) must be a Duration of whole minutes, at least Duration.minutes(1)'],
    ['a TTL given as a number', { ttl: 7 as any }, 'ttl (7) must be a Duration of whole minutes'],
    ['a team that is not a DNS label', { team: 'Payments' }, 'team "Payments" must be a DNS-1123 label'],
    ['an application that is not a DNS label', { application: 'orders_api' }, 'application "orders_api" must be a DNS-1123 label'],
    ['a team holding "--", which joins team and application', { team: 'pay--ments' }, 'team "pay--ments" holds "--", which preview names reserve to join team and application'],
    ['an application holding "--"', { application: 'orders--eu' }, 'application "orders--eu" holds "--"'],
    ['a team and application too long for a namespace', { team: 'p'.repeat(30), application: 'a'.repeat(30) }, 'are 62 characters; a preview namespace has room for 49 beside "-pr-<number>"'],
    ['a repository that is not an https address', { repository: 'git@github.com:acme/payments-infra.git' }, 'repository "git@github.com:acme/payments-infra.git" must be the repository\'s https address'],
    ['no platform', { platform: {} as any }, 'platform must be a Platform'],
  ])('rejects %s, naming the prop', (_what, props, message) => {
    const app = Testing.app();
    const error = errorOf(() => preview(props, app));
    expect(Errors.isPavedError(error)).toBe(true);
    expect(error.message).toContain(message);
    expect(app.node.children).toEqual([]);
  });
});
