import { cdk8s, javascript } from 'projen';

// Versions measured to work together on Node 20 (see DESIGN.md, "Toolchain facts").
const CDK8S = '2.70.106';
const CONSTRUCTS = '10.8.1';
const CDK8S_PLUS = '2.5.6';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'paved',
  description:
    'Golden paths for internal developer platforms: a few lines of TypeScript become secure-by-default Kubernetes manifests.',
  keywords: ['cdk8s', 'kubernetes', 'platform-engineering', 'golden-path', 'internal-developer-platform'],
  author: 'Paved maintainers',
  authorAddress: 'platform@paved.dev',
  repositoryUrl: 'https://github.com/paved-dev/paved',
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  // Keep the top level to what a reader needs; projen's own tsconfig lives with its other files.
  projenrcTsOptions: { projenCodeDir: '.projen' },
  minNodeVersion: '20.16.0',

  jsiiVersion: '~6.0.0',
  typescriptVersion: '~6.0.0',
  cdk8sVersion: CDK8S,
  constructsVersion: CONSTRUCTS,
  peerDeps: [`cdk8s-plus-28@^${CDK8S_PLUS}`],
  devDeps: [
    `cdk8s-plus-28@${CDK8S_PLUS}`,
    'cdk8s-cli@^2.207.0',
    'ts-jest@^29.4.15',
    'kubernetes-models@^4.5.1',
    '@kubernetes-models/validate@^4',
    // The last CommonJS line of the External Secrets models (2.x is ESM-only and needs Node 22).
    '@kubernetes-models/external-secrets@^0.5.2',
    // The last CommonJS line of the Kyverno models (2.x is ESM-only and needs Node 22); the admission export validates against it.
    '@kubernetes-models/kyverno@^0.3.4',
    // The last CommonJS line of the Prometheus Operator models (5.x is ESM-only and needs Node 22).
    '@kubernetes-models/prometheus-operator@^4.4.4',
    // The last CommonJS lines of the Argo CD and Argo Rollouts models (the next majors are ESM-only and need Node 22).
    '@kubernetes-models/argo-cd@^2.7.2',
    '@kubernetes-models/argo-rollouts@^0.3.2',
    '@kubernetes-models/keda@^0.4.2',
    // Validates the generated catalog entities exactly as Backstage's catalog does.
    '@backstage/catalog-model@^1.10.1',
    'fast-check@^4',
    'yaml@^2',
    // The SARIF 2.1.0 schema (draft-04) ships in @microsoft/jest-sarif; the policy tests validate against it offline.
    '@microsoft/jest-sarif@1.0.0-beta.0',
    'ajv@^8',
    'ajv-draft-04@^1',
    'ajv-formats@^3',
    // paved/pulumi is built and tested with these; its users install them (see the exports below).
    '@pulumi/pulumi@^3.248.0',
    '@pulumi/aws@^7',
    '@pulumi/random@^4',
  ],
  // paved/pulumi is plain TypeScript over non-jsii libraries: jsii skips it and tsc builds it.
  excludeTypescript: ['src/pulumi/**'],
  jestOptions: {
    jestVersion: '^30',
    // Snapshots are specifications: CI must fail on a mismatch, never rewrite it (`npm run test:update` does).
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/examples/**/*.test.ts'],
      moduleNameMapper: {
        '^paved$': '<rootDir>/src/index.ts',
        '^paved/pulumi$': '<rootDir>/src/pulumi/index.ts',
        // examples/platform-package/team-repo depends on the platform team's package by name, as it would from a registry.
        '^@acme/platform$': '<rootDir>/examples/platform-package/src/index.ts',
      },
      // The composition root registers the synth stages; tests that import modules directly load it here.
      setupFiles: ['<rootDir>/test/support/synth-stages.ts'],
      coverageReporters: ['text-summary'],
      // Instrumenting every file costs the suite a third of its time on CI's two cores, time the
      // conformance builds beside it need; `npx jest --coverage` measures it when wanted.
      collectCoverage: false,
    },
  },
  // No source maps in lib/: inline, with their sources, they were two thirds of the tarball's
  // JavaScript, and a consumer's stack trace names the compiled file and line either way.
  tsconfig: { compilerOptions: { inlineSourceMap: false, inlineSources: false } },
  tsconfigDev: { include: ['examples/**/*.ts'] },
  eslintOptions: { dirs: ['src'], devdirs: ['test', 'examples'] },

  // CI lives in .ci/run; no hosted-workflow files. Releases are projen's: `bump` takes the version
  // and the changelog from the conventional commits since the last tag, the first release being
  // 0.1.0; `publish:npm` publishes with provenance (see the tasks below).
  github: false,
  release: true,
  nextVersionCommand: 'git rev-parse --verify --quiet "refs/tags/$LATEST_TAG" > /dev/null || echo 0.1.0',
  depsUpgrade: false,
  pullRequestTemplate: false,
  // `npx paved init` writes a new team repository (src/init/).
  bin: { paved: 'lib/init/cli.js' },
  gitignore: ['/examples/*/dist/', '/examples/*/imports/', '/examples/platform-package/team-repo/dist/', '/examples/platform-package/lib/', '/.paved-bench/'],
});

