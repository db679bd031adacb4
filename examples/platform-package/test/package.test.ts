import { execFileSync } from 'child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { Testing } from 'cdk8s';
import * as YAML from 'yaml';

// The package as a team repo gets it: built with tsc, packed, installed beside paved, and
// synthesized from by the team repo in a folder of its own, as separate processes.
const PACKAGE = join(__dirname, '..');
const ROOT = join(PACKAGE, '..', '..');
const TOOLS = join(ROOT, 'node_modules');

/** A node_modules folder as npm install lays it out: each package linked to where it is built. */
function install(dir: string, packages: { [name: string]: string }): void {
  for (const [name, target] of Object.entries(packages)) {
    const link = join(dir, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(target, link, 'dir');
  }
}

describe('@acme/platform as a package', () => {
  const work = mkdtempSync(join(tmpdir(), 'acme-platform-'));
  const platform = join(work, 'platform');
  const team = join(work, 'payments-infra');
  const shared = { 'paved': ROOT, 'cdk8s': join(TOOLS, 'cdk8s'), 'cdk8s-plus-28': join(TOOLS, 'cdk8s-plus-28'), 'constructs': join(TOOLS, 'constructs') };
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'lib', 'index.js'))) throw new Error('lib/ is missing: `npm test` compiles it first; alone, run `npm run compile`');
    for (const entry of ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'src']) cpSync(join(PACKAGE, entry), join(platform, entry), { recursive: true });
    install(platform, { ...shared, '@types/node': join(TOOLS, '@types', 'node') });
    execFileSync(process.execPath, [join(TOOLS, 'typescript', 'bin', 'tsc'), '-p', join(platform, 'tsconfig.build.json')], { stdio: 'pipe' });
    for (const entry of ['package.json', 'tsconfig.json', 'cdk8s.yaml', 'main.ts']) cpSync(join(PACKAGE, 'team-repo', entry), join(team, entry));
    install(team, { ...shared, '@acme/platform': platform });
  }, 120_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test('builds with tsc and packs only its JavaScript and declarations', () => {
    const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: platform, encoding: 'utf8' }));
    const files: string[] = packed.files.map((f: any) => f.path).sort();
    expect(files).toEqual(['lib/index.d.ts', 'lib/index.js', 'lib/platform.d.ts', 'lib/platform.js', 'lib/rules.d.ts', 'lib/rules.js', 'package.json']);
    expect(packed).toMatchObject({ name: '@acme/platform', version: '1.3.0' });
  });

  test('a team repo that depends on it synthesizes what its own test synthesizes', () => {
    const outdir = join(team, 'dist');
    execFileSync(process.execPath, [join(TOOLS, 'ts-node', 'dist', 'bin.js'), '--transpile-only', 'main.ts'], { cwd: team, stdio: 'pipe', env: { ...process.env, CDK8S_OUTDIR: outdir } });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const app = require('../team-repo/main').buildApp(Testing.app());
    const written = readdirSync(outdir).filter((f) => f.endsWith('.k8s.yaml')).sort();
    expect(written).toEqual(['payments-prod.k8s.yaml', 'payments-staging.k8s.yaml']);
    for (const chart of app.charts) {
      const documents = YAML.parseAllDocuments(readFileSync(join(outdir, `${chart.node.id}.k8s.yaml`), 'utf8')).map((d) => d.toJSON());
      expect(documents).toEqual(Testing.synth(chart));
    }
  }, 60_000);
});
