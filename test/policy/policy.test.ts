import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, Chart, JsonPatch, Testing, Yaml } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { DEMO_PACK, deploymentManifest, FakeEnvironment, NO_PRIVILEGED, OWNER_LABEL, quietApp, Service, TWO_REPLICAS } from './fixtures';
import { Errors } from '../../src/errors';
import { Tier } from '../../src/platform/tier';
import { Policy } from '../../src/policy/policy';
import { Enforcement, IRule } from '../../src/policy/rule';
import { RulePack } from '../../src/policy/rule-pack';
import { errorOf } from '../support/errors';

/** Every file under `dir` with its content, to prove a synth left it untouched. */
/** Every file below `dir`, by relative path. */
function snapshotDir(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of fs.readdirSync(dir, { recursive: true }).map(String).sort()) {
    const file = path.join(dir, name);
    if (fs.statSync(file).isFile()) files[name] = fs.readFileSync(file, 'utf8');
  }
  return files;
}

/** A team construct whose Deployment comes from cdk8s-plus, to check ownership through its wrapper. */
class PlusService extends Construct {
  public readonly deployment: kplus.Deployment;
  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.deployment = new kplus.Deployment(this, 'Deployment', {
      metadata: { name: id, labels: { 'paved.dev/team': 'payments' } },
      replicas: 2,
      podMetadata: { labels: { 'paved.dev/team': 'payments' } },
      containers: [{ image: 'registry.acme.dev/orders:1.0.0', portNumber: 8080, securityContext: { privileged: false } }],
    });
  }
}

describe('Policy.of', () => {
  test('attaches one engine to the app, whichever construct it is given', () => {
    const app = quietApp();
    const env = new FakeEnvironment(app, 'prod', Tier.PRODUCTION);
    const service = new Service(env, 'orders-api');

    expect(Policy.of(service)).toBe(Policy.of(app));
    expect(Policy.of(env)).toBe(Policy.of(app));
    expect(app.node.children.filter((c) => Policy.isPolicy(c))).toHaveLength(1);
  });

  test('is not a chart, so it adds no manifest', () => {
    const app = quietApp();
    new FakeEnvironment(app, 'prod', Tier.PRODUCTION);
    app.synth();

    expect(fs.readdirSync(app.outdir).filter((f) => f.endsWith('.k8s.yaml'))).toEqual(['prod.k8s.yaml']);
  });
});

