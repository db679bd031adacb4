import { App } from 'cdk8s';

/** How a synth output may report itself. */
export interface SynthOutputOptions {
  /** Whether it may print to the console (stderr); tests and quiet apps turn this off. */
  readonly console: boolean;
}

/**
 * Something written beside the manifests on every `app.synth()`: the catalog, the cost report.
 * It writes under `app.outdir`, which is the staging folder while it runs, so it is published
 * with the manifests or not at all.
 *
 * @internal
 */
export type SynthOutput = (app: App, options: SynthOutputOptions) => void;

const OUTPUTS = new WeakMap<App, Map<string, SynthOutput>>();

/** Registers `output` under `name` for `app`; registering a name again keeps the first. @internal */
export function addSynthOutput(app: App, name: string, output: SynthOutput): void {
  let outputs = OUTPUTS.get(app);
  if (!outputs) {
    outputs = new Map();
    OUTPUTS.set(app, outputs);
  }
  if (!outputs.has(name)) outputs.set(name, output);
}

/** The outputs registered for `app`, in name order so files and console output come out the same every time. @internal */
export function synthOutputsOf(app: App): SynthOutput[] {
  return [...(OUTPUTS.get(app) ?? new Map<string, SynthOutput>()).entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, output]) => output);
}
