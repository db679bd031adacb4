import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { Errors } from '../src/errors';
import { testEnvironment, testService } from './support/fixtures';
import { CorpusSecret, anySecret } from './support/secret-corpus';
import { Tier } from '../src/platform/tier';
import { Policy } from '../src/policy/policy';
import { JSON_REPORT_FILE, SARIF_REPORT_FILE } from '../src/policy/reports/report-files';
import { Enforcement } from '../src/policy/rule';
import { PlatformServiceProps } from '../src/service/platform-service-props';

// No error, finding, report or console line repeats a credential: a generated secret is placed in
// a prop, and whatever Paved does with it — refuse the prop, or accept it and find it in the output
// — the secret's text appears in none of what Paved prints or writes about it.

const SECRETS_RULES = ['secrets.env-literal', 'secrets.url-credentials', 'secrets.credential-value'];

/** Where a generated secret goes: props of a service. */
const PLACEMENTS: Record<string, (s: CorpusSecret) => Partial<PlatformServiceProps>> = {
  'runbook URL user info': (s) => ({ owner: { runbook: `https://oncall:${s.secret}@runbooks.acme.dev/orders` } }),
  'runbook URL path': (s) => ({ owner: { runbook: `https://runbooks.acme.dev/${s.value}` } }),
  'on-call name': (s) => ({ owner: { onCall: s.value } }),
  'ingress host': (s) => ({ ingress: { host: s.value } }),
  'env value': (s) => ({ env: { SETTING: s.value } }),
  'env value under a secret name': (s) => ({ env: { DB_PASSWORD: s.value } }),
  'env value of the wrong type': (s) => ({ env: { DB_PASSWORD: { nested: s.value } as any } }),
  'image': (s) => ({ image: `registry.acme.dev/payments/${s.value}` }),
};

interface Outcome {
  /** Everything Paved said or wrote: the error, the console, the report files. */
  readonly text: string;
  /** Whether Paved refused or reported the secret, rather than letting it through unnoticed. */
  readonly caught: boolean;
}

/** Builds the service and synthesizes it, secrets rules in warn mode so the reports are written. */
function outcome(props: Partial<PlatformServiceProps>, suppressWith?: string): Outcome {
  const printed: string[] = [];
  const spy = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => { printed.push(args.map(String).join(' ')); });
  try {
    const app = Testing.app();
    let service;
    try {
      service = testService(testEnvironment(Tier.PRODUCTION, {}, app), props);
    } catch (e) {
      expect(Errors.isPavedError(e)).toBe(true);
      return { text: `${(e as Error).message}\n${(e as Error).stack}`, caught: true };
    }
    for (const id of SECRETS_RULES) Policy.of(app).configure(id, { enforcement: Enforcement.WARN });
    if (suppressWith !== undefined) Policy.suppress(service, 'workload.read-only-root-fs', { reason: suppressWith });
    const findings = Policy.of(app).findings().filter((f) => f.ruleId.startsWith('secrets.'));
    app.synth();
    const reports = path.join(app.outdir, 'paved-reports');
    const files = fs.readdirSync(reports).map((f) => fs.readFileSync(path.join(reports, f), 'utf8'));
    const acknowledgements = Testing.synth(service.node.scope as any).map((o) => JSON.stringify(o.metadata?.annotations ?? {}));
    return { text: [JSON.stringify(findings), ...printed, ...files, ...(suppressWith !== undefined ? acknowledgements : [])].join('\n'), caught: findings.length > 0 };
  } finally {
    spy.mockRestore();
  }
}

/** The synth in enforce mode fails; its message lists the findings. */
function enforcedFailure(props: Partial<PlatformServiceProps>): string | undefined {
  const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    const app = Testing.app();
    testService(testEnvironment(Tier.PRODUCTION, {}, app), props);
    app.synth();
    return undefined;
  } catch (e) {
    return (e as Error).message;
  } finally {
    spy.mockRestore();
  }
}

describe('no output of Paved repeats a credential', () => {
  test.each(Object.keys(PLACEMENTS))('property: a secret in the %s is refused or reported, and never repeated', (placement) => {
    fc.assert(fc.property(anySecret, (s) => {
      const props = PLACEMENTS[placement](s);
      const result = outcome(props);
      expect(result.caught).toBe(true);
      expect(result.text).not.toContain(s.secret);
      const failure = enforcedFailure(props);
      if (failure !== undefined) expect(failure).not.toContain(s.secret);
    }), { numRuns: 12 });
  });

  test('property: a secret pasted into a suppression reason is masked in the reports and the annotations', () => {
    fc.assert(fc.property(anySecret, (s) => {
      const result = outcome({}, `accepted until rotation, token ${s.value}`);
      expect(result.text).not.toContain(s.secret);
    }), { numRuns: 12 });
  });

  test('the twin: an ordinary value is quoted as it is', () => {
    const refused = outcome({ ingress: { host: 'Orders.Example' } });
    expect(refused.text).toContain('"Orders.Example"');
  });

  test('a hand-written object with a secret is reported by path, without the secret, in every report', () => {
    const app = Testing.app();
    const env = testEnvironment(Tier.PRODUCTION, {}, app);
    new ApiObject(env, 'config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'legacy', labels: { 'app.kubernetes.io/name': 'legacy', 'paved.dev/team': 'payments' } }, data: { 'app.properties': 'db.password=hunter2-legacy\nlog.level=info' } });
    for (const id of SECRETS_RULES) Policy.of(app).configure(id, { enforcement: Enforcement.WARN });
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      app.synth();
      const printed = spy.mock.calls.map((c) => c.join(' ')).join('\n');
      expect(printed).toContain('data["app.properties"]');
      expect(printed).not.toContain('hunter2-legacy');
    } finally {
      spy.mockRestore();
    }
    const reports = path.join(app.outdir, 'paved-reports');
    for (const file of fs.readdirSync(reports)) {
      const text = fs.readFileSync(path.join(reports, file), 'utf8');
      if ([JSON_REPORT_FILE, SARIF_REPORT_FILE].includes(file)) expect(text).toContain('secret-assignment');
      expect(text).not.toContain('hunter2-legacy');
    }
  });
});
