import * as fs from 'fs';
import * as path from 'path';
import { Testing, Yaml } from 'cdk8s';
import { catalogEntities } from '../../src/catalog/catalog-entities';
import { CATALOG_SYNTH_STAGE } from '../../src/catalog/catalog-stage';
import { Tier } from '../../src/platform/tier';
import { testEnvironment, testService } from '../support/fixtures';

describe('the catalog stage', () => {
  test('writes the catalog under the folder it is given', () => {
    const app = Testing.app();
    testService(testEnvironment(Tier.PRODUCTION, {}, app));
    CATALOG_SYNTH_STAGE.write!(app, undefined, { console: false, outdir: app.outdir });

    expect(Yaml.load(path.join(app.outdir, 'catalog', 'catalog-info.yaml'))).toEqual(catalogEntities(app));
  });

  test('an app with nothing to catalog gets no catalog', () => {
    const app = Testing.app();
    testEnvironment(Tier.PRODUCTION, {}, app);
    CATALOG_SYNTH_STAGE.write!(app, undefined, { console: false, outdir: app.outdir });

    expect(fs.existsSync(path.join(app.outdir, 'catalog'))).toBe(false);
  });
});
