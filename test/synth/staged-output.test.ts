import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, Chart, JsonPatch, Yaml } from 'cdk8s';
import { Tier } from '../../src/platform/tier';
import { writeStaged } from '../../src/synth/staged-output';
import { FakeEnvironment, quietApp, Service } from '../policy/fixtures';
import { errorOf } from '../support/errors';

/** Every file under `dir`, by relative path, with its content. */
function filesIn(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[path.relative(dir, full)] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return files;
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
      'alpha.k8s.yaml', 'beta.k8s.yaml', path.join('paved-reports', 'paved-policy.json'), path.join('paved-reports', 'paved-policy.sarif'),
    ]);

    // alpha would be written first and differ; beta then fails.
    new Service(first, 'two');
    second.broken = true;
    expect(() => app.synth()).toThrow('disk full');
    expect(filesIn(app.outdir)).toEqual(before);
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
