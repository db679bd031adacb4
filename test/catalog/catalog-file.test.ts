import * as fs from 'fs';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { catalogEntities } from '../../src/catalog/catalog-entities';
import { Tier } from '../../src/platform/tier';
import { quietApp } from '../policy/fixtures';
import { errorOf } from '../support/errors';
import { testEnvironment, testService } from '../support/fixtures';

describe('catalog/catalog-info.yaml', () => {
  test('app.synth() writes every entity beside the manifests, one YAML document each', () => {
    const app = quietApp();
    testService(testEnvironment(Tier.PRODUCTION, {}, app));
    app.synth();
    const file = path.join(app.outdir, 'catalog', 'catalog-info.yaml');
    expect(Yaml.load(file)).toEqual(catalogEntities(app));
  });

  test('a synth that fails writes no catalog', () => {
    const app = quietApp();
    const env = testEnvironment(Tier.PRODUCTION, { budget: { monthlyUsd: 1 } }, app);
    testService(env);
    expect(errorOf(() => app.synth()).message).toMatch(/cost\.environment-budget/);
    expect(fs.existsSync(path.join(app.outdir, 'catalog'))).toBe(false);
  });

  test('an app without services writes no catalog', () => {
    const app = quietApp();
    testEnvironment(Tier.PRODUCTION, {}, app);
    app.synth();
    expect(fs.existsSync(path.join(app.outdir, 'catalog'))).toBe(false);
  });
});
