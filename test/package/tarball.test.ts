import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';

// What `npm publish` would upload: what a consumer runs, and nothing else.
const ROOT = join(__dirname, '..', '..');

describe('the packed package', () => {
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' }));
  const files: string[] = packed.files.map((f: any) => f.path);

  test('holds lib/, the jsii assembly, README, LICENSE, package.json and the CI scripts paved init copies', () => {
    const outside = files.filter((f) => !/^lib\/.+\.(js|d\.ts)$/.test(f)).sort();
    expect(outside).toEqual(['.jsii', 'LICENSE', 'README.md', 'examples/preview/ci/preview.sh', 'examples/preview/ci/publish.sh', 'examples/preview/ci/teardown.sh', 'package.json']);
    expect(files).toEqual(expect.arrayContaining(['lib/index.js', 'lib/index.d.ts', 'lib/pulumi/index.js', 'lib/init/cli.js', 'lib/known-props.js']));
  });

  test('every subpath it exports is a file it holds', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const targets = Object.values(manifest.exports).flatMap((t: any) => (typeof t === 'string' ? [t] : Object.values(t) as string[]));
    expect(Object.keys(manifest.exports)).toEqual(expect.arrayContaining(['.', './pulumi', './compile-cache']));
    for (const target of targets) expect(files).toContain(target.replace(/^\.\//, ''));
  });

  test('its JavaScript carries no source maps', () => {
    const withMaps = files.filter((f) => f.endsWith('.js') && readFileSync(join(ROOT, f), 'utf8').includes('sourceMappingURL'));
    expect(withMaps).toEqual([]);
  });

  test('states the Node.js it runs on and the peers it was tested with', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(manifest.engines.node).toBe('>= 20.16.0');
    for (const peer of ['cdk8s', 'cdk8s-plus-28', 'constructs']) {
      // The floor of each range is the version the suite runs against.
      expect(manifest.peerDependencies[peer]).toBe(`^${manifest.devDependencies[peer].replace(/^[\^~]/, '')}`);
    }
  });
});
