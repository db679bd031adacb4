import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { FakeEnvironment, Service } from './fixtures';
import { Tier } from '../../src/platform/tier';
import { Policy } from '../../src/policy/policy';
import { POLICY_SYNTH_STAGE } from '../../src/policy/policy-stage';

describe('the policy stage', () => {
  test('attaches the app\'s engine to every construct that joins', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'plain');
    POLICY_SYNTH_STAGE.join!(chart);

    expect(app.node.children.filter((c) => Policy.isPolicy(c))).toHaveLength(1);
  });

  test('checks the whole app, with the renderings the synth writes', () => {
    const app = Testing.app();
    const env = new FakeEnvironment(app, 'prod', Tier.PRODUCTION);
    const service = new Service(env, 'billing', { privileged: true, team: 'payments' });
    const evaluation = POLICY_SYNTH_STAGE.check!(app);

    expect(evaluation.enforced.map((f) => f.ruleId)).toEqual(['demo.no-privileged']);
    expect(evaluation.rendered.get(service.deployment)).toEqual(service.deployment.toJson());
  });

  test('prints the summary only when the console is on', () => {
    const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const app = Testing.app();
      new Service(new FakeEnvironment(app, 'prod', Tier.PRODUCTION), 'billing');
      const evaluation = POLICY_SYNTH_STAGE.check!(app);
      POLICY_SYNTH_STAGE.report!(app, evaluation, { console: false, outdir: app.outdir });
      expect(log).not.toHaveBeenCalled();
      POLICY_SYNTH_STAGE.report!(app, evaluation, { console: true, outdir: app.outdir });
      expect(log).toHaveBeenCalledTimes(1);
    } finally {
      log.mockRestore();
    }
  });

  test('writes the reports beside the manifests, or after publication into the folder configured', () => {
    const app = Testing.app();
    new Service(new FakeEnvironment(app, 'prod', Tier.PRODUCTION), 'billing');
    const evaluation = POLICY_SYNTH_STAGE.check!(app);
    const options = { console: false, outdir: app.outdir };

    POLICY_SYNTH_STAGE.write!(app, evaluation, options);
    POLICY_SYNTH_STAGE.published!(app, evaluation, options);
    expect(fs.readdirSync(path.join(app.outdir, 'paved-reports'))).toEqual(['paved-policy.json', 'paved-policy.sarif']);

    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'paved-reports-'));
    const moved = Testing.app();
    new Service(new FakeEnvironment(moved, 'prod', Tier.PRODUCTION), 'billing');
    Policy.of(moved).configureReports({ directory: elsewhere });
    const movedEvaluation = POLICY_SYNTH_STAGE.check!(moved);
    POLICY_SYNTH_STAGE.write!(moved, movedEvaluation, { console: false, outdir: moved.outdir });
    expect(fs.existsSync(path.join(moved.outdir, 'paved-reports'))).toBe(false);
    POLICY_SYNTH_STAGE.published!(moved, movedEvaluation, { console: false, outdir: moved.outdir });
    expect(fs.readdirSync(elsewhere)).toEqual(['paved-policy.json', 'paved-policy.sarif']);
  });
});
