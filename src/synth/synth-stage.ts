import { ApiObject, App } from 'cdk8s';
import { IConstruct } from 'constructs';

/** What every stage is told about the synth it takes part in. @internal */
export interface SynthStageOptions {
  /** Whether stages may print to the console (stderr); tests and quiet apps turn this off. */
  readonly console: boolean;
  /** The output folder the files are published to (while a stage writes, `app.outdir` is the staging folder). */
  readonly outdir: string;
}

/**
 * What a checking stage made of the app. The objects it rendered are the renderings the synth
 * writes: each object is rendered once, and what is written is what was checked.
 *
 * @internal
 */
export interface SynthCheck {
  /** Each object's rendering, as the check saw it; the synth writes exactly these. */
  readonly rendered?: Map<ApiObject, unknown>;
}

/**
 * One step of every synth: policy evaluation, the catalog, the cost report, the previews. Stages
 * are registered once, at the composition root (`src/index.ts`), so the layers they read (services,
 * dependencies, environments) never have to know them; the pipeline (`synth-pipeline.ts`) runs
 * every registered stage, in registration order, on every app that has one.
 *
 * @internal
 */
export interface SynthStage<T extends SynthCheck | undefined = SynthCheck | undefined> {
  /** Names the stage; a name registered twice keeps the first. */
  readonly name: string;
  /** Called for each construct that joins the pipeline: every Environment as it is built. */
  join?(scope: IConstruct): void;
  /** Checks the whole app before anything is written; runs on `synth()` and `synthYaml()`. */
  check?(app: App): T;
  /** Prints what the check found, before anything is written (so a failing synth still explains itself). */
  report?(app: App, result: T, options: SynthStageOptions): void;
  /** Writes beside the manifests, under `app.outdir` (the staging folder): published with them or not at all. */
  write?(app: App, result: T, options: SynthStageOptions): void;
  /** Runs after the output is published, for files written outside the output folder. */
  published?(app: App, result: T, options: SynthStageOptions): void;
}

/**
 * The stage that evaluates policy (src/policy/policy-stage.ts). Its name is the synth layer's
 * contract: an Environment refuses to join a synth without it, so no way of loading the modules
 * (a deep import, a script that skips the package's entry point) writes objects unchecked.
 *
 * @internal
 */
export const POLICY_STAGE = 'policy';

const STAGES: SynthStage<any>[] = [];

/** Registers stages for every app; a stage whose name is already registered is ignored. @internal */
export function registerSynthStage(...stages: SynthStage<any>[]): void {
  for (const stage of stages) {
    if (!STAGES.some((s) => s.name === stage.name)) STAGES.push(stage);
  }
}

/** The registered stages, in registration order. @internal */
export function synthStages(): readonly SynthStage<any>[] {
  return STAGES;
}
