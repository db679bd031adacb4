import * as fs from 'fs';
import * as path from 'path';
import { App, Yaml } from 'cdk8s';
import { catalogEntities } from './catalog-entities';
import { CATALOG_DIRECTORY, CATALOG_FILE } from '../synth/output-names';

export { CATALOG_DIRECTORY, CATALOG_FILE };

/**
 * Writes `catalog/catalog-info.yaml` beside the manifests on every synth, one document per
 * entity; register its location in Backstage once and it stays in step with the code.
 *
 * @internal
 */
export function writeCatalog(app: App): void {
  const entities = catalogEntities(app);
  if (entities.length === 0) return;
  const directory = path.join(app.outdir, CATALOG_DIRECTORY);
  fs.mkdirSync(directory, { recursive: true });
  Yaml.save(path.join(directory, CATALOG_FILE), entities);
}
