import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { PreviewEnvironment } from '../../src/environment/preview-environment';
import { PREVIEW_SYNTH_STAGE } from '../../src/environment/preview-stage';
import { Tier } from '../../src/platform/tier';
import { testEnvironment, testPlatform } from '../support/fixtures';

describe('the previews stage', () => {
  test('writes the previews of the app under the folder it is given', () => {
    const app = Testing.app();
    new PreviewEnvironment(app, 'pr-7', { platform: testPlatform(), team: 'payments', pullRequest: 7 });
    PREVIEW_SYNTH_STAGE.write!(app, undefined, { console: false, outdir: app.outdir });

    const report = JSON.parse(fs.readFileSync(path.join(app.outdir, 'paved-reports', 'paved-previews.json'), 'utf8'));
    expect(report.previews.map((p: any) => p.pullRequest)).toEqual([7]);
  });

  test('an app without a preview gets no previews file', () => {
    const app = Testing.app();
    testEnvironment(Tier.PRODUCTION, {}, app);
    PREVIEW_SYNTH_STAGE.write!(app, undefined, { console: false, outdir: app.outdir });

    expect(fs.existsSync(path.join(app.outdir, 'paved-reports'))).toBe(false);
  });
});
