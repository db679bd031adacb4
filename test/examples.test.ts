import { execFileSync } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Testing } from 'cdk8s';
import * as YAML from 'yaml';

// Each example is a team repo: `cdk8s synth` in its folder, as a separate process against the
// built package, must write exactly what the example's own build function yields in-process.
const ROOT = join(__dirname, '..');
const examples = readdirSync(join(ROOT, 'examples'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(ROOT, 'examples', d.name, 'cdk8s.yaml')))
  .map((d) => d.name);

// Examples with previews synthesize one for the pull request their CI names in PAVED_PULL_REQUEST;
// the others ignore it.
const PULL_REQUEST = 142;

describe.each(examples)('examples/%s', (example) => {
  const dir = join(ROOT, 'examples', example);

  test('`cdk8s synth` writes one manifest per environment, equal to the in-process synth', () => {
    if (!existsSync(join(ROOT, 'lib', 'index.js'))) throw new Error('lib/ is missing: `npm test` compiles it first; alone, run `npm run compile`');
    const outdir = mkdtempSync(join(tmpdir(), `paved-${example}-`));
    try {
      execFileSync('npx', ['cdk8s', 'synth', '--no-check-upgrade', '--output', outdir], { cwd: dir, stdio: 'pipe', env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false', PAVED_PULL_REQUEST: String(PULL_REQUEST) } });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const app = require(join(dir, 'main')).buildApp(Testing.app(), PULL_REQUEST);
      const files = readdirSync(outdir).filter((f) => f.endsWith('.k8s.yaml')).sort();
      expect(files).toEqual(app.charts.map((c: any) => `${c.node.id}.k8s.yaml`).sort());
      for (const chart of app.charts) {
        const written = YAML.parseAllDocuments(readFileSync(join(outdir, `${chart.node.id}.k8s.yaml`), 'utf-8')).map((d) => d.toJSON());
        expect(written).toEqual(Testing.synth(chart));
      }
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  }, 60_000);
});
