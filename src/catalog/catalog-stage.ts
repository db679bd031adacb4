import { App } from 'cdk8s';
import { writeCatalog } from './catalog-file';
import { SynthStage } from '../synth/synth-stage';

/** The Backstage catalog as a step of every synth: `catalog/catalog-info.yaml` beside the manifests. @internal */
export const CATALOG_SYNTH_STAGE: SynthStage<undefined> = {
  name: 'catalog',
  write: (app: App) => writeCatalog(app),
};
