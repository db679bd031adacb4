import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { Tier } from '../../../src/platform/tier';
import { Policy } from '../../../src/policy/policy';
import { Enforcement } from '../../../src/policy/rule';
import { FakeEnvironment, quietApp, Service } from '../fixtures';

// The SARIF 2.1.0 schema as published with the standard's final release candidate (rtm.5),
// shipped inside @microsoft/jest-sarif: validated offline, never fetched.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const SARIF_SCHEMA = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

// The schema's language-tag pattern is not valid with the `u` flag Ajv uses by default.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validateSarif = ajv.compile(SARIF_SCHEMA);

/** Synthesizes an app with an enforced-but-configured-to-warn, a warned and an acknowledged finding. */
function synthesized(): { sarif: any; outdir: string } {
  const app = quietApp();
  const env = new FakeEnvironment(app, 'payments-preview', Tier.PREVIEW);
  new Service(env, 'orders-api', { replicas: 1, team: 'payments' });
  const legacy = new Service(env, 'legacy', { privileged: true, team: 'payments' });
  Policy.suppress(legacy, 'demo.no-privileged', { reason: 'NET-7', expires: '2027-03-31' });
  Policy.of(app).asOf('2027-01-01').configure('demo.owner-label', { enforcement: Enforcement.OFF });
  app.synth();
  return { sarif: JSON.parse(fs.readFileSync(path.join(app.outdir, 'paved-reports', 'paved-policy.sarif'), 'utf8')), outdir: app.outdir };
}

describe('sarifReport', () => {
  test('validates against the SARIF 2.1.0 schema', () => {
    const { sarif } = synthesized();

    const valid = validateSarif(sarif);
    expect(validateSarif.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  test('the schema check can fail: a log with an unknown level is rejected', () => {
    const { sarif } = synthesized();
    sarif.runs[0].results[0].level = 'fatal';

    expect(validateSarif(sarif)).toBe(false);
  });

  test('describes every rule in use once, with help and a default level', () => {
    const { sarif } = synthesized();
    const rules = sarif.runs[0].tool.driver.rules;

    expect(rules.map((r: any) => [r.id, r.defaultConfiguration.level])).toEqual([
      ['demo.no-privileged', 'error'],
      ['demo.owner-label', 'warning'],
      ['demo.replicas', 'warning'],
    ]);
    expect(rules[0]).toMatchObject({
      shortDescription: { text: 'Containers must not run privileged' },
      fullDescription: { text: 'A privileged container is root on the node.' },
      help: { text: 'remove securityContext.privileged\n\nChecks: Deployment.' },
      properties: { 'category': 'security', 'severity': 'critical', 'security-severity': '9.5' },
    });
  });

  test('each finding is a result at its construct path and in its manifest file, at the line its object starts', () => {
    const { sarif, outdir } = synthesized();
    const manifest = path.relative(process.cwd(), path.join(outdir, 'payments-preview.k8s.yaml'));
    const lines = fs.readFileSync(manifest, 'utf8').split('\n');
    const [acknowledged, warned] = sarif.runs[0].results;

    expect(warned).toMatchObject({
      ruleId: 'demo.replicas',
      ruleIndex: 2,
      level: 'warning',
      message: { text: 'Run at least two replicas: payments-preview/orders-api Deployment/orders-api in payments-preview: spec.replicas is 1 — expected at least 2. Fix: set replicas to 2 or more' },
      locations: [{
        logicalLocations: [{ fullyQualifiedName: 'payments-preview/orders-api', kind: 'module' }],
        physicalLocation: { artifactLocation: { uri: manifest.split(path.sep).join('/') } },
      }],
    });
    const startLine = warned.locations[0].physicalLocation.region.startLine;
    const document = lines.slice(startLine - 1);
    expect(document[0]).toBe('apiVersion: apps/v1');
    expect(document.slice(0, document.indexOf('---'))).toContain('  name: orders-api');
    expect(acknowledged.locations[0].physicalLocation.region.startLine).not.toBe(startLine);
  });

  test('acknowledged findings carry the reason as an accepted suppression', () => {
    const { sarif } = synthesized();
    const acknowledged = sarif.runs[0].results.find((r: any) => r.ruleId === 'demo.no-privileged');

    expect(acknowledged.level).toBe('error');
    expect(acknowledged.suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'NET-7', properties: { expires: '2027-03-31' } }]);
  });

  test('fingerprints findings by rule, object and field, not by line', () => {
    const { sarif } = synthesized();

    expect(sarif.runs[0].results.map((r: any) => r.partialFingerprints['pavedFinding/v1'])).toEqual([
      'demo.no-privileged|payments-preview|Deployment|legacy|spec.template.spec.containers[0].securityContext.privileged',
      'demo.replicas|payments-preview|Deployment|orders-api|spec.replicas',
    ]);
  });

  test('lists every relaxation in the invocation, as a configuration override and as a notification naming where it was set', () => {
    const { sarif } = synthesized();
    const [invocation] = sarif.runs[0].invocations;
    const index = sarif.runs[0].tool.driver.rules.findIndex((r: any) => r.id === 'demo.owner-label');

    expect(invocation.executionSuccessful).toBe(true);
    expect(invocation.ruleConfigurationOverrides).toEqual([{
      descriptor: { id: 'demo.owner-label', index },
      configuration: { enabled: false, level: 'none' },
      properties: { configuredBy: 'Policy.of(app)', tiers: ['preview'], enforcement: 'off', defaultEnforcement: 'warn' },
    }]);
    expect(invocation.toolConfigurationNotifications).toEqual([{
      level: 'warning',
      associatedRule: { id: 'demo.owner-label', index },
      message: { text: 'demo.owner-label is relaxed by Policy.of(app) to off in preview (default warn)' },
    }]);
  });

  test('with no relaxation the invocation lists none, and stays valid', () => {
    const app = quietApp();
    new Service(new FakeEnvironment(app, 'payments-preview', Tier.PREVIEW), 'orders-api', { team: 'payments' });
    app.synth();
    const sarif = JSON.parse(fs.readFileSync(path.join(app.outdir, 'paved-reports', 'paved-policy.sarif'), 'utf8'));

    expect(sarif.runs[0].invocations).toEqual([{ executionSuccessful: true, ruleConfigurationOverrides: [], toolConfigurationNotifications: [] }]);
    expect(validateSarif(sarif)).toBe(true);
  });
});