describe('evaluation at synth', () => {
  test('runs on Testing.synth(chart) and chart.toJson()', () => {
    const app = quietApp();
    const chart = new Chart(app, 'plain');
    Policy.of(app).use(DEMO_PACK);
    new Service(chart, 'orders-api', { privileged: true, team: 'payments' });

    expect(() => Testing.synth(chart)).toThrow(/demo\.no-privileged/);
    expect(() => chart.toJson()).toThrow(/demo\.no-privileged/);
  });

  test('enforce fails the synth with every finding listed: rule, construct path, object, field and fix', () => {
    const app = quietApp();
    const env = new FakeEnvironment(app, 'payments-prod', Tier.PRODUCTION);
    new Service(env, 'orders-api', { privileged: true, team: 'payments' });
    new Service(env, 'billing', { replicas: 1, team: 'payments' });

    const message = errorOf(() => app.synth()).message;

    expect(message).toMatch(/Paved policy failed with 2 enforced findings/);
    expect(message).toContain([
      '✖ demo.no-privileged  payments-prod/orders-api  Deployment/orders-api in payments-prod',
      '  spec.template.spec.containers[0].securityContext.privileged is true — expected false or absent',
      '  fix: remove securityContext.privileged',
    ].join('\n'));
    expect(message).toContain('✖ demo.replicas  payments-prod/billing  Deployment/billing in payments-prod');
    expect(message).toContain('  spec.replicas is 1 — expected at least 2');
  });

  test('warn reports the finding and lets the synth write the manifests', () => {
    const app = quietApp();
    const env = new FakeEnvironment(app, 'payments-preview', Tier.PREVIEW);
    new Service(env, 'orders-api', { replicas: 1, team: 'payments' });

    expect(() => app.synth()).not.toThrow();

    expect(fs.existsSync(path.join(app.outdir, 'payments-preview.k8s.yaml'))).toBe(true);
    expect(Policy.of(app).findings()).toEqual([
      expect.objectContaining({ ruleId: 'demo.replicas', enforcement: Enforcement.WARN, path: 'payments-preview/orders-api' }),
    ]);
  });

  test('prints a summary at app.synth(): counts, then findings marked ✖ and ⚠', () => {
    const app = quietApp();
    Policy.of(app).configureReports({ console: true });
    const env = new FakeEnvironment(app, 'payments-preview', Tier.PREVIEW);
    new Service(env, 'orders-api', { replicas: 1 });
    const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      app.synth();
      const printed = log.mock.calls.map((c) => c.join(' ')).join('\n');
      expect(printed).toMatch(/Paved policy: 1 object checked against 3 rules — 0 enforced findings, 2 warnings, 0 acknowledged/);
      expect(printed).toContain('⚠ demo.replicas  payments-preview/orders-api');
      expect(printed).toContain('⚠ demo.owner-label  payments-preview/orders-api');
    } finally {
      log.mockRestore();
    }
  });

  test('an escape hatch that breaks a rule fails the synth at the construct that owns the object', () => {
    const app = quietApp();
    const env = new FakeEnvironment(app, 'payments-prod', Tier.PRODUCTION);
    const service = new PlusService(env, 'orders-api');
    expect(() => app.synthYaml()).not.toThrow();

    ApiObject.of(service.deployment).addJsonPatch(
      JsonPatch.replace('/spec/template/spec/containers/0/securityContext/privileged', true),
    );

    const message = errorOf(() => app.synth()).message;
    expect(message).toContain('✖ demo.no-privileged  payments-prod/orders-api  Deployment/orders-api');
    expect(message).not.toContain('orders-api/Deployment');
  });

  test('checks objects added by hand next to the golden path', () => {
    const app = quietApp();
    const env = new FakeEnvironment(app, 'payments-prod', Tier.PRODUCTION);
    new ApiObject(env, 'debug', deploymentManifest('debug', { privileged: true, team: 'payments' }));

    expect(() => app.synth()).toThrow(/demo\.no-privileged {2}payments-prod {2}Deployment\/debug/);
  });

  test('a List of objects in a plain chart is checked item by item by the built-in packs, in production', () => {
    const app = quietApp();
    const chart = new Chart(app, 'vendored');
    new ApiObject(chart, 'bundle', { apiVersion: 'v1', kind: 'List', metadata: { name: 'bundle' }, items: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'evil' }, spec: { hostPID: true, containers: [{ name: 'c', image: 'busybox' }] } }] });

    const message = errorOf(() => app.synth()).message;
    expect(message).toContain('✖ pss.baseline.host-namespaces  vendored  List/bundle items[0] Pod/evil');
  });

  test('the engine\'s own rule can be neither configured nor suppressed', () => {
    const app = quietApp();
    const chart = new Chart(app, 'c');
    Policy.of(app).configure('policy.checkable-object', { enforcement: Enforcement.OFF });
    expect(() => app.synthYaml()).toThrow('Policy.of(app): configure("policy.checkable-object"): "policy.checkable-object" is the engine\'s own guarantee that every object is checked; it always enforces and cannot be configured or suppressed');
    expect(() => Policy.suppress(chart, 'policy.checkable-object', { reason: 'please' })).toThrow('c: suppress("policy.checkable-object"): "policy.checkable-object" is the engine\'s own guarantee');
  });

  test('a failing synth writes nothing: the previous manifests and reports stay as they were', () => {
    const app = quietApp();
    const env = new FakeEnvironment(app, 'payments-prod', Tier.PRODUCTION);
    new Service(env, 'orders-api');
    app.synth();
    const before = snapshotDir(app.outdir);
    expect(Object.keys(before)).toEqual(['paved-reports/paved-cost.json', 'paved-reports/paved-output.json', 'paved-reports/paved-policy.json', 'paved-reports/paved-policy.sarif', 'payments-prod.k8s.yaml']);

    new Service(env, 'billing', { privileged: true, team: 'payments' });
    new FakeEnvironment(app, 'another', Tier.PRODUCTION);

    expect(() => app.synth()).toThrow(/demo\.no-privileged/);
    expect(snapshotDir(app.outdir)).toEqual(before);
  });

  test('evaluates each object once per synth, however many charts cdk8s writes', () => {
    let checks = 0;
    const counting: IRule = { ...OWNER_LABEL, id: 'demo.counting', check: () => { checks++; return []; } };
    const app = quietApp();
    for (const id of ['a', 'b', 'c']) new Service(new FakeEnvironment(app, id, Tier.PRODUCTION, { packs: [new RulePack('count', [counting])] }), 'svc');

    app.synth();
    expect(checks).toBe(3);

    checks = 0;
    app.synthYaml();
    expect(checks).toBe(3);
  });

  test('sees changes made between two synths of the same app', () => {
    const app = quietApp();
    const env = new FakeEnvironment(app, 'payments-prod', Tier.PRODUCTION);
    const service = new Service(env, 'orders-api');
    expect(() => Testing.synth(env)).not.toThrow();

    service.deployment.addJsonPatch(JsonPatch.replace('/spec/replicas', 1));

    expect(() => Testing.synth(env)).toThrow(/demo\.replicas/);
  });
});

