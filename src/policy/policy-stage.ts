import * as path from 'path';
import { App } from 'cdk8s';
import { IConstruct } from 'constructs';
import { Evaluation } from './evaluation';
import { Policy } from './policy';
import { consoleReport } from './reports/console-report';
import { writeReports } from './reports/report-files';
import { REPORTS_DIRECTORY } from '../synth/output-names';
import { POLICY_STAGE, SynthStage, SynthStageOptions } from '../synth/synth-stage';

/**
 * Policy as a step of every synth: each Environment attaches the app's engine, so teams get
 * their platform's policy without writing anything; the app is evaluated once per synth, before
 * anything is written (an enforced finding fails the synth through the engine's validation); the
 * summary is printed, and `paved-policy.json` and `paved-policy.sarif` are written after the
 * manifests, so they can point at the files and lines the findings are in.
 *
 * @internal
 */
export const POLICY_SYNTH_STAGE: SynthStage<Evaluation> = {
  name: POLICY_STAGE,
  join: (scope: IConstruct) => {
    Policy.of(scope);
  },
  check: (app: App) => Policy._evaluate(app),
  report: (_app: App, evaluation: Evaluation, options: SynthStageOptions) => {
    if (options.console) console.error(consoleReport(evaluation));
  },
  write: (app: App, evaluation: Evaluation, options: SynthStageOptions) => {
    const { files, directory } = Policy.of(app)._reportOptions;
    if (files !== false && directory === undefined) writeReports(app, evaluation, path.join(app.outdir, REPORTS_DIRECTORY), options.outdir);
  },
  published: (app: App, evaluation: Evaluation, options: SynthStageOptions) => {
    const { files, directory } = Policy.of(app)._reportOptions;
    if (files !== false && directory !== undefined) writeReports(app, evaluation, directory, options.outdir);
  },
};
