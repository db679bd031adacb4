import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, JsonPatch, Testing, Yaml } from 'cdk8s';
import { Environment } from '../../src/environment/environment';
import { PreviewEnvironment } from '../../src/environment/preview-environment';
import { Tier } from '../../src/platform/tier';
import { Policy } from '../../src/policy/policy';
import { OUTPUT_LIST_FILE } from '../../src/synth/output-names';
import { writeStaged } from '../../src/synth/staged-output';
import { FakeEnvironment, quietApp, Service } from '../policy/fixtures';
import { errorOf } from '../support/errors';
import { testPlatform, testService } from '../support/fixtures';

/** Every file under `dir`, by relative path, with its content; the list of Paved's files left out unless asked for. */
function filesIn(dir: string, withList = false): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (withList || path.relative(dir, full) !== path.join(...OUTPUT_LIST_FILE.split('/'))) files[path.relative(dir, full)] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return files;
}

/** Writes `files` (relative path to content) under `dir`. */
function put(dir: string, files: Record<string, string>): void {
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
}

/** A staged write of exactly `files`. */
function stage(app: App, files: Record<string, string>): void {
  writeStaged(app, () => put(app.outdir, files));
}

/** A chart whose rendering can be made to fail, to fail a synth after the policy evaluation passed. */
class BreakableChart extends Chart {
  public broken = false;
  public toJson(): any[] {
    if (this.broken) throw new Error('disk full');
    return super.toJson();
  }
}