describe('enforcement', () => {
  test('security rules enforce in every tier', () => {
    for (const tier of Tier.all()) {
      const app = quietApp();
      new Service(new FakeEnvironment(app, 'env', tier), 'orders-api', { privileged: true, team: 'payments' });
      expect(() => app.synthYaml()).toThrow(/demo\.no-privileged/);
    }
  });

  test('other rules warn in preview and development and enforce in staging and production', () => {
    const outcome = (tier: Tier) => {
      const app = quietApp();
      new Service(new FakeEnvironment(app, 'env', tier), 'orders-api', { replicas: 1, team: 'payments' });
      try {
        app.synthYaml();
        return 'passes';
      } catch {
        return 'fails';
      }
    };
    expect(Tier.all().map(outcome)).toEqual(['passes', 'passes', 'fails', 'fails']);
  });

  test('configure changes a rule in the tiers listed and nowhere else', () => {
    const app = quietApp();
    new Service(new FakeEnvironment(app, 'preview', Tier.PREVIEW), 'orders-api', { privileged: true, team: 'payments' });
    const prod = new FakeEnvironment(app, 'prod', Tier.PRODUCTION);
    new Service(prod, 'orders-api', { privileged: true, team: 'payments' });
    Policy.of(app).configure('demo.no-privileged', { enforcement: Enforcement.WARN, tiers: [Tier.PREVIEW] });

    const message = errorOf(() => app.synth()).message;
    expect(message).toContain('prod/orders-api');
    expect(message).not.toContain('preview/orders-api');
    expect(Policy.of(app).findings().find((f) => f.path === 'preview/orders-api')?.enforcement).toBe(Enforcement.WARN);
  });

  test('off does not evaluate the rule', () => {
    const app = quietApp();
    new Service(new FakeEnvironment(app, 'prod', Tier.PRODUCTION), 'orders-api', { privileged: true, team: 'payments' });
    Policy.of(app).configure('demo.no-privileged', { enforcement: Enforcement.OFF });

    expect(() => app.synth()).not.toThrow();
    expect(Policy.of(app).findings()).toEqual([]);
  });

  test('an unknown rule id in configure fails at synth, suggesting the nearest ids', () => {
    const app = quietApp();
    new Service(new FakeEnvironment(app, 'prod', Tier.PRODUCTION), 'orders-api');
    Policy.of(app).configure('demo.no-privilegd', { enforcement: Enforcement.WARN });

    const error = errorOf(() => app.synth());
    expect(Errors.isPavedError(error)).toBe(true);
    // Built-in ids may be suggested as well; the nearest comes first.
    expect(error.message).toMatch(/^Policy\.of\(app\): configure\("demo\.no-privilegd"\): no rule has this id; did you mean "demo\.no-privileged"/);
  });

  test('configure rejects an enforcement that is not one, naming the prop', () => {
    expect(() => Policy.of(quietApp()).configure('demo.replicas', { enforcement: 'strict' as Enforcement }))
      .toThrow('Policy.of(app): configure("demo.replicas").enforcement "strict" must be one of enforce, warn, off');
  });
});

