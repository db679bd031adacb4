import { App } from 'cdk8s';
import { IConstruct } from 'constructs';
import { pinRenderings } from './pinned-renderings';
import { writeStaged } from './staged-output';
import { POLICY_STAGE, SynthStage, synthStages } from './synth-stage';
import { PavedError } from '../errors';

/** The apps whose `synth()` and `synthYaml()` run the stages. */
const ATTACHED = new WeakSet<IConstruct>();
/** Each stage's check of the synth in progress, by stage name; cdk8s validates the whole app once per chart it writes. */
const CURRENT = new WeakMap<IConstruct, Map<string, unknown>>();
/** Whether an app's stages may print. */
const CONSOLE = new WeakMap<IConstruct, boolean>();

/**
 * Joins `scope` (an Environment, as it is built) to its app's synth: every registered stage
 * hears of it (policy attaches its engine, cost annotates the namespace), and the app's
 * `synth()` runs the stages.
 *
 * @internal
 */
export function joinSynth(scope: IConstruct): void {
  if (!synthStages().some((stage) => stage.name === POLICY_STAGE)) {
    throw new PavedError(scope.node.path, 'no policy stage is registered, so its objects would be written unchecked: '
      + "load Paved through its entry point (import 'paved'), which registers policy, catalog, cost and previews");
  }
  attachSynth(scope.node.root);
  for (const stage of synthStages()) stage.join?.(scope);
}

/**
 * Makes `app.synth()` and `app.synthYaml()` run every registered stage: the checks first, once
 * per synth instead of once per chart written; then, for `synth()`, the manifests (the
 * renderings the checks made), and each stage's files, all written to a staging folder that
 * replaces the output only when all of it is written. A failed check, or any other failure,
 * leaves the previous output intact. A root that is not an App has no synth to run.
 *
 * @internal
 */
export function attachSynth(root: IConstruct): void {
  if (!(root instanceof App) || ATTACHED.has(root)) return;
  ATTACHED.add(root);
  const app = root;
  const synth = app.synth.bind(app);
  const synthYaml = app.synthYaml.bind(app);
  app.synth = () => {
    const stages = synthStages();
    const results = stages.map((stage) => stage.check?.(app));
    const options = { console: CONSOLE.get(app) !== false, outdir: app.outdir };
    // stderr: `cdk8s synth` captures the app's stdout and shows it only with --stdout.
    stages.forEach((stage, i) => stage.report?.(app, results[i], options));
    writeStaged(app, () => {
      during(app, stages, results, synth);
      stages.forEach((stage, i) => stage.write?.(app, results[i], options));
    });
    stages.forEach((stage, i) => stage.published?.(app, results[i], options));
  };
  app.synthYaml = () => {
    const stages = synthStages();
    return during(app, stages, stages.map((stage) => stage.check?.(app)), synthYaml);
  };
}

/**
 * The result of the named stage's check in the synth in progress, or undefined outside one.
 *
 * @internal
 */
export function synthResultOf(root: IConstruct, stage: string): unknown {
  return CURRENT.get(root)?.get(stage);
}

/** Sets whether the stages of the app `root` may print to the console. @internal */
export function configureSynthConsole(root: IConstruct, console: boolean): void {
  CONSOLE.set(root, console);
}

/** Runs `run` with the checks' results current and their renderings as what each object and chart renders. */
function during<T>(app: App, stages: readonly SynthStage<any>[], results: unknown[], run: () => T): T {
  const current = new Map<string, unknown>();
  stages.forEach((stage, i) => current.set(stage.name, results[i]));
  CURRENT.set(app, current);
  try {
    return pinRenderings(app, results, run);
  } finally {
    CURRENT.delete(app);
  }
}
