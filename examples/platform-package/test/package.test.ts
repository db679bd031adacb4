import { execFileSync } from 'child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { Testing } from 'cdk8s';
import * as YAML from 'yaml';

// The package as a team repo gets it: built with tsc and packed; then installed beside paved and
// synthesized from by the team repo in a folder of its own (synth.sh, which `npm run example` runs).
const PACKAGE = join(__dirname, '..');
const ROOT = join(PACKAGE, '..', '..');
const TOOLS = join(ROOT, 'node_modules');

describe('@acme/platform as a package', () => {
  const work = mkdtempSync(join(tmpdir(), 'acme-platform-'));
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'lib', 'index.js'))) throw new Error('lib/ is missing: `npm test` compiles it first; alone, run `npm run compile`');
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test('builds with tsc and packs only its JavaScript, declarations and README', () => {
    const platform = join(work, 'platform');
    for (const entry of ['package.json', 'README.md', 'tsconfig.json', 'tsconfig.build.json', 'src']) cpSync(join(PACKAGE, entry), join(platform, entry), { recursive: true });
    for (const [name, target] of Object.entries({ 'paved': ROOT, 'cdk8s': join(TOOLS, 'cdk8s'), 'cdk8s-plus-28': join(TOOLS, 'cdk8s-plus-28'), 'constructs': join(TOOLS, 'constructs'), '@types/node': join(TOOLS, '@types', 'node') })) {
      mkdirSync(dirname(join(platform, 'node_modules', name)), { recursive: true });
      symlinkSync(target, join(platform, 'node_modules', name), 'dir');
    }
    execFileSync(process.execPath, [join(TOOLS, 'typescript', 'bin', 'tsc'), '-p', join(platform, 'tsconfig.build.json')], { stdio: 'pipe' });
    const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: platform, encoding: 'utf8' }));
    expect(packed.files.map((f: any) => f.path).sort()).toEqual(['lib/index.d.ts', 'lib/index.js', 'lib/platform.d.ts', 'lib/platform.js', 'lib/rules.d.ts', 'lib/rules.js', 'package.json', 'README.md'].sort());
    expect(packed).toMatchObject({ name: '@acme/platform', version: '1.3.0' });
  }, 120_000);

  test('a team repo that depends on it synthesizes what its own test synthesizes', () => {
    const outdir = join(work, 'dist');
    execFileSync('bash', [join(PACKAGE, 'synth.sh'), outdir], { stdio: 'pipe' });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const app = require('../team-repo/main').buildApp(Testing.app());
    expect(readdirSync(outdir).filter((f) => f.endsWith('.k8s.yaml')).sort()).toEqual(['payments-prod.k8s.yaml', 'payments-staging.k8s.yaml']);
    for (const chart of app.charts) {
      const documents = YAML.parseAllDocuments(readFileSync(join(outdir, `${chart.node.id}.k8s.yaml`), 'utf8')).map((d) => d.toJSON());
      expect(documents).toEqual(Testing.synth(chart));
    }
  }, 120_000);
});
