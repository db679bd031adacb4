import { readFileSync } from 'fs';
import { join } from 'path';
import { entitySchemaValidator, locationEntityV1alpha1Validator } from '@backstage/catalog-model';
import Ajv from 'ajv';
import * as YAML from 'yaml';
import { TEMPLATE_DIR, ciScripts, committedSkeleton, pavedManifest, skeletonFiles } from './team-repo-skeleton';
import { TeamRepoOptions, teamRepoFiles } from '../../src/init/team-repo';

const template = YAML.parse(readFileSync(join(TEMPLATE_DIR, 'template.yaml'), 'utf8'));
const steps: any[] = template.spec.steps;
const step = (action: string) => steps.find((s) => s.action === action);
const fetch = step('fetch:template');
/** Every form field, from every page of the form. */
const fields: { [name: string]: any } = Object.assign({}, ...template.spec.parameters.map((p: any) => p.properties));
const required: string[] = template.spec.parameters.flatMap((p: any) => p.required ?? []);

/** What the portal's form submits for these answers: RepoUrlPicker writes `github.com?owner=..&repo=..`. */
function parametersFor(options: TeamRepoOptions): { [name: string]: string } {
  const [, owner, repo] = /^https:\/\/github\.com\/([^/]+)\/([^/]+)$/.exec(options.repository)!;
  return { team: options.team, domain: options.domain, registry: options.registry, platformName: options.platformName ?? fields.platformName.default, repoUrl: `github.com?owner=${owner}&repo=${repo}` };
}

/**
 * The template's expressions in the two forms it uses — a parameter, and a part of the
 * repository picked by Backstage's parseRepoUrl filter — evaluated as Backstage does. Any other
 * expression fails: this is a check of the template, not a template engine.
 */
function evaluate(expression: string, parameters: { [name: string]: string }): string {
  const parameter = /^\$\{\{ parameters\.(\w+) \}\}$/.exec(expression);
  if (parameter) return parameters[parameter[1]];
  const part = /^\$\{\{ \(parameters\.repoUrl \| parseRepoUrl\)\.(owner|repo) \}\}$/.exec(expression);
  if (part) return new URLSearchParams(parameters.repoUrl.split('?')[1]).get(part[1])!;
  if (!expression.includes('${{')) return expression;
  throw new Error(`the template uses an expression this test cannot evaluate: ${expression}`);
}

/** Whether fetch:template copies `path` as it is (`copyWithoutTemplating` globs of the form `dir/**`). */
function copiedAsIs(path: string): boolean {
  return (fetch.input.copyWithoutTemplating as string[]).some((glob) => path.startsWith(glob.replace(/\*\*$/, '')));
}