describe('packs and custom rules', () => {
  test('use() adds packs to an environment\'s platform packs; it cannot drop them', () => {
    const app = quietApp();
    new Service(new FakeEnvironment(app, 'prod', Tier.PRODUCTION, { packs: [new RulePack('security', [NO_PRIVILEGED])] }), 'orders-api', { privileged: true, replicas: 1 });
    Policy.of(app).use(new RulePack('reliability', [TWO_REPLICAS]));

    expect(Policy.of(app).findings().map((f) => f.ruleId)).toEqual(['demo.no-privileged', 'demo.replicas']);
  });

  test('outside any environment, the app\'s packs are the ones checked, in production', () => {
    const app = quietApp();
    new Service(new Chart(app, 'plain'), 'orders-api', { replicas: 1 });
    Policy.of(app).use(new RulePack('reliability', [TWO_REPLICAS]));

    expect(Policy.of(app).findings()).toEqual([
      expect.objectContaining({ ruleId: 'demo.replicas', tier: 'production', enforcement: Enforcement.ENFORCE }),
    ]);
  });

  test('addRule checks a custom rule everywhere', () => {
    const app = quietApp();
    new Service(new FakeEnvironment(app, 'prod', Tier.PRODUCTION), 'orders-api');
    const noDebug: IRule = { ...OWNER_LABEL, id: 'acme.name', kinds: ['Deployment'], check: (o) => o.metadata.name === 'orders-api' ? [{ field: 'metadata.name', found: 'orders-api', expected: 'anything else' }] : [] };
    Policy.of(app).addRule(noDebug);

    expect(Policy.of(app).findings().map((f) => f.ruleId)).toEqual(['acme.name']);
  });

  test('addRule rejects a malformed rule where it enters', () => {
    expect(() => Policy.of(quietApp()).addRule({ ...OWNER_LABEL, id: 'Has Spaces' }))
      .toThrow(/Policy\.of\(app\): addRule\(rule\)\.id "Has Spaces" must be at most 63 characters/);
  });

  test('use() rejects what is not a RulePack', () => {
    expect(() => Policy.of(quietApp()).use([NO_PRIVILEGED] as any)).toThrow(/use\(\): pack 1 .* must be a RulePack/);
  });
});

