import { PavedError } from '../errors';
import { requireDnsLabel, requireDnsSubdomain, show } from '../validate';

/** What a new team repository is made from: the answers to `paved init`. */
export interface TeamRepoOptions {
  /** The owning team, a DNS label: it names every namespace (`<team>-prod`, `<team>-pr-<n>`). */
  readonly team: string;
  /** The platform's base domain; every ingress host lies under it. */
  readonly domain: string;
  /** The container registry the platform admits images from. */
  readonly registry: string;
  /** The repository's https address on GitHub, e.g. `https://github.com/acme/payments-infra`. */
  readonly repository: string;
  /** The platform's name, as the platform team calls it (default: the domain's first label that is not `apps`). */
  readonly platformName?: string;
}

/**
 * The versions a generated repository pins, and why. cdk8s, cdk8s-plus-28, constructs and
 * cdk8s-cli come from Paved's own package.json (the versions this Paved was built and tested
 * with); these are the ones Paved itself does not use.
 */
export const TEAM_REPO_TOOLCHAIN = {
  /**
   * The type checker only (`tsc --noEmit`): synth and tests run on Node's type stripping, so
   * nothing needs the compiler API TypeScript 7 no longer has.
   */
  'typescript': '^7.0.2',
  '@types/node': '^24',
  /** Node's type stripping is on by default from 22.18; `t.assert.snapshot` is stable there too. */
  'node': '>=22.18.0',
} as const;

/** The versions of Paved's own package.json that a team repo pins alongside Paved. */
export interface PavedManifest {
  readonly version: string;
  readonly devDependencies: { readonly [name: string]: string };
}

