/**
 * Synthesizes what the examples do not cover: the golden-path environment of every tier (the
 * fixture the unit tests snapshot) and the app that uses every construct and option. Each goes
 * to its own folder under OUTDIR, as `cdk8s synth` would write it.
 *
 *   ts-node synth-fixtures.ts OUTDIR
 */
// The synth stages the composition root registers, as in a team's app and in jest (setupFiles).
import '../../support/synth-stages';
import { mkdirSync } from 'fs';
import { join } from 'path';
import { App } from 'cdk8s';
import { buildEveryConstruct } from './every-construct';
import { Tier } from '../../../src/platform/tier';
import { fullEnvironment } from '../../support/golden-path';

const outdir = process.argv[2];
if (!outdir) throw new Error('usage: synth-fixtures.ts OUTDIR');

for (const tier of Tier.all()) {
  const dir = join(outdir, `tier-${tier.name}`);
  mkdirSync(dir, { recursive: true });
  const app = new App({ outdir: dir });
  fullEnvironment(tier, app);
  app.synth();
}
const dir = join(outdir, 'every-construct');
mkdirSync(dir, { recursive: true });
buildEveryConstruct(new App({ outdir: dir })).synth();
