import { App } from 'cdk8s';
import { writePreviewReport } from './preview-report';
import { SynthStage, SynthStageOptions } from '../synth/synth-stage';

/** Previews as a step of every synth: their URLs printed and written to `paved-previews.json`. @internal */
export const PREVIEW_SYNTH_STAGE: SynthStage<undefined> = {
  name: 'previews',
  write: (app: App, _result: undefined, options: SynthStageOptions) => writePreviewReport(app, options),
};
