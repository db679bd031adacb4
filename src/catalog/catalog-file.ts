import * as fs from 'fs';
import * as path from 'path';
import { App, Yaml } from 'cdk8s';
import { catalogEntities } from './catalog-entities';

/**
 * The catalog goes in a folder of its own: a GitOps tool applying the manifest folder would try
 * to apply `backstage.io` entities, and Backstage reads a catalog file by its location anyway.
 */
export const CATALOG_DIRECTORY = 'catalog';
export const CATALOG_FILE = 'catalog-info.yaml';

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
