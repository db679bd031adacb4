import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { PavedManifest, teamRepoFiles } from '../../src/init/team-repo';

// templates/team-repo/skeleton, the files the Backstage template writes, generated from the same
// function `paved init` writes its files with: paved init's files for placeholder answers, each
// placeholder then replaced by the template value it stands for. `npx projen templates` rewrites
// the folder; a test holds it current and renders it back to paved init's files.

const ROOT = join(__dirname, '..', '..');
export const TEMPLATE_DIR = join(ROOT, 'templates', 'team-repo');
export const SKELETON_DIR = join(TEMPLATE_DIR, 'skeleton');
const CI_SCRIPTS = join(ROOT, 'examples', 'preview', 'ci');

/** Placeholder answers, each unlike anything else in the files, and the template value that replaces it. */
const PLACEHOLDERS: ReadonlyArray<readonly [string, string]> = [
  ['placeholder-owner', 'owner'],
  ['placeholder-repo', 'repo'],
  ['placeholder-team', 'team'],
  ['placeholder-platform', 'platformName'],
  ['placeholder-domain.invalid', 'domain'],
  ['placeholder-registry.invalid', 'registry'],
  ['9.9.9-placeholder', 'pavedVersion'],
];

/** Paved's own manifest: the cdk8s versions a team repo pins. */
export function pavedManifest(): PavedManifest {
  return JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
}

/** The CI scripts a team repo gets, as paved init reads them. */
export function ciScripts(): { [name: string]: string } {
  return Object.fromEntries(readdirSync(CI_SCRIPTS).sort().map((f) => [f, readFileSync(join(CI_SCRIPTS, f), 'utf8')]));
}

/** Every file of the skeleton, by path, with `${{ values.<name> }}` where paved init writes an answer. */
export function skeletonFiles(): Map<string, string> {
  const answers = Object.fromEntries(PLACEHOLDERS.map(([text, value]) => [value, text]));
  const files = teamRepoFiles({
    team: answers.team,
    domain: answers.domain,
    registry: answers.registry,
    repository: `https://github.com/${answers.owner}/${answers.repo}`,
    platformName: answers.platformName,
  }, { ...pavedManifest(), version: answers.pavedVersion }, ciScripts());
  const skeleton = new Map<string, string>();
  for (const [path, content] of files) {
    skeleton.set(path, PLACEHOLDERS.reduce((text, [placeholder, value]) => text.split(placeholder).join(`\${{ values.${value} }}`), content));
  }
  return skeleton;
}

/** The skeleton as committed: every file under templates/team-repo/skeleton, by path. */
export function committedSkeleton(dir: string = SKELETON_DIR, prefix: string = ''): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${prefix}${entry.name}`;
    if (entry.isDirectory()) {
      for (const [p, c] of committedSkeleton(join(dir, entry.name), `${path}/`)) files.set(p, c);
    } else {
      files.set(path, readFileSync(join(dir, entry.name), 'utf8'));
    }
  }
  return files;
}

if (require.main === module) {
  rmSync(SKELETON_DIR, { recursive: true, force: true });
  for (const [path, content] of skeletonFiles()) {
    const target = join(SKELETON_DIR, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    if (path.startsWith('ci/')) chmodSync(target, 0o755);
  }
  console.error(`paved: wrote ${SKELETON_DIR}`);
}
