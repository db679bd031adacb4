import { Testing } from 'cdk8s';
import { Tier } from '../../../src/platform/tier';
import { evaluate } from '../../../src/policy/evaluation';
import { consoleReport } from '../../../src/policy/reports/console-report';
import { Enforcement } from '../../../src/policy/rule';
import { RuleBook } from '../../../src/policy/rule-book';
import { createSuppression } from '../../../src/policy/suppression';
import { DEMO_PACK, FakeEnvironment, Service } from '../fixtures';

function reportOf(build: (env: FakeEnvironment) => any[], today = '2027-01-01'): string {
  const app = Testing.app();
  const env = new FakeEnvironment(app, 'staging', Tier.STAGING);
  const suppressions = build(env);
  const book = new RuleBook({ path: 'p', packs: [], rules: [], configurations: [] });
  return consoleReport(evaluate({ scope: app, book, suppressions, today }));
}

describe('consoleReport', () => {
  test('says how much was checked when nothing is found', () => {
    expect(reportOf((env) => { new Service(env, 'ok', { team: 'payments' }); return []; }))
      .toBe('Paved policy: 1 object checked against 3 rules — 0 enforced findings, 0 warnings, 0 acknowledged');
  });

  test('counts per severity and enforcement, then groups findings as enforced, warnings and acknowledged', () => {
    const report = reportOf((env) => {
      new Service(env, 'orders-api', { replicas: 1, team: 'payments' });
      const legacy = new Service(env, 'legacy', { privileged: true, team: 'payments' });
      return [createSuppression(legacy, 'demo.no-privileged', { reason: 'NET-7', expires: '2027-03-31' })];
    });

    expect(report).toBe([
      'Paved policy: 2 objects checked against 3 rules — 1 enforced finding, 0 warnings, 1 acknowledged',
      '  critical ✖ 0  ⚠ 0  ○ 1',
      '  high     ✖ 0  ⚠ 0  ○ 0',
      '  medium   ✖ 1  ⚠ 0  ○ 0',
      '  low      ✖ 0  ⚠ 0  ○ 0',
      '',
      'Enforced: these fail the synth (1)',
      '✖ demo.replicas  staging/orders-api  Deployment/orders-api in staging',
      '  spec.replicas is 1 — expected at least 2',
      '  fix: set replicas to 2 or more',
      '',
      'Acknowledged (1)',
      '○ demo.no-privileged  staging/legacy  Deployment/legacy in staging',
      '  spec.template.spec.containers[0].securityContext.privileged is true — expected false or absent',
      '  fix: remove securityContext.privileged',
      '  acknowledged: "NET-7" on staging/legacy (until 2027-03-31)',
      '',
      'Suppressions',
      '  demo.no-privileged on staging/legacy until 2027-03-31: "NET-7" — ○ 1 finding acknowledged',
    ].join('\n'));
  });

  test('marks expired suppressions and says why the synth fails', () => {
    const report = reportOf((env) => {
      const legacy = new Service(env, 'legacy', { team: 'payments' });
      return [createSuppression(legacy, 'demo.no-privileged', { reason: 'NET-7', expires: '2026-12-31' })];
    });

    expect(report).toContain('  demo.no-privileged on staging/legacy until 2026-12-31: "NET-7" — ✖ EXPIRED on 2026-12-31');
    expect(report).toContain('✖ suppression of demo.no-privileged on staging/legacy expired on 2026-12-31 (reason: "NET-7")');
  });

  test('lists every relaxed rule, by whom, to what, in which tiers and from what', () => {
    const app = Testing.app();
    const overrides = [{ ruleId: 'demo.no-privileged', enforcement: Enforcement.WARN, tiers: [Tier.PREVIEW, Tier.DEVELOPMENT] }];
    new Service(new FakeEnvironment(app, 'preview', Tier.PREVIEW, { packs: [DEMO_PACK], overrides }), 'a', { team: 'x' });
    new Service(new FakeEnvironment(app, 'dev', Tier.DEVELOPMENT, { packs: [DEMO_PACK], overrides }), 'b', { team: 'x' });
    const configurations = [{ ruleId: 'demo.replicas', configuration: { enforcement: Enforcement.OFF } }];
    const book = new RuleBook({ path: 'Policy.of(app)', packs: [], rules: [], configurations });
    const report = consoleReport(evaluate({ scope: app, book, suppressions: [], today: '2027-01-01' }));

    expect(report.split('\n').slice(-4)).toEqual([
      '',
      'Relaxed rules (2)',
      '  ↓ demo.no-privileged  by Platform(acme): warn in preview, development (default enforce)',
      '  ↓ demo.replicas  by Policy.of(app): off in preview, development (default warn)',
    ]);
  });
});