describe('Policy.suppress', () => {
  test('acknowledges the rule on the construct and its children, and the synth passes', () => {
    const app = quietApp();
    const env = new FakeEnvironment(app, 'prod', Tier.PRODUCTION);
    const legacy = new Service(env, 'legacy', { privileged: true, team: 'payments' });
    Policy.suppress(legacy, 'demo.no-privileged', { reason: 'needs raw sockets until NET-7 ships' });

    expect(() => app.synth()).not.toThrow();
    expect(Policy.of(app).findings()).toEqual([expect.objectContaining({
      ruleId: 'demo.no-privileged',
      acknowledgement: { path: 'prod/legacy', reason: 'needs raw sockets until NET-7 ships', expires: undefined },
    })]);
  });

  test('writes the acknowledgement on the affected objects, for Paved and for kube-linter, Polaris and Checkov', () => {
    const app = quietApp();
    const env = new FakeEnvironment(app, 'prod', Tier.PRODUCTION);
    const legacy = new Service(env, 'legacy', { privileged: true, team: 'payments' });
    Policy.suppress(legacy, 'demo.no-privileged', { reason: 'needs raw sockets', expires: '2027-03-31' });
    Policy.of(app).asOf('2027-01-01');
    app.synth();

    const [deployment] = Yaml.load(path.join(app.outdir, 'prod.k8s.yaml'));
    expect(deployment.metadata.annotations).toEqual({
      'acknowledged.paved.dev/demo.no-privileged': 'needs raw sockets (until 2027-03-31)',
      'ignore-check.kube-linter.io/privileged-container': 'needs raw sockets',
      'polaris.fairwinds.com/runAsPrivileged-exempt': 'true',
      'checkov.io/skip1': 'CKV_K8S_16=needs raw sockets',
      'checkov.io/skip2': 'CKV_K8S_2=needs raw sockets',
    });
  });

  test('covers every construct under the one suppressed, and nothing beside it', () => {
    const app = quietApp();
    const env = new FakeEnvironment(app, 'prod', Tier.PRODUCTION);
    const team = new Construct(env, 'team');
    new Service(team, 'a', { privileged: true, team: 'payments' });
    new Service(team, 'b', { privileged: true, team: 'payments' });
    new Service(env, 'c', { privileged: true, team: 'payments' });
    Policy.suppress(team, 'demo.no-privileged', { reason: 'migrating' });

    const open = Policy.of(app).findings().filter((f) => !f.acknowledgement).map((f) => f.path);
    expect(open).toEqual(['prod/c']);
  });

  test('requires a reason', () => {
    const app = quietApp();
    const legacy = new Service(new FakeEnvironment(app, 'prod', Tier.PRODUCTION), 'legacy');
    const error = errorOf(() => Policy.suppress(legacy, 'demo.no-privileged', { reason: '  ' }));

    expect(Errors.isPavedError(error)).toBe(true);
    expect(error.message).toBe('prod/legacy: suppress("demo.no-privileged"): reason "  " must be a non-empty explanation of why the finding is accepted');
  });

  test('an expired suppression fails the synth and says it expired; on its last day it still holds', () => {
    const build = (today: string) => {
      const app = quietApp();
      const legacy = new Service(new FakeEnvironment(app, 'prod', Tier.PRODUCTION), 'legacy', { privileged: true, team: 'payments' });
      Policy.suppress(legacy, 'demo.no-privileged', { reason: 'until PAY-123 ships', expires: '2027-03-31' });
      Policy.of(app).asOf(today);
      return app;
    };

    expect(() => build('2027-03-31').synth()).not.toThrow();
    const message = errorOf(() => build('2027-04-01').synth()).message;
    expect(message).toContain('✖ suppression of demo.no-privileged on prod/legacy expired on 2027-03-31 (reason: "until PAY-123 ships")');
    expect(message).toContain('✖ demo.no-privileged  prod/legacy  Deployment/legacy');
  });

  test('an expired suppression fails even when the rule no longer finds anything', () => {
    const app = quietApp();
    const legacy = new Service(new FakeEnvironment(app, 'prod', Tier.PRODUCTION), 'legacy');
    Policy.suppress(legacy, 'demo.no-privileged', { reason: 'stale', expires: '2020-01-01' });
    Policy.of(app).asOf('2027-01-01');

    expect(() => app.synth()).toThrow(/Paved policy failed with 1 expired suppression\./);
  });

  test('a rule the platform marks unsuppressible cannot be suppressed inside its environments', () => {
    const app = quietApp();
    const env = new FakeEnvironment(app, 'prod', Tier.PRODUCTION, { packs: [DEMO_PACK], unsuppressible: ['demo.no-privileged'] });
    const legacy = new Service(env, 'legacy', { privileged: true });

    expect(() => Policy.suppress(legacy, 'demo.no-privileged', { reason: 'please' }))
      .toThrow('prod/legacy: suppress("demo.no-privileged"): platform "acme" marks this rule unsuppressible (policy.unsuppressible); fix what it finds instead');
  });

  test('nor from above them: the synth fails', () => {
    const app = quietApp();
    const env = new FakeEnvironment(app, 'prod', Tier.PRODUCTION, { packs: [DEMO_PACK], unsuppressible: ['demo.no-privileged'] });
    new Service(env, 'legacy', { privileged: true });
    Policy.suppress(app, 'demo.no-privileged', { reason: 'please' });

    expect(() => app.synth()).toThrow('(app): suppress("demo.no-privileged"): platform "acme" marks this rule unsuppressible');
  });

  test('nor can an app relax it with configure', () => {
    const app = quietApp();
    new FakeEnvironment(app, 'prod', Tier.PRODUCTION, { packs: [DEMO_PACK], unsuppressible: ['demo.no-privileged'] });
    Policy.of(app).configure('demo.no-privileged', { enforcement: Enforcement.WARN });

    expect(() => app.synth()).toThrow('Policy.of(app): configure("demo.no-privileged"): platform "acme" marks this rule unsuppressible, so it cannot be relaxed from enforce to warn in production');
  });

  test('nor can an app relax a Pod Security rule its platform does not name in relaxable: the synth fails naming the rule and what is allowed', () => {
    const app = quietApp();
    new FakeEnvironment(app, 'preview', Tier.PREVIEW, { relaxable: ['pss.restricted.seccomp'] });
    Policy.of(app).configure('pss.baseline.privileged', { enforcement: Enforcement.WARN, tiers: [Tier.PREVIEW] });

    expect(() => app.synth()).toThrow('Policy.of(app): configure("pss.baseline.privileged"): Pod Security rule "pss.baseline.privileged" cannot be set to warn in preview: Pod Security rules enforce unless the platform names them in policy.relaxable, and platform "acme" does not list it in policy.relaxable (it allows only "pss.restricted.seccomp")');
  });

  test('a relaxation the platform allows synthesizes, and is reported', () => {
    const app = quietApp();
    new FakeEnvironment(app, 'preview', Tier.PREVIEW, { relaxable: ['pss.restricted.seccomp'] });
    Policy.of(app).configure('pss.restricted.seccomp', { enforcement: Enforcement.WARN, tiers: [Tier.PREVIEW] });
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      Policy.of(app).configureReports({ console: true });
      app.synth();
      expect(error.mock.calls.map((c) => String(c[0])).join('\n')).toContain('↓ pss.restricted.seccomp  by Policy.of(app): warn in preview (default enforce)');
    } finally {
      error.mockRestore();
    }
  });

  test('an unknown rule id fails at synth, suggesting the nearest ids', () => {
    const app = quietApp();
    const legacy = new Service(new FakeEnvironment(app, 'prod', Tier.PRODUCTION), 'legacy');
    Policy.suppress(legacy, 'no-privileged', { reason: 'typo' });

    expect(() => app.synth()).toThrow(/^prod\/legacy: suppress\("no-privileged"\): no rule has this id; did you mean [^?]*"demo\.no-privileged"/);
  });

  test('one construct suppresses one rule once', () => {
    const app = quietApp();
    const legacy = new Service(new FakeEnvironment(app, 'prod', Tier.PRODUCTION), 'legacy');
    Policy.suppress(legacy, 'demo.replicas', { reason: 'one' });

    expect(() => Policy.suppress(legacy, 'demo.replicas', { reason: 'two' })).toThrow(/already suppresses the rule/);
  });
});

