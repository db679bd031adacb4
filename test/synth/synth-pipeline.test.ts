import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { attachSynth, configureSynthConsole, joinSynth, synthResultOf } from '../../src/synth/synth-pipeline';
import { registerSynthStage, SynthCheck } from '../../src/synth/synth-stage';

/** What the recording stage saw, in order. */
const seen: string[] = [];
/** Makes the recording stage's check fail. */
let failCheck = false;

// A stage of the test's own, registered after the composition root's; it records every call.
registerSynthStage({
  name: 'recorder',
  join: (scope) => seen.push(`join ${scope.node.path}`),
  check: (app: App): SynthCheck => {
    seen.push(`check (current: ${synthResultOf(app, 'recorder') === undefined ? 'none' : 'set'})`);
    if (failCheck) throw new Error('check failed');
    return {};
  },
  report: (_app, _result, options) => seen.push(`report console=${options.console}`),
  write: (app, _result, options) => {
    seen.push(`write into ${app.outdir === options.outdir ? 'the output' : 'staging'}`);
    fs.writeFileSync(path.join(app.outdir, 'recorder.txt'), 'recorded');
  },
  published: (_app, _result, options) => seen.push(`published ${fs.existsSync(path.join(options.outdir, 'recorder.txt'))}`),
});

function appWithChart(): App {
  const app = Testing.app();
  configureSynthConsole(app, false);
  const chart = new Chart(app, 'plain');
  // Labelled as policy wants: joining an app attaches its policy too.
  new ApiObject(chart, 'settings', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', labels: { 'paved.dev/team': 'payments', 'app.kubernetes.io/name': 'settings' } } });
  return app;
}

beforeEach(() => {
  seen.length = 0;
  failCheck = false;
});

describe('joinSynth', () => {
  test('tells every stage of the construct that joins, and makes the app run the stages', () => {
    const app = appWithChart();
    joinSynth(app.charts[0]);
    app.synth();

    expect(seen).toEqual(['join plain', 'check (current: none)', 'report console=false', 'write into staging', 'published true']);
    expect(fs.readFileSync(path.join(app.outdir, 'recorder.txt'), 'utf8')).toBe('recorded');
    expect(fs.existsSync(path.join(app.outdir, 'plain.k8s.yaml'))).toBe(true);
  });

  test('refuses a construct when no policy stage is registered, naming its path and the entry point', () => {
    // A fresh copy of the synth layer, as a script that never loads 'paved' would have: no stages.
    jest.isolateModules(() => {
      const pipeline = jest.requireActual<typeof import('../../src/synth/synth-pipeline')>('../../src/synth/synth-pipeline');
      const { PavedError: IsolatedError } = jest.requireActual<typeof import('../../src/errors')>('../../src/errors');
      const app = Testing.app();
      const chart = new Chart(app, 'payments-prod');

      expect(() => pipeline.joinSynth(chart)).toThrow(IsolatedError);
      expect(() => pipeline.joinSynth(chart)).toThrow(/^payments-prod: no policy stage is registered.*import 'paved'/);
    });
  });

  test('joins once the policy stage is registered', () => {
    jest.isolateModules(() => {
      const pipeline = jest.requireActual<typeof import('../../src/synth/synth-pipeline')>('../../src/synth/synth-pipeline');
      const stages = jest.requireActual<typeof import('../../src/synth/synth-stage')>('../../src/synth/synth-stage');
      stages.registerSynthStage({ name: stages.POLICY_STAGE });
      const app = Testing.app();

      expect(() => pipeline.joinSynth(new Chart(app, 'payments-prod'))).not.toThrow();
    });
  });
});

describe('attachSynth', () => {
  test('the check result is current only while cdk8s synthesizes', () => {
    const app = appWithChart();
    attachSynth(app);
    let during: unknown;
    app.charts[0].node.addValidation({ validate: () => { during = synthResultOf(app, 'recorder'); return []; } });
    app.synth();

    expect(during).toEqual({});
    expect(synthResultOf(app, 'recorder')).toBeUndefined();
  });

  test('a failing check writes nothing: the output folder is as it was', () => {
    const app = appWithChart();
    attachSynth(app);
    app.synth();
    const before = fs.readdirSync(app.outdir).sort();
    seen.length = 0;

    failCheck = true;
    expect(() => app.synth()).toThrow('check failed');
    expect(seen).toEqual(['check (current: none)']);
    expect(fs.readdirSync(app.outdir).sort()).toEqual(before);
  });

  test('synthYaml runs the checks but writes nothing', () => {
    const app = appWithChart();
    attachSynth(app);

    expect(app.synthYaml()).toContain('name: settings');
    expect(seen).toEqual(['check (current: none)']);
  });

  test('attaching twice runs the stages once', () => {
    const app = appWithChart();
    attachSynth(app);
    attachSynth(app);
    app.synthYaml();

    expect(seen).toEqual(['check (current: none)']);
  });

  test('a root that is not an App has no synth to hook', () => {
    const root = new Construct(undefined as any, '');
    attachSynth(root);

    expect((root as any).synth).toBeUndefined();
  });
});
