import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { parse } from 'yaml';
import { buildApp } from './main';

// The team repo's CI, run for real: synthesize pull request 142, publish its preview to a git
// remote the way the workflow does, and tear it down as the workflow does when the PR closes.
function find(objects: any[], kind: string): any {
  const found = objects.filter((o) => o.kind === kind);
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}`);
  return found[0];
}

describe('the preview CI scripts', () => {
  const ci = path.join(__dirname, 'ci');
  let root: string;
  let remote: string;
  let checkout: string;
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
  const run = (script: string, ...args: string[]) => spawnSync(path.join(ci, script), args, { cwd: checkout, encoding: 'utf8' });
  const branchFiles = (branch: string) => git(remote, 'ls-tree', '--name-only', branch).split('\n');

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'paved-ci-'));
    remote = path.join(root, 'remote.git');
    checkout = path.join(root, 'checkout');
    execFileSync('git', ['init', '--quiet', '--bare', remote]);
    execFileSync('git', ['init', '--quiet', checkout]);
    git(checkout, 'remote', 'add', 'origin', remote);
    fs.writeFileSync(path.join(checkout, 'main.ts'), '// the team repo\n');
    git(checkout, 'add', '.');
    git(checkout, '-c', 'user.name=dev', '-c', 'user.email=dev@acme.dev', 'commit', '--quiet', '-m', 'init');
  });

  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  function synthesize(pullRequest: number | undefined): string {
    const app = buildApp(Testing.app(), pullRequest);
    const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      app.synth();
    } finally {
      log.mockRestore();
    }
    return app.outdir;
  }

  test('publishes exactly the preview\'s manifest to paved/preview/<namespace>, leaving the checkout untouched', () => {
    const dist = synthesize(142);
    const published = run('preview.sh', dist);
    expect(published.stderr).toBe('');
    expect(published.status).toBe(0);
    expect(branchFiles('paved/preview/payments-pr-142')).toEqual(['payments-pr-142.k8s.yaml']);
    expect(git(remote, 'show', 'paved/preview/payments-pr-142:payments-pr-142.k8s.yaml')).toBe(fs.readFileSync(path.join(dist, 'payments-pr-142.k8s.yaml'), 'utf8').trim());
    expect(git(checkout, 'status', '--porcelain')).toBe('');
    // A second push replaces the first: the branch is always one commit of what was synthesized.
    expect(run('preview.sh', dist).status).toBe(0);
    expect(git(remote, 'rev-list', '--count', 'paved/preview/payments-pr-142')).toBe('1');
  });

  test('tears the preview\'s branch down when the pull request closes, and says so when there is none', () => {
    expect(run('preview.sh', synthesize(142)).status).toBe(0);
    expect(run('preview.sh', synthesize(1142)).status).toBe(0);
    const closed = run('teardown.sh', '142');
    expect(closed.status).toBe(0);
    expect(closed.stdout).toContain('deleted paved/preview/payments-pr-142');
    // Another pull request's preview, whose number ends in the same digits, stays.
    expect(git(remote, 'branch', '--list')).toBe('paved/preview/payments-pr-1142');
    expect(run('teardown.sh', '1142').status).toBe(0);
    expect(git(remote, 'branch', '--list')).toBe('');
    expect(run('teardown.sh', '142').stdout).toContain('no preview of pull request 142 was published; nothing to delete');
    const bad = run('teardown.sh', '0; rm -rf /');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('pull request number "0; rm -rf /" must be a whole number above zero');
  });

  test('refuses to publish a synth that holds no preview', () => {
    const failed = run('preview.sh', synthesize(undefined));
    expect(failed.status).not.toBe(0);
    expect(failed.stderr).toContain('paved-previews.json not found: did the synth run with PAVED_PULL_REQUEST set?');
  });

  test('publishes every environment\'s manifests from main to the branch the Applications deploy from', () => {
    const dist = synthesize(undefined);
    const files = fs.readdirSync(dist).filter((f) => f.endsWith('.k8s.yaml')).map((f) => path.join(dist, f));
    expect(run('publish.sh', 'paved/manifests', ...files).status).toBe(0);
    expect(branchFiles('paved/manifests')).toEqual(['gitops.k8s.yaml', 'payments-prod.k8s.yaml']);
  });

  test('the workflows call these scripts with the pull request number the synth reads', () => {
    const workflows = path.join(__dirname, '.github', 'workflows');
    const preview = parse(fs.readFileSync(path.join(workflows, 'preview.yaml'), 'utf8'));
    expect(preview.jobs.preview.env.PAVED_PULL_REQUEST).toBe('${{ github.event.pull_request.number }}');
    const runs = (job: any) => job.steps.map((s: any) => s.run).filter(Boolean);
    expect(runs(preview.jobs.preview)).toEqual(['npm ci', 'npx jest --ci', 'npx cdk8s synth --no-check-upgrade', 'ci/preview.sh dist']);
    expect(runs(preview.jobs.teardown)).toEqual(['ci/teardown.sh ${{ github.event.pull_request.number }}']);
    // The workflow builds previews for exactly the pull requests the ApplicationSet deploys.
    const generator = find(buildApp(Testing.app(), undefined).charts.flatMap((c) => Testing.synth(c)), 'ApplicationSet').spec.generators[0].pullRequest.github;
    expect(generator.labels).toEqual(['preview']);
    expect(preview.jobs.preview.if).toContain("contains(github.event.pull_request.labels.*.name, 'preview')");
    const deploy = parse(fs.readFileSync(path.join(workflows, 'deploy.yaml'), 'utf8'));
    expect(runs(deploy.jobs.deploy)).toContain('ci/publish.sh paved/manifests dist/*.k8s.yaml');
    for (const script of ['preview.sh', 'teardown.sh', 'publish.sh']) {
      expect(() => fs.accessSync(path.join(ci, script), fs.constants.X_OK)).not.toThrow();
    }
  });
});