// The eslint import resolver pulls a platform-specific native binding; without this pin a fresh
// `npm ci` can fail on a missing @unrs/resolver-binding-* package.
project.package.addField('overrides', { 'unrs-resolver': '1.12.2' });

// Self-reference: examples/ import 'paved' exactly as a team repo would, resolved to this package's build.
project.package.addField('exports', {
  '.': { types: './lib/index.d.ts', default: './lib/index.js' },
  './pulumi': { types: './lib/pulumi/index.d.ts', default: './lib/pulumi/index.js' },
  // `node --require paved/compile-cache`: the team repo's synth script preloads it (src/synth/compile-cache.ts).
  './compile-cache': './lib/synth/compile-cache.js',
  './package.json': './package.json',
});
// Consumers on node10 module resolution ignore `exports`; this maps `paved/pulumi` to its types for them.
project.package.addField('typesVersions', { '*': { pulumi: ['lib/pulumi/index.d.ts'] } });

// The cloud side, `paved/pulumi`: @pulumi/* are not jsii libraries, so jsii cannot list them in
// dependencies or peerDependencies. They stay devDependencies here; users of paved/pulumi install
// them, and paved/pulumi names them when they are missing. Built after jsii: it imports 'paved'.
project.compileTask.exec('tsc -p src/pulumi/tsconfig.json');
// The platform package and its team repo install paved and @acme/platform from a registry in
// their own repositories; here nothing installs them (jest maps both by name), so the import
// resolver cannot find them.
project.eslint?.addOverride({
  files: ['examples/platform-package/**/*.ts'],
  rules: { 'import/no-unresolved': 'off' },
});
project.eslint?.addOverride({
  files: ['src/pulumi/**/*.ts'],
  rules: { 'import/no-extraneous-dependencies': ['error', { devDependencies: true, optionalDependencies: false, peerDependencies: true }] },
});

// No import cycle in the library (DESIGN.md, "the shape of the library"): the lint step fails on
// one. The rule skips `import type`, so src/ writes type-only imports as plain imports (TypeScript
// drops them from the output all the same) and every import is seen. paved/pulumi imports types
// from 'paved', a package, outside the rule's reach.
project.eslint?.addOverride({
  files: ['src/**/*.ts'],
  excludedFiles: ['src/pulumi/**'],
  rules: {
    'import/no-cycle': ['error', { ignoreExternal: true }],
    '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'no-type-imports' }],
  },
});

// API.md comes from the jsii assembly, which does not hold paved/pulumi: its reference,
// docs/pulumi.md, is generated from its TSDoc (a test fails when it is stale).
const pulumiDocs = project.addTask('docgen:pulumi', { description: 'Writes docs/pulumi.md, the reference of paved/pulumi, from its TSDoc' });
pulumiDocs.exec('ts-node --project test/tsconfig.json --transpile-only test/docs/pulumi-reference.ts');