/** The repository the template writes for `options`: the skeleton, rendered with the fetch step's values. */
function rendered(options: TeamRepoOptions): Map<string, string> {
  const parameters = parametersFor(options);
  const values = Object.fromEntries(Object.entries(fetch.input.values).map(([k, v]) => [k, evaluate(String(v), parameters)]));
  const files = new Map<string, string>();
  for (const [path, content] of committedSkeleton()) {
    if (copiedAsIs(path)) {
      files.set(path, content);
      continue;
    }
    // Nunjucks, as Backstage configures it: `${{ }}` for values, `{% %}` and `{# #}` for tags and comments.
    expect({ path, tags: content.match(/\{%|\{#/g) }).toEqual({ path, tags: null });
    files.set(path, content.replace(/\$\{\{ ?([^}]*?) ?\}\}/g, (_all, reference: string) => {
      const [, name] = /^values\.(\w+)$/.exec(reference) ?? [];
      if (name === undefined || !(name in values)) throw new Error(`${path}: \${{ ${reference} }} is not one of the fetch step's values (${Object.keys(values).join(', ')})`);
      return values[name];
    }));
  }
  return files;
}

describe('templates/team-repo', () => {
  test('is a scaffolder.backstage.io/v1beta3 Template the catalog accepts', () => {
    expect(template).toMatchObject({ apiVersion: 'scaffolder.backstage.io/v1beta3', kind: 'Template', metadata: { name: 'paved-team-repo' } });
    expect(entitySchemaValidator()(template)).toBe(template);
    expect(typeof template.spec.owner).toBe('string');
    expect(typeof template.spec.type).toBe('string');
  });

  test('writes the files paved init writes, published to GitHub and registered in the catalog', () => {
    expect(steps.map((s) => s.action)).toEqual(['fetch:template', 'publish:github', 'catalog:register']);
    expect(fetch.input.url).toBe('./skeleton');
    expect(step('publish:github').input.repoUrl).toBe('${{ parameters.repoUrl }}');
    expect(step('catalog:register').input).toEqual({ repoContentsUrl: "${{ steps['publish'].output.repoContentsUrl }}", catalogInfoPath: '/catalog-info.yaml' });
    expect(steps.map((s) => s.id)).toEqual(['fetch', 'publish', 'register']);
    expect(template.spec.output.links.map((l: any) => l.url ?? l.entityRef)).toEqual(["${{ steps['publish'].output.remoteUrl }}", "${{ steps['register'].output.entityRef }}"]);
  });

  test('asks what paved init asks, and requires what it requires', () => {
    // paved init's flags, and the form field for each (the repository through Backstage's picker).
    const flags = { team: 'team', domain: 'domain', registry: 'registry', repository: 'repoUrl', platformName: 'platformName' };
    expect(Object.keys(fields).sort()).toEqual(Object.values(flags).sort());
    expect(fields.repoUrl['ui:field']).toBe('RepoUrlPicker');
    expect(required.sort()).toEqual(['domain', 'platformName', 'registry', 'repoUrl', 'team']);
    // The one optional flag of paved init has a default in the form, which the platform team sets.
    expect(fields.platformName.default).toMatch(/^[a-z0-9-]+$/);
  });

  test('the form accepts exactly the answers paved init accepts', () => {
    const ajv = new Ajv({ strict: false });
    const validate = (field: string, value: string) => ajv.validate({ type: 'object', properties: { [field]: fields[field] } }, { [field]: value });
    const base: TeamRepoOptions = { team: 'payments', domain: 'apps.acme.dev', registry: 'registry.acme.dev', repository: 'https://github.com/acme/payments-infra', platformName: 'acme' };
    const samples: { [field: string]: string[] } = {
      team: ['payments', 'a', 'team-2', 'Payments', '-payments', 'payments-', 'pay_ments', 'x'.repeat(63), 'x'.repeat(64), ''],
      domain: ['apps.acme.dev', 'acme.dev', 'Apps.acme.dev', 'apps..acme.dev', '.acme.dev', `${'a'.repeat(63)}.dev`, `${'a'.repeat(64)}.dev`, `${'a.'.repeat(125)}abc`, `${'a.'.repeat(126)}ab`],
      registry: ['registry.acme.dev', 'ghcr.io', 'registry.acme.dev/', 'registry acme', 'REGISTRY.io'],
      platformName: ['acme', 'acme-2', 'Acme', 'acme.dev', ''],
    };
    for (const [field, values] of Object.entries(samples)) {
      for (const value of values) {
        let initAccepts = true;
        try {
          teamRepoFiles({ ...base, [field]: value }, pavedManifest(), {});
        } catch {
          initAccepts = false;
        }
        expect({ field, value, accepted: validate(field, value) }).toEqual({ field, value, accepted: initAccepts });
      }
    }
  });

  test('the skeleton is generated from paved init (npx projen templates rewrites it)', () => {
    const generated = skeletonFiles();
    const committed = committedSkeleton();
    expect([...committed.keys()].sort()).toEqual([...generated.keys()].sort());
    for (const [path, content] of generated) {
      if (committed.get(path) !== content) throw new Error(`templates/team-repo/skeleton/${path} is stale: run \`npx projen templates\` and commit it`);
    }
  });

  test.each([
    { team: 'payments', domain: 'apps.acme.dev', registry: 'registry.acme.dev', repository: 'https://github.com/acme/payments-infra', platformName: 'acme' },
    { team: 'search-2', domain: 'example.org', registry: 'ghcr.io', repository: 'https://github.com/example-org/search.infra', platformName: 'orbit' },
  ])('for $team, the template writes byte for byte what paved init writes', (options) => {
    const expected = teamRepoFiles(options, { ...pavedManifest(), version: fetch.input.values.pavedVersion }, ciScripts());
    const files = rendered(options);
    expect([...files.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [path, content] of expected) expect({ path, content: files.get(path) }).toEqual({ path, content });
  });

  test('the catalog-info.yaml it registers is a Location Backstage accepts, for the published catalog', async () => {
    const location = YAML.parse(rendered({ team: 'payments', domain: 'apps.acme.dev', registry: 'registry.acme.dev', repository: 'https://github.com/acme/payments-infra', platformName: 'acme' }).get('catalog-info.yaml')!);
    expect(await locationEntityV1alpha1Validator.check(location)).toBe(true);
    expect(location.spec.targets).toEqual(['https://github.com/acme/payments-infra/blob/paved/manifests/catalog-info.yaml']);
  });

  test('pins a released Paved', () => {
    expect(fetch.input.values.pavedVersion).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
