import { execSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

// projen's bump asks `bump:next-version` first: 0.1.0 for the first release, and from then on
// nothing, which leaves the version to the conventional commits since the last tag.
const ROOT = join(__dirname, '..', '..');
const tasks = JSON.parse(readFileSync(join(ROOT, '.projen', 'tasks.json'), 'utf8')).tasks;

describe('releases', () => {
  const nextVersion: string = tasks['bump:next-version'].steps[0].exec;
  let repo: string;
  beforeEach(() => {
    repo = mkdtempSync(join(tmpdir(), 'paved-release-'));
    execSync('git init -q && git -c user.email=a@b -c user.name=a commit -q --allow-empty -m "feat: first"', { cwd: repo });
  });
  afterEach(() => rmSync(repo, { recursive: true, force: true }));
  const run = (latestTag: string) => execSync(nextVersion, { cwd: repo, encoding: 'utf8', env: { ...process.env, LATEST_TAG: latestTag } }).trim();

  test('the first release is 0.1.0', () => {
    // resolve-latest-tag names a tag that does not exist when there is none.
    expect(run('v0.0.0')).toBe('0.1.0');
  });

  test('a later release is left to the commits', () => {
    execSync('git tag v0.1.0', { cwd: repo });
    expect(run('v0.1.0')).toBe('');
  });

  test('bump writes the changelog and the version, and release:dry-run publishes with provenance as a dry run', () => {
    expect(tasks.bump.env).toMatchObject({ CHANGELOG: 'dist/changelog.md', BUMPFILE: 'dist/version.txt' });
    const steps = tasks['release:dry-run'].steps.map((s: any) => s.spawn ?? s.exec);
    expect(steps).toEqual(expect.arrayContaining(['bump', 'compile', 'package:js', 'npm publish dist/js/*.tgz --access public --provenance --dry-run', 'unbump']));
    expect(steps.indexOf('unbump')).toBe(steps.length - 1);
    expect(tasks['publish:npm'].steps[0].exec).toBe('npm publish dist/js/*.tgz --access public --provenance');
  });
});