// The Backstage template's skeleton is paved init's files with template values for the answers.
const templates = project.addTask('templates', { description: 'Writes templates/team-repo/skeleton, the Backstage template\'s files, from paved init' });
templates.exec('ts-node --project test/tsconfig.json --transpile-only test/templates/team-repo-skeleton.ts');

// The tarball holds what a consumer runs: lib/ (JavaScript, declarations), the jsii assembly
// (known-props reads it), README, LICENSE, and the CI scripts `paved init` copies. Not the API
// reference, the examples, docs, the Backstage template or this repository's CI.
for (const pattern of ['/API.md', '/ARCHITECTURE.md', '/docs/', '/templates/', '/.ci/', '/examples/*', '!/examples/preview/', '/examples/preview/*', '!/examples/preview/ci/']) {
  project.npmignore?.addPatterns(pattern);
}

// Publishing: the tarball `package:js` writes, with provenance (npm needs the OIDC identity of a
// CI provider for it); `release:dry-run` bumps, packs and publishes with --dry-run, then unbumps.
project.addTask('publish:npm', {
  description: 'Publishes dist/js/*.tgz to npm with provenance (from CI, after release)',
  exec: 'npm publish dist/js/*.tgz --access public --provenance',
});
const releaseDryRun = project.addTask('release:dry-run', { description: 'Bump, changelog, pack and npm publish --dry-run --provenance; restores the version after' });
releaseDryRun.exec('rm -rf dist');
releaseDryRun.spawn(project.tasks.tryFind('bump')!);
releaseDryRun.spawn(project.compileTask);
releaseDryRun.spawn(project.tasks.tryFind('package:js')!);
releaseDryRun.exec('cat dist/changelog.md && tar -tzf dist/js/*.tgz | wc -l && ls -l dist/js/');
releaseDryRun.exec('npm publish dist/js/*.tgz --access public --provenance --dry-run');
releaseDryRun.spawn(project.tasks.tryFind('unbump')!);

// Tests run against the jsii build too: a change jsii rejects, or one that leaves API.md stale,
// must fail the same command CI runs.
project.testTask.prependSpawn(project.postCompileTask);
project.testTask.prependSpawn(project.compileTask);

// The main job: build the library, synthesize the example platform and print what it produced,
// then the preview example as its CI synthesizes pull request 142.
const example = project.addTask('example', {
  description: 'Synthesizes examples/basic, examples/preview for pull request 142, examples/workloads (a service, a worker on a queue, a nightly job and a migration), and the team repo of examples/platform-package, and prints what they produced',
});
example.spawn(project.compileTask);
example.exec('npx cdk8s synth --no-check-upgrade', { cwd: 'examples/basic' });
example.exec('PAVED_PULL_REQUEST=142 npx cdk8s synth --no-check-upgrade', { cwd: 'examples/preview' });
example.exec('npx cdk8s synth --no-check-upgrade', { cwd: 'examples/workloads' });
// The platform team's package, built and installed beside paved, and the team repo that depends on it.
example.exec('bash examples/platform-package/synth.sh');

// Synth time and memory against hand-written cdk8s-plus; see test/bench/run.ts.
const bench = project.addTask('bench', { description: 'Benchmarks synth against hand-written cdk8s-plus (BENCH_SIZES=10,100 for a quick run)' });
bench.spawn(project.compileTask);
bench.exec('ts-node --project test/tsconfig.json --transpile-only test/bench/run.ts');

// Every synthesized object applied to a real control plane built from the Kubernetes Go modules;
// see test/conformance/run.sh. Needs Go, etcd and openssl; .ci/run installs what is missing.
const conformance = project.addTask('conformance', {
  description: 'Applies every synthesized object to a local Kubernetes control plane (test/conformance/*/run.sh)',
});
conformance.exec('bash test/conformance/run.sh');

project.synth();
