import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { Tier } from '../../../src/platform/tier';
import { Policy } from '../../../src/policy/policy';
import { Enforcement } from '../../../src/policy/rule';
import { DEMO_PACK, FakeEnvironment, Service } from '../fixtures';

function synthInto(outdir: string): string {
  const app = Testing.app({ outdir });
  Policy.of(app).configureReports({ console: false }).asOf('2027-01-01');
  const env = new FakeEnvironment(app, 'payments-preview', Tier.PREVIEW);
  new Service(env, 'orders-api', { replicas: 1, team: 'payments' });
  const legacy = new Service(env, 'legacy', { privileged: true, team: 'payments' });
  Policy.suppress(legacy, 'demo.no-privileged', { reason: 'NET-7', expires: '2027-03-31' });
  Policy.suppress(env, 'demo.owner-label', { reason: 'labels come with PLAT-9' });
  app.synth();
  return fs.readFileSync(path.join(outdir, 'paved-reports', 'paved-policy.json'), 'utf8');
}

describe('jsonReport', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'paved-json-'));
  const report = JSON.parse(synthInto(outdir));

  test('summarises what was checked and found', () => {
    expect(report.version).toBe(1);
    expect(report.summary).toEqual({
      objects: 2, rules: 3, findings: 2, enforced: 0, warnings: 1, acknowledged: 1, expiredSuppressions: 0, relaxations: 0,
    });
  });

  test('lists each finding with its manifest file', () => {
    expect(report.findings.find((f: any) => f.ruleId === 'demo.replicas')).toEqual({
      ruleId: 'demo.replicas',
      title: 'Run at least two replicas',
      severity: 'medium',
      category: 'reliability',
      enforcement: 'warn',
      path: 'payments-preview/orders-api',
      objectPath: 'payments-preview/orders-api/Deployment',
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'orders-api',
      namespace: 'payments-preview',
      tier: 'preview',
      field: 'spec.replicas',
      found: '1',
      expected: 'at least 2',
      remediation: 'set replicas to 2 or more',
      manifest: path.relative(process.cwd(), path.join(outdir, 'payments-preview.k8s.yaml')),
    });
  });

  test('records each suppression, its reason and what it acknowledged', () => {
    expect(report.suppressions).toEqual([
      { ruleId: 'demo.no-privileged', path: 'payments-preview/legacy', reason: 'NET-7', expires: '2027-03-31', expired: false, acknowledged: 1 },
      { ruleId: 'demo.owner-label', path: 'payments-preview', reason: 'labels come with PLAT-9', expired: false, acknowledged: 0 },
    ]);
  });

  test('lists each relaxed rule with where it was relaxed, its tiers, what it does now and its default', () => {
    const app = Testing.app({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'paved-json-')) });
    Policy.of(app).configureReports({ console: false }).configure('demo.replicas', { enforcement: Enforcement.OFF, tiers: [Tier.PRODUCTION] });
    new Service(new FakeEnvironment(app, 'shop-prod', Tier.PRODUCTION, { packs: [DEMO_PACK], overrides: [{ ruleId: 'demo.owner-label', enforcement: Enforcement.WARN }] }), 'a', { team: 'x' });
    new Service(new FakeEnvironment(app, 'shop-staging', Tier.STAGING), 'b', { team: 'x' });
    app.synth();
    const relaxed = JSON.parse(fs.readFileSync(path.join(app.outdir, 'paved-reports', 'paved-policy.json'), 'utf8'));

    expect(relaxed.summary.relaxations).toBe(2);
    expect(relaxed.relaxations).toEqual([
      { ruleId: 'demo.owner-label', configuredBy: 'Platform(acme)', tiers: ['production'], enforcement: 'warn', defaultEnforcement: 'enforce' },
      { ruleId: 'demo.replicas', configuredBy: 'Policy.of(app)', tiers: ['production'], enforcement: 'off', defaultEnforcement: 'enforce' },
    ]);
  });

  test('describes the rules in use', () => {
    expect(report.rules.map((r: any) => r.id)).toEqual(['demo.no-privileged', 'demo.owner-label', 'demo.replicas']);
    expect(report.rules[0].scannerChecks.kubeLinter).toEqual(['privileged-container']);
  });

  test('is byte-identical for the same app: sorted, no timestamps', () => {
    expect(synthInto(outdir)).toBe(fs.readFileSync(path.join(outdir, 'paved-reports', 'paved-policy.json'), 'utf8'));
    expect(synthInto(outdir)).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });
});