const GITHUB_REPOSITORY = /^https:\/\/github\.com\/([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(\.git)?\/?$/;
const PATH = 'paved init';

/**
 * Every file of a new team repository, by path: the app, its platform, a snapshot test, the
 * cdk8s and TypeScript configuration, the CI workflow and the catalog registration. Pure, so the
 * CLI and its tests see exactly the same files.
 */
export function teamRepoFiles(options: TeamRepoOptions, paved: PavedManifest, ciScripts: { [name: string]: string }): Map<string, string> {
  const { team, domain, registry, repository } = validated(options);
  const [, owner, repo] = GITHUB_REPOSITORY.exec(repository)!;
  const platformName = options.platformName ?? domain.split('.').find((l) => l !== 'apps') ?? domain;
  requireDnsLabel(PATH, '--platform-name', platformName);
  const files = new Map<string, string>();
  files.set('package.json', json({
    name: `${team}-infra`,
    private: true,
    type: 'module',
    engines: { node: TEAM_REPO_TOOLCHAIN.node },
    scripts: {
      // The cdk8s CLI's own bin, under Node's compile cache for the CLI and the app it runs (see
      // paved/compile-cache): node runs it directly, so the script is the same on every platform.
      'synth': 'node --require paved/compile-cache node_modules/cdk8s-cli/bin/cdk8s synth --no-check-upgrade',
      // Like jest outside CI: the first local run records the snapshots; in CI a missing one fails.
      'pretest': "node -e \"process.exit(require('fs').existsSync('main.test.ts.snapshot') || process.env.CI ? 0 : 1)\" || node --test --test-update-snapshots main.test.ts",
      'test': 'node --test main.test.ts',
      'test:update': 'node --test --test-update-snapshots main.test.ts',
      'typecheck': 'tsc --noEmit',
    },
    dependencies: {
      'paved': `^${paved.version}`,
      'cdk8s': pinned(paved, 'cdk8s'),
      'cdk8s-plus-28': pinned(paved, 'cdk8s-plus-28'),
      'constructs': pinned(paved, 'constructs'),
    },
    devDependencies: {
      '@types/node': TEAM_REPO_TOOLCHAIN['@types/node'],
      'cdk8s-cli': pinned(paved, 'cdk8s-cli'),
      'typescript': TEAM_REPO_TOOLCHAIN.typescript,
    },
  }));
  files.set('cdk8s.yaml', 'language: typescript\n# Node strips the types itself: no compiler, no ts-node.\napp: node main.ts\noutput: dist\n');
  files.set('tsconfig.json', json({
    compilerOptions: {
      target: 'ES2022',
      module: 'nodenext',
      moduleResolution: 'nodenext',
      strict: true,
      noEmit: true,
      // What Node's type stripping can run: imports name their .ts file, and no TypeScript-only runtime syntax.
      allowImportingTsExtensions: true,
      erasableSyntaxOnly: true,
      verbatimModuleSyntax: true,
      skipLibCheck: true,
      types: ['node'],
    },
    include: ['*.ts'],
  }));
  files.set('.gitignore', 'node_modules/\ndist/\n');
  files.set('platform.ts', platformSource(platformName, domain, registry));
  files.set('main.ts', mainSource(team, domain, registry, repository, owner, repo));
  files.set('main.test.ts', testSource(team));
  files.set('catalog-info.yaml', catalogLocation(team, owner, repo));
  files.set('.github/workflows/paved.yaml', workflow());
  for (const [name, source] of Object.entries(ciScripts)) files.set(`ci/${name}`, source);
  files.set('README.md', readme(team));
  return files;
}

function validated(options: TeamRepoOptions): TeamRepoOptions {
  if (options === null || typeof options !== 'object') throw new PavedError(PATH, `options ${show(options)} must be an object`);
  requireDnsLabel(PATH, '--team', options.team);
  requireDnsSubdomain(PATH, '--domain', options.domain);
  requireDnsSubdomain(PATH, '--registry', options.registry);
  if (typeof options.repository !== 'string' || !GITHUB_REPOSITORY.test(options.repository)) {
    throw new PavedError(PATH, `--repository ${show(options.repository)} must be the repository's GitHub address, e.g. https://github.com/acme/payments-infra`);
  }
  return options;
}

/** The exact version Paved was tested with: its own pin, without a range operator. */
function pinned(paved: PavedManifest, name: string): string {
  const range = paved.devDependencies[name];
  if (range === undefined) throw new PavedError(PATH, `this Paved package does not record a version of ${name}; reinstall paved`);
  return range.replace(/^[\^~]/, '');
}

function json(value: unknown): string {
  return `${JSON.stringify(value, undefined, 2)}\n`;
}

function platformSource(name: string, domain: string, registry: string): string {
  return `import { Platform } from 'paved';

/**
 * The organisation's conventions. Once the platform team publishes its own package, import the
 * platform from there instead, and delete this file.
 */
export const platform = new Platform({
  name: '${name}',
  domain: '${domain}',
  registries: ['${registry}'],
});
`;
}

function mainSource(team: string, domain: string, registry: string, repository: string, owner: string, repo: string): string {
  return `import { App } from 'cdk8s';
import { Environment, GitOps, PlatformService, PreviewEnvironment, Tier } from 'paved';
import { platform } from './platform.ts';

/** The team's services: one definition for every environment. */
export function services(env: Environment, tag: string): void {
  new PlatformService(env, 'api', {
    image: \`${registry}/${team}/api:\${tag}\`,
    port: 8080,
    // A preview gets its own host from the platform; staging and production each have theirs.
    ingress: { host: env.tier === Tier.PRODUCTION ? 'api.${team}.${domain}' : 'api.${team}.staging.${domain}' },
  });
}

/**
 * Staging and production always; a preview when CI synthesizes for a pull request
 * (\`PAVED_PULL_REQUEST\`). The GitOps chart deploys both from the published manifests, and each
 * open pull request labelled \`preview\` through its ApplicationSet.
 */
export function buildApp(app: App = new App(), pullRequest: number | undefined = pullRequestFromEnvironment()): App {
  const staging = new Environment(app, '${team}-staging', { platform, tier: Tier.STAGING, team: '${team}' });
  const prod = new Environment(app, '${team}-prod', { platform, tier: Tier.PRODUCTION, team: '${team}' });
  services(staging, '0.1.0');
  services(prod, '0.1.0');
  if (pullRequest !== undefined) {
    const preview = new PreviewEnvironment(app, \`${team}-pr-\${pullRequest}\`, {
      platform, team: '${team}', pullRequest, repository: '${repository}',
    });
    services(preview, \`pr-\${pullRequest}\`);
  }
  new GitOps(app, 'gitops', {
    platform,
    team: '${team}',
    repoURL: 'https://github.com/${owner}/${repo}.git',
    environments: [staging, prod],
    previews: { github: { owner: '${owner}', repo: '${repo}', labels: ['preview'] } },
  });
  return app;
}

function pullRequestFromEnvironment(): number | undefined {
  const value = process.env.PAVED_PULL_REQUEST;
  // PreviewEnvironment rejects anything but a whole number above zero, naming the value.
  return value === undefined || value === '' ? undefined : Number(value);
}

if (import.meta.filename === process.argv[1]) {
  buildApp().synth();
}
`;
}

function testSource(team: string): string {
  return `import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Testing } from 'cdk8s';
import { buildApp } from './main.ts';

// The team's snapshot test: any change to what the platform generates shows up in review.
// \`npm run test:update\` rewrites main.test.ts.snapshot after an intended change.
test('every environment matches its snapshot', (t) => {
  for (const chart of buildApp(Testing.app(), 1).charts) {
    t.assert.snapshot(Testing.synth(chart), { serializers: [(v) => JSON.stringify(v, undefined, 2)] });
  }
});

test('without a pull request there is no preview', () => {
  const ids = buildApp(Testing.app(), undefined).charts.map((c) => c.node.id);
  assert.deepEqual(ids, ['${team}-staging', '${team}-prod', 'gitops']);
});
`;
}

/** Backstage registers the repository by this file; it points at the catalog each synth publishes. */
function catalogLocation(team: string, owner: string, repo: string): string {
  return `apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: ${team}-infra
  description: The ${team} team's services, as Paved synthesizes them on every push to the default branch.
spec:
  type: url
  targets:
    - https://github.com/${owner}/${repo}/blob/paved/manifests/catalog-info.yaml
`;
}

function workflow(): string {
  return `# Test and synthesize on every push and pull request. Policy runs inside the synth: an enforced
# finding fails it before anything is published. Findings go to code scanning as SARIF.
name: paved

on:
  push:
    branches: [main]
  pull_request:
    types: [opened, synchronize, reopened, labeled, closed]

permissions:
  contents: write         # publish paved/manifests and paved/preview-<n>
  security-events: write  # upload the policy findings to code scanning
  pull-requests: read

concurrency:
  group: paved-\${{ github.event.pull_request.number || github.ref }}
  cancel-in-progress: true

jobs:
  synth:
    if: github.event.action != 'closed'
    runs-on: ubuntu-latest
    timeout-minutes: 15
    env:
      CDK8S_CHECK_UPGRADE: 'false'
      # A preview only for pull requests labelled preview: the ApplicationSet filters on the same label.
      PAVED_PULL_REQUEST: \${{ github.event_name == 'pull_request' && contains(github.event.pull_request.labels.*.name, 'preview') && github.event.pull_request.number || '' }}
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
          cache: npm
      - run: npm ci
      - run: npm run typecheck
      - run: npm test
      - run: npm run synth
      - name: Upload policy findings to code scanning
        if: always() && hashFiles('dist/paved-reports/paved-policy.sarif') != ''
        uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: dist/paved-reports/paved-policy.sarif
          category: paved
      - name: Publish the manifests and the catalog Argo CD and Backstage read
        if: github.event_name == 'push'
        run: ci/publish.sh paved/manifests dist/*.k8s.yaml dist/catalog/catalog-info.yaml
      - name: Publish the preview's manifests
        if: env.PAVED_PULL_REQUEST != ''
        run: ci/preview.sh dist

  teardown:
    if: github.event.action == 'closed'
    runs-on: ubuntu-latest
    timeout-minutes: 5
    steps:
      - uses: actions/checkout@v4
      - run: ci/teardown.sh \${{ github.event.pull_request.number }}
`;
}

function readme(team: string): string {
  return `# ${team}-infra

The ${team} team's services on the platform's golden path, with [Paved](https://www.npmjs.com/package/paved).

\`\`\`sh
npm install && npm test && npm run synth   # snapshot tests, then dist/*.k8s.yaml, the catalog and the policy and cost reports
\`\`\`

- \`main.ts\` declares the services; \`platform.ts\` the organisation's conventions.
- \`npm run test:update\` accepts an intended change to the snapshots.
- CI (\`.github/workflows/paved.yaml\`) tests, synthesizes, uploads policy findings to code scanning, publishes
  \`paved/manifests\` for Argo CD and Backstage on the default branch, and a preview for each pull request labelled \`preview\`.
`;
}
