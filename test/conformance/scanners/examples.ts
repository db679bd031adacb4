// The examples' synthesized output as the scanners read it: each example's app synthesized to
// its own folder, so what is scanned is what `cdk8s synth` writes, acknowledgement annotations
// included.
import { copyFileSync, mkdirSync, readdirSync } from 'fs';
import { join } from 'path';
import { exampleApps } from '../../support/golden-path';

/** Synthesizes every example into `dir/<example>/`; returns the manifest files, relative to `dir`. */
export function synthesizeExamples(dir: string): string[] {
  const files: string[] = [];
  for (const [name, app] of exampleApps()) {
    app.synth();
    mkdirSync(join(dir, name), { recursive: true });
    for (const file of readdirSync(app.outdir).filter((f) => f.endsWith('.k8s.yaml')).sort()) {
      copyFileSync(join(app.outdir, file), join(dir, name, file));
      files.push(`${name}/${file}`);
    }
  }
  return files;
}