describe('writeStaged', () => {
  test('moves what was written into the output folder, folders included, and leaves no staging folder', () => {
    const app = quietApp();
    writeStaged(app, () => {
      fs.mkdirSync(path.join(app.outdir, 'nested'));
      fs.writeFileSync(path.join(app.outdir, 'a.k8s.yaml'), 'a');
      fs.writeFileSync(path.join(app.outdir, 'nested', 'b.json'), 'b');
    });
    expect(filesIn(app.outdir)).toEqual({ 'a.k8s.yaml': 'a', [path.join('nested', 'b.json')]: 'b' });
    expect(JSON.parse(fs.readFileSync(path.join(app.outdir, 'paved-reports', 'paved-output.json'), 'utf8'))).toEqual({ files: ['a.k8s.yaml', 'nested/b.json'] });
  });

  test('removes the files the last synth wrote and this one did not, and the folders they leave empty', () => {
    const app = quietApp();
    stage(app, { 'a.k8s.yaml': 'a', 'b.k8s.yaml': 'b', 'paved-reports/paved-previews.json': 'p', 'deep/x/y.yaml': 'y' });
    stage(app, { 'a.k8s.yaml': 'a2' });
    expect(filesIn(app.outdir)).toEqual({ 'a.k8s.yaml': 'a2' });
    expect(fs.readdirSync(app.outdir).sort()).toEqual(['a.k8s.yaml', 'paved-reports']);
  });

  test('leaves every file it does not own: a README, a .gitkeep, another tool\'s files, even one named like a manifest', () => {
    const app = quietApp();
    stage(app, { 'a.k8s.yaml': 'a', 'b.k8s.yaml': 'b', 'paved-reports/paved-cost.json': 'c' });
    const foreign = { 'README.md': 'mine', '.gitkeep': '', 'other-tool/state.json': '{}', 'kustomize.k8s.yaml': 'theirs', [path.join('paved-reports', 'notes.txt')]: 'notes' };
    put(app.outdir, foreign);
    stage(app, { 'a.k8s.yaml': 'a2' });
    expect(filesIn(app.outdir)).toEqual({ 'a.k8s.yaml': 'a2', ...foreign });
  });

  test('without a list from a previous synth, owns only the names Paved writes by', () => {
    const app = quietApp();
    const foreign = { 'README.md': 'mine', '.gitkeep': '', [path.join('catalog', 'other.yaml')]: 'x', [path.join('paved-reports', 'notes.txt')]: 'n', [path.join('sub', 'c.k8s.yaml')]: 'c' };
    put(app.outdir, {
      ...foreign,
      'old.k8s.yaml': 'stale',
      'paved-reports/paved-previews.json': 'stale',
      'catalog/catalog-info.yaml': 'stale',
    });
    stage(app, { 'a.k8s.yaml': 'a' });
    expect(filesIn(app.outdir)).toEqual({ 'a.k8s.yaml': 'a', ...foreign });
  });

  test('a list edited to name files outside the output folder removes nothing outside it', () => {
    const app = quietApp();
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'paved-outside-'));
    put(outside, { 'keep.txt': 'keep', 'linked/keep.txt': 'keep' });
    fs.mkdirSync(app.outdir, { recursive: true });
    fs.symlinkSync(path.join(outside, 'linked'), path.join(app.outdir, 'link'));
    const escapes = [path.relative(app.outdir, path.join(outside, 'keep.txt')), path.join(outside, 'keep.txt'), 'link/keep.txt', 'a/../../keep.txt'];
    put(app.outdir, { [OUTPUT_LIST_FILE]: JSON.stringify({ files: escapes }) });
    stage(app, { 'a.k8s.yaml': 'a' });
    expect(filesIn(outside)).toEqual({ 'keep.txt': 'keep', [path.join('linked', 'keep.txt')]: 'keep' });
    // The twin: a listed file inside the folder is removed.
    put(app.outdir, { 'b.k8s.yaml': 'b', [OUTPUT_LIST_FILE]: JSON.stringify({ files: ['b.k8s.yaml', ...escapes] }) });
    stage(app, { 'a.k8s.yaml': 'a' });
    expect(fs.existsSync(path.join(app.outdir, 'b.k8s.yaml'))).toBe(false);
    expect(filesIn(outside)).toEqual({ 'keep.txt': 'keep', [path.join('linked', 'keep.txt')]: 'keep' });
  });

  test('writes while app.outdir points at the staging folder, and restores it after', () => {
    const app = quietApp();
    const outdir = app.outdir;
    let during = '';
    writeStaged(app, () => {
      during = app.outdir;
    });
    expect(path.dirname(during)).toBe(outdir);
    expect(path.basename(during)).toMatch(/^\.paved-synth-/);
    expect(app.outdir).toBe(outdir);
  });

  test('clears the staging folder a killed synth left behind', () => {
    const app = quietApp();
    fs.mkdirSync(path.join(app.outdir, '.paved-synth-abc123'), { recursive: true });
    fs.writeFileSync(path.join(app.outdir, '.paved-synth-abc123', 'half.k8s.yaml'), 'half');
    writeStaged(app, () => fs.writeFileSync(path.join(app.outdir, 'a.k8s.yaml'), 'a'));
    expect(filesIn(app.outdir)).toEqual({ 'a.k8s.yaml': 'a' });
  });

  test('a failing write leaves the output folder exactly as it was', () => {
    const app = quietApp();
    fs.mkdirSync(app.outdir, { recursive: true });
    fs.writeFileSync(path.join(app.outdir, 'a.k8s.yaml'), 'old');
    const error = errorOf(() => writeStaged(app, () => {
      fs.writeFileSync(path.join(app.outdir, 'a.k8s.yaml'), 'new');
      throw new Error('disk full');
    }));
    expect(error.message).toBe('disk full');
    expect(filesIn(app.outdir)).toEqual({ 'a.k8s.yaml': 'old' });
  });

  test('a failing write removes nothing, and keeps the list of what the last synth wrote', () => {
    const app = quietApp();
    stage(app, { 'a.k8s.yaml': 'a', 'b.k8s.yaml': 'b' });
    const before = filesIn(app.outdir, true);
    expect(() => writeStaged(app, () => {
      put(app.outdir, { 'a.k8s.yaml': 'a2' });
      throw new Error('disk full');
    })).toThrow('disk full');
    expect(filesIn(app.outdir, true)).toEqual(before);
  });
});