describe('asOf and reports', () => {
  test('asOf takes a calendar date only', () => {
    expect(() => Policy.of(quietApp()).asOf('2027-02-30')).toThrow('Policy.of(app): asOf "2027-02-30" must be a calendar date written YYYY-MM-DD (e.g. "2027-03-31")');
  });

  test('report files can be turned off or moved', () => {
    const off = quietApp();
    new FakeEnvironment(off, 'prod', Tier.PRODUCTION);
    Policy.of(off).configureReports({ files: false });
    off.synth();
    // No policy report: the environment's cost, which policy does not own, and the list of the
    // files the synth wrote, which the next synth replaces.
    expect(fs.readdirSync(off.outdir)).toEqual(['paved-reports', 'prod.k8s.yaml']);
    expect(fs.readdirSync(path.join(off.outdir, 'paved-reports'))).toEqual(['paved-cost.json', 'paved-output.json']);

    const moved = quietApp();
    new FakeEnvironment(moved, 'prod', Tier.PRODUCTION);
    const directory = path.join(moved.outdir, 'reports');
    Policy.of(moved).configureReports({ directory });
    moved.synth();
    expect(fs.readdirSync(directory)).toEqual(['paved-policy.json', 'paved-policy.sarif']);
  });
});

describe('what is written is what was checked', () => {
  /** A chart that writes one more document than its objects: a privileged Deployment no rule saw. */
  class SmugglingChart extends FakeEnvironment {
    public toJson(): any[] {
      return [...super.toJson(), deploymentManifest('smuggled', { privileged: true, team: 'payments' })];
    }
  }
  /** The passing twin: overrides toJson() and writes exactly its objects. */
  class LoggingChart extends FakeEnvironment {
    public rendered = 0;
    public toJson(): any[] {
      this.rendered++;
      return super.toJson();
    }
  }

  test('a chart whose toJson() adds a document fails the synth naming the chart and the object, and writes nothing', () => {
    const app = quietApp();
    Policy.of(app).use(DEMO_PACK);
    new Service(new SmugglingChart(app, 'payments-prod', Tier.PRODUCTION), 'orders-api', { team: 'payments' });

    const error = errorOf(() => app.synth());
    expect(Errors.isPavedError(error)).toBe(true);
    expect(error.message).toMatch(/^payments-prod: toJson\(\) wrote Deployment\/smuggled, which is not an object policy checked/);
    expect(fs.existsSync(path.join(app.outdir, 'payments-prod.k8s.yaml'))).toBe(false);
    expect(() => app.synthYaml()).toThrow(/toJson\(\) wrote Deployment\/smuggled/);
  });

  test('a chart that overrides toJson() but writes its own objects synthesizes', () => {
    const app = quietApp();
    Policy.of(app).use(DEMO_PACK);
    const chart = new LoggingChart(app, 'payments-prod', Tier.PRODUCTION);
    new Service(chart, 'orders-api', { team: 'payments' });

    expect(() => app.synth()).not.toThrow();
    expect(chart.rendered).toBeGreaterThan(0);
  });

  test('an object that renders harmlessly once and privileged after is written as checked, or fails when rendered again', () => {
    /** Harmless on its first rendering, privileged on every later one. */
    class Shapeshifter extends ApiObject {
      private calls = 0;
      public toJson(): any {
        const json = super.toJson();
        return this.calls++ === 0 ? json : deploymentManifest('shifty', { privileged: true, team: 'payments' });
      }
    }
    const build = (suppress: boolean) => {
      const app = quietApp();
      Policy.of(app).use(DEMO_PACK).configure('demo.replicas', { enforcement: Enforcement.WARN });
      const env = new FakeEnvironment(app, 'payments-prod', Tier.PRODUCTION);
      const shifty = new Shapeshifter(env, 'shifty', deploymentManifest('shifty', { team: 'payments', replicas: 1 }));
      if (suppress) Policy.suppress(shifty, 'demo.replicas', { reason: 'a one-off job' });
      return app;
    };

    // Not acknowledged: rendered once, and that rendering is what is written.
    const app = build(false);
    app.synth();
    const written = Yaml.load(path.join(app.outdir, 'payments-prod.k8s.yaml'));
    expect(written.find((o: any) => o.metadata.name === 'shifty').spec.template.spec.containers[0].securityContext.privileged).toBe(false);

    // Acknowledged: rendered again for the annotation, and the change is caught.
    const message = errorOf(() => build(true).synth()).message;
    expect(message).toContain('✖ policy.checkable-object  payments-prod  Deployment/shifty');
    expect(message).toContain('a rendering that changed between two calls of toJson()');
  });
});
