import * as YAML from 'yaml';
import { Errors } from '../../src/errors';
import { TEAM_REPO_TOOLCHAIN, teamRepoFiles, TeamRepoOptions } from '../../src/init/team-repo';
import { validateCatalogEntities } from '../support/catalog';

const OPTIONS: TeamRepoOptions = {
  team: 'payments',
  domain: 'apps.acme.dev',
  registry: 'registry.acme.dev',
  repository: 'https://github.com/acme/payments-infra',
};
const PAVED = {
  version: '1.7.0',
  devDependencies: { 'cdk8s': '2.70.106', 'cdk8s-plus-28': '2.5.6', 'constructs': '10.8.1', 'cdk8s-cli': '^2.207.0' },
};
const SCRIPTS = { 'preview.sh': '#!/bin/sh\n', 'publish.sh': '#!/bin/sh\n' };

function files(options: Partial<TeamRepoOptions> = {}): Map<string, string> {
  return teamRepoFiles({ ...OPTIONS, ...options }, PAVED, SCRIPTS);
}

function refusal(options: Partial<TeamRepoOptions>): string {
  try {
    files(options);
  } catch (e) {
    expect(Errors.isPavedError(e)).toBe(true);
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('teamRepoFiles', () => {
  test('writes the app, its platform, a snapshot test, configuration, CI, its scripts and the catalog registration', () => {
    expect([...files().keys()].sort()).toEqual([
      '.github/workflows/paved.yaml', '.gitignore', 'README.md', 'catalog-info.yaml', 'cdk8s.yaml', 'ci/preview.sh', 'ci/publish.sh',
      'main.test.ts', 'main.ts', 'package.json', 'platform.ts', 'tsconfig.json',
    ]);
  });

  test('pins Paved and the cdk8s versions it was tested with, and a toolchain that needs no compiler API', () => {
    const pkg = JSON.parse(files().get('package.json')!);
    expect(pkg.type).toBe('module');
    expect(pkg.engines.node).toBe(TEAM_REPO_TOOLCHAIN.node);
    expect(pkg.dependencies).toEqual({ 'paved': '^1.7.0', 'cdk8s': '2.70.106', 'cdk8s-plus-28': '2.5.6', 'constructs': '10.8.1' });
    expect(pkg.devDependencies['cdk8s-cli']).toBe('2.207.0');
    expect(pkg.devDependencies.typescript).toBe(TEAM_REPO_TOOLCHAIN.typescript);
    // Node runs main.ts and its test itself: nothing here loads ts-node, ts-jest or the compiler API.
    expect(Object.keys(pkg.devDependencies)).not.toEqual(expect.arrayContaining(['ts-node']));
    expect(pkg.scripts.test).toBe('node --test main.test.ts');
    expect(YAML.parse(files().get('cdk8s.yaml')!)).toEqual({ language: 'typescript', app: 'node main.ts', output: 'dist' });
  });

  test('the app names the team, the registry, the domain and the repository it was made for', () => {
    const main = files().get('main.ts')!;
    expect(main).toContain('`registry.acme.dev/payments/api:${tag}`');
    expect(main).toContain("'api.payments.apps.acme.dev'");
    expect(main).toContain("repoURL: 'https://github.com/acme/payments-infra.git'");
    expect(main).toContain("previews: { github: { owner: 'acme', repo: 'payments-infra', labels: ['preview'] } }");
    expect(files().get('platform.ts')).toContain("name: 'acme'");
    expect(files({ platformName: 'globex' }).get('platform.ts')).toContain("name: 'globex'");
  });

  test('CI tests, synthesizes, uploads SARIF to code scanning and publishes manifests and previews', () => {
    const workflow = YAML.parse(files().get('.github/workflows/paved.yaml')!);
    expect(workflow.permissions['security-events']).toBe('write');
    const steps = workflow.jobs.synth.steps.map((s: any) => s.run ?? s.uses);
    expect(steps).toEqual([
      'actions/checkout@v4', 'actions/setup-node@v4', 'npm ci', 'npm run typecheck', 'npm test', 'npm run synth',
      'github/codeql-action/upload-sarif@v3', 'ci/publish.sh paved/manifests dist/*.k8s.yaml dist/catalog/catalog-info.yaml', 'ci/preview.sh dist',
    ]);
    expect(workflow.jobs.teardown.steps[1].run).toBe('ci/teardown.sh ${{ github.event.pull_request.number }}');
  });

  test('the catalog registration is a Location Backstage accepts, pointing at the published catalog', async () => {
    const location = YAML.parse(files().get('catalog-info.yaml')!);
    await validateCatalogEntities([location]);
    expect(location.spec.targets).toEqual(['https://github.com/acme/payments-infra/blob/paved/manifests/catalog-info.yaml']);
  });

  test.each([
    [{ team: 'Payments' }, /--team "Payments" must be a DNS-1123 label/],
    [{ domain: 'apps..acme' }, /--domain "apps..acme" must be a lower-case DNS name/],
    [{ registry: 'https://registry.acme.dev' }, /--registry "https:\/\/registry.acme.dev" must be a lower-case DNS name/],
    [{ repository: 'git@github.com:acme/payments-infra.git' }, /--repository "git@github.com:acme\/payments-infra.git" must be the repository's GitHub address/],
    [{ platformName: 'Acme Corp' }, /--platform-name "Acme Corp" must be a DNS-1123 label/],
  ])('refuses %j, naming the flag and the value', (options, message) => {
    expect(refusal(options)).toMatch(message);
  });
});