describe('app.synth() output', () => {
  test('a synth that fails while writing, after policy passed, leaves the previous manifests and reports intact', () => {
    const app = quietApp();
    const first = new FakeEnvironment(app, 'alpha', Tier.PRODUCTION);
    const second = new BreakableChart(app, 'beta');
    new Service(first, 'one');
    app.synth();
    const before = filesIn(app.outdir);
    expect(Object.keys(before).sort()).toEqual([
      'alpha.k8s.yaml', 'beta.k8s.yaml', path.join('paved-reports', 'paved-cost.json'),
      path.join('paved-reports', 'paved-policy.json'), path.join('paved-reports', 'paved-policy.sarif'),
    ]);

    // alpha would be written first and differ; beta then fails.
    new Service(first, 'two');
    second.broken = true;
    expect(() => app.synth()).toThrow('disk full');
    expect(filesIn(app.outdir)).toEqual(before);
  });

  test('an environment and a preview removed from the app leave no manifest and no report naming them; a foreign file stays', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'paved-stale-'));
    const build = (withPreview: boolean) => {
      const app = Testing.app({ outdir });
      Policy.of(app).configureReports({ console: false });
      const platform = testPlatform();
      testService(new Environment(app, 'payments-prod', { platform, tier: Tier.PRODUCTION, team: 'payments' }), { ingress: { host: 'orders.apps.acme.dev' } });
      const staging = new Environment(app, 'payments-staging', { platform, tier: Tier.STAGING, team: 'payments' });
      testService(staging, { ingress: { host: 'orders.staging.apps.acme.dev' } });
      if (withPreview) testService(new PreviewEnvironment(app, 'payments-pr-7', { platform, team: 'payments', pullRequest: 7 }), { ingress: { host: 'orders.apps.acme.dev' } });
      return app;
    };
    build(true).synth();
    put(outdir, { 'README.md': 'our manifests', '.gitkeep': '' });
    const first = Object.keys(filesIn(outdir)).sort();
    expect(first).toEqual(expect.arrayContaining(['payments-pr-7.k8s.yaml', 'payments-staging.k8s.yaml', path.join('paved-reports', 'paved-previews.json')]));

    // The next run of the program: the preview's pull request closed, and staging was retired.
    const app = build(false);
    app.node.tryRemoveChild('payments-staging');
    app.synth();
    const files = filesIn(outdir);
    expect(Object.keys(files).sort()).toEqual(first.filter((f) => !['payments-pr-7.k8s.yaml', 'payments-staging.k8s.yaml', path.join('paved-reports', 'paved-previews.json')].includes(f)));
    expect(files['README.md']).toBe('our manifests');
    expect(files['.gitkeep']).toBe('');
    for (const [file, content] of Object.entries(files)) {
      expect([file, content.includes('payments-pr-7') || content.includes('payments-staging')]).toEqual([file, false]);
    }
  });

  test('reports name the manifests where they are published, not where they were staged', () => {
    const app = quietApp();
    // A warning in preview: a finding that points at a manifest without failing the synth.
    new Service(new FakeEnvironment(app, 'alpha', Tier.PREVIEW), 'one', { replicas: 1, team: 'x' });
    app.synth();
    const sarif = fs.readFileSync(path.join(app.outdir, 'paved-reports', 'paved-policy.sarif'), 'utf8');
    expect(sarif).toContain(JSON.stringify(path.relative(process.cwd(), path.join(app.outdir, 'alpha.k8s.yaml'))));
    expect(sarif).not.toContain('.paved-synth-');
  });

  test('each synth writes the objects as they are then: renderings are not kept from one synth to the next', () => {
    const app = quietApp();
    const service = new Service(new FakeEnvironment(app, 'alpha', Tier.PRODUCTION), 'one');
    app.synth();
    ApiObject.of(service.deployment).addJsonPatch(JsonPatch.add('/spec/revisionHistoryLimit', 3));
    app.synth();
    const [deployment] = Yaml.load(path.join(app.outdir, 'alpha.k8s.yaml'));
    expect(deployment.spec.revisionHistoryLimit).toBe(3);
    expect(Object.prototype.hasOwnProperty.call(ApiObject.of(service.deployment), 'toJson')).toBe(false);
  });
});
