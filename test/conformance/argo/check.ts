// Argo, against Argo itself.
//
// 1. Every Rollout and AnalysisTemplate Paved emits passes Argo Rollouts' own validation, run as
//    its controllers run it (the rollouts harness): zero errors. Failing twins, made through
//    escape hatches, must each be rejected with Argo's own words.
// 2. Paved's preview ApplicationSet, rendered by Argo CD's ApplicationSet code (its PullRequest
//    generator listing a GitHub API on the loopback address, then GenerateApplications), makes for
//    each labelled pull request the Application that deploys exactly what Paved's preview synth
//    made for that pull request: CI synthesizes the app for the pull request and publishes the
//    preview with the example's own ci/publish.sh to a local git remote; the rendered Application
//    must be named and deploy into the preview's namespace, from the branch CI published, and read
//    exactly the published manifest there (Argo CD's directory-source matching), and be let
//    deploy there by the preview AppProject (Argo CD's own project checks). Pull requests
//    without the generator's labels get none. Failing twins prove the comparison can fail.
//
// Usage: ts-node check.ts <rollouts harness> <applicationset harness> <work dir> <rollouts version> <argo-cd version>
// The synth stages the composition root registers, as in a team's app and in jest (setupFiles).
import '../../support/synth-stages';
import { execFileSync, spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { basename, join, posix } from 'path';
import { ApiObject, JsonPatch, Testing } from 'cdk8s';
import * as YAML from 'yaml';
import { failingTwins, Group, PreviewRepository, previewRepositories, PullRequest, rolloutGroups } from './corpus';
import { GitOps } from '../../../src/delivery/gitops';

const PUBLISH = join(__dirname, '..', '..', '..', 'examples', 'preview', 'ci', 'publish.sh');

function harness(binary: string, input: string, payload: unknown): any {
  writeFileSync(input, JSON.stringify(payload));
  const r = spawnSync(binary, [input], { encoding: 'utf-8', maxBuffer: 1024 * 1024 * 1024 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${binary} exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout).results;
}

interface RolloutResult { source: string; kind: string; name: string; errors: string[] }

function checkRollouts(binary: string, work: string, record: (ok: boolean, message: string) => void): string {
  const groups = rolloutGroups();
  const twins = failingTwins();
  const results: RolloutResult[] = harness(binary, join(work, 'rollouts.json'), { groups: [...groups, ...twins.map((t) => t.group)] });
  const count = (gs: Group[], kind: string) => gs.reduce((n, g) => n + g.objects.filter((o) => o.apiVersion === 'argoproj.io/v1alpha1' && o.kind === kind).length, 0);
  const sources = new Set(groups.map((g) => g.source));
  const corpus = results.filter((r) => sources.has(r.source));
  for (const r of corpus) record(r.errors.length === 0, `${r.source} ${r.kind}/${r.name}: Argo Rollouts rejects it:\n    ${r.errors.join('\n    ')}`);
  const rollouts = corpus.filter((r) => r.kind === 'Rollout').length;
  const templates = corpus.filter((r) => r.kind === 'AnalysisTemplate').length;
  // Every object reached validation: none was dropped on the way, and there is something to check.
  record(rollouts === count(groups, 'Rollout') && rollouts > 0, `${rollouts} Rollout results for ${count(groups, 'Rollout')} Rollouts`);
  record(templates === count(groups, 'AnalysisTemplate') && templates > 0, `${templates} AnalysisTemplate results for ${count(groups, 'AnalysisTemplate')} AnalysisTemplates`);
  for (const t of twins) {
    const got = results.filter((r) => r.source === t.group.source && r.kind === t.kind);
    record(got.some((r) => r.errors.some((e) => t.expected.test(e))),
      `twin "${t.name}": expected a ${t.kind} error matching ${t.expected}, got ${JSON.stringify(got.map((r) => r.errors))}`);
  }
  return `${rollouts} Rollouts and ${templates} AnalysisTemplates validated in ${groups.length} namespaces, ${twins.length} failing twins rejected`;
}

/** What CI made for one pull request: the preview report's entry, and the published branch. */
interface Published {
  readonly pull: PullRequest;
  readonly namespace: string;
  readonly publishBranch: string;
  readonly manifest: string;
  readonly objects: any[];
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

type Repository = { remote: string; checkout: string };

/** A remote and a checkout to publish from, as a team repository's CI has them. */
function repository(work: string): Repository {
  const root = mkdtempSync(join(work, 'repo-'));
  const remote = join(root, 'remote.git');
  const checkout = join(root, 'checkout');
  execFileSync('git', ['init', '--quiet', '--bare', remote]);
  execFileSync('git', ['init', '--quiet', checkout]);
  git(checkout, 'remote', 'add', 'origin', remote);
  writeFileSync(join(checkout, 'main.ts'), '// the team repo\n');
  git(checkout, 'add', '.');
  git(checkout, '-c', 'user.name=dev', '-c', 'user.email=dev@acme.dev', 'commit', '--quiet', '-m', 'init');
  return { remote, checkout };
}

/** The preview ApplicationSet of `app`'s GitOps chart, and the AppProject its Applications belong to. */
function applicationSetOf(app: ReturnType<typeof Testing.app>): { json: any; object: ApiObject; project: any; projectObject: ApiObject } {
  // By shape, not class: the example's GitOps comes from the package's build, not from src/.
  const gitops = app.charts.find((c) => (c as GitOps).applicationSet !== undefined) as GitOps;
  const object = gitops.applicationSet!;
  const inNamespace = (json: any) => ({ ...json, metadata: { ...json.metadata, namespace: gitops.namespace } });
  const projectObject = gitops.previewProject!;
  return { json: inNamespace(object.toJson()), object, project: inNamespace(projectObject.toJson()), projectObject };
}

/** Synthesizes `repo` for pull request `pull` as CI does and publishes its preview. */
function publish(repo: PreviewRepository, pull: PullRequest, git_: Repository): { published: Published; applicationSet: any } {
  const app = repo.build(Testing.app(), pull.number);
  const applicationSet = applicationSetOf(app).json;
  const log = console.error;
  console.error = () => undefined;
  try {
    app.synth();
  } finally {
    console.error = log;
  }
  const { previews } = JSON.parse(readFileSync(join(app.outdir, 'paved-reports', 'paved-previews.json'), 'utf8'));
  const entry = previews.find((p: any) => p.pullRequest === pull.number);
  if (!entry) throw new Error(`${repo.source}: the synth for pull request ${pull.number} reports no preview of it`);
  const file = join(app.outdir, entry.manifest);
  const r = spawnSync(PUBLISH, [entry.publishBranch, file], { cwd: git_.checkout, encoding: 'utf8', env: { ...process.env, PAVED_REMOTE: git_.remote } });
  if (r.status !== 0) throw new Error(`publish.sh ${entry.publishBranch}: ${r.stderr}`);
  const objects = YAML.parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJSON()).filter((o) => o);
  return { published: { pull, namespace: entry.namespace, publishBranch: entry.publishBranch, manifest: entry.manifest, objects }, applicationSet };
}

/** Every branch of `remote` and the files on it. */
function branches(remote: string): { [branch: string]: string[] } {
  const refs = git(remote, 'for-each-ref', '--format=%(refname:short)', 'refs/heads/').split('\n').filter((b) => b);
  return Object.fromEntries(refs.map((b) => [b, git(remote, 'ls-tree', '-r', '--name-only', `refs/heads/${b}`).split('\n').filter((f) => f)]));
}

/** The fields of the Application rendered for `p` that must equal what CI made; each mismatch. */
function compare(app: any, manifests: string[] | undefined, permitted: { destination: boolean; source: boolean } | undefined,
  tree: { [branch: string]: string[] }, p: Published, fields: { n: number }): string[] {
  const problems: string[] = [];
  const expect = (what: string, got: unknown, want: unknown) => {
    fields.n++;
    if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`PR ${p.pull.number} (${p.pull.branch}): ${what} is ${JSON.stringify(got)}, the preview synth's is ${JSON.stringify(want)}`);
  };
  const source = app?.spec?.source ?? {};
  const onBranch = (tree[p.publishBranch] ?? []).find((f) => basename(f) === basename(p.manifest));
  expect('metadata.name', app?.metadata?.name, p.namespace);
  expect('spec.destination.namespace', app?.spec?.destination?.namespace, p.namespace);
  expect('spec.source.targetRevision', source.targetRevision, p.publishBranch);
  expect('spec.source.path', posix.normalize(source.path ?? ''), onBranch === undefined ? '(the published file)' : posix.dirname(onBranch));
  expect('the manifests Argo CD reads there', manifests, onBranch === undefined ? [] : [onBranch]);
  const namespaces = [...new Set(p.objects.filter((o) => o.kind !== 'Namespace').map((o) => o.metadata?.namespace))];
  expect('the namespace of the published objects', [app?.spec?.destination?.namespace], namespaces);
  // The preview AppProject must let the Application deploy there, from there, or Argo CD refuses to sync it.
  expect('permitted by the preview AppProject', permitted, { destination: true, source: true });
  return problems;
}

/** A patched copy of a repository's GitOps objects, and the words that must catch it. */
interface TwinCase { readonly name: string; readonly caughtBy: RegExp; readonly published: Published[]; readonly payload: any }

/** The pull requests the generator's labels select, as GitHub's service in Argo CD filters them. */
function selected(applicationSet: any, pulls: PullRequest[]): PullRequest[] {
  const labels: string[] = applicationSet.spec.generators[0].pullRequest.github.labels ?? [];
  return pulls.filter((p) => labels.every((l) => p.labels.includes(l)));
}

function checkApplicationSets(binary: string, work: string, record: (ok: boolean, message: string) => void): string {
  const fields = { n: 0 };
  let rendered = 0;
  let skipped = 0;
  const twinCases: TwinCase[] = [];
  const cases: Array<{ payload: any; published: Published[]; repo: PreviewRepository }> = [];
  for (const repo of previewRepositories()) {
    const remote = repository(work);
    const first = repo.build(Testing.app(), repo.pullRequests[0].number);
    const { json: applicationSet, project: appProject } = applicationSetOf(first);
    const published: Published[] = [];
    for (const pull of selected(applicationSet, repo.pullRequests)) {
      const made = publish(repo, pull, remote);
      // One ApplicationSet serves every pull request: what CI synthesizes must not depend on which.
      record(JSON.stringify(made.applicationSet) === JSON.stringify(applicationSet), `${repo.source}: the ApplicationSet synthesized for PR ${pull.number} differs from the one for PR ${repo.pullRequests[0].number}`);
      published.push(made.published);
    }
    skipped += repo.pullRequests.length - published.length;
    const payload = { source: repo.source, applicationSet, appProject, token: repo.token ?? '', branches: branches(remote.remote), pullRequests: repo.pullRequests };
    cases.push({ payload, published, repo });
    if (twinCases.length === 0) {
      // Twins of the first repository's GitOps objects, patched through the escape hatch; each
      // names what must catch it: the comparison (a field that differs) or Argo CD (an error).
      const twin = (name: string, caughtBy: RegExp, patch: (objects: { object: ApiObject; projectObject: ApiObject }) => void): TwinCase => {
        const app = repo.build(Testing.app(), repo.pullRequests[0].number);
        patch(applicationSetOf(app));
        const { json, project } = applicationSetOf(app);
        return { name, caughtBy, published, payload: { ...payload, source: `twin/${name}`, applicationSet: json, appProject: project } };
      };
      twinCases.push(
        twin('namespace from the branch', /spec\.destination\.namespace/, ({ object }) =>
          object.addJsonPatch(JsonPatch.replace('/spec/template/spec/destination/namespace', 'payments-{{.branch_slug}}'))),
        twin('a misspelt parameter', /map has no entry for key "numbr"/, ({ object }) =>
          object.addJsonPatch(JsonPatch.replace('/spec/template/spec/source/targetRevision', 'paved/preview/payments-pr-{{.numbr}}'))),
        twin('a project for one-digit pull requests', /permitted by the preview AppProject/, ({ projectObject }) =>
          projectObject.addJsonPatch(JsonPatch.replace('/spec/destinations', [{ server: 'https://kubernetes.default.svc', namespace: 'payments-pr-[1-9]' }]))),
      );
    }
  }
  const results = harness(binary, join(work, 'applicationsets.json'), { cases: [...cases, ...twinCases].map((c) => c.payload) });
  cases.forEach((c, i) => {
    const r = results[i];
    record(!r.error, `${c.repo.source}: Argo CD fails to render the ApplicationSet: ${r.error}`);
    const apps = r.applications ?? [];
    record(apps.length === c.published.length, `${c.repo.source}: Argo CD renders ${apps.length} Applications for the ${c.published.length} pull requests with the generator's labels (${apps.map((a: any) => a.metadata.name).join(', ')})`);
    c.published.forEach((p, k) => {
      rendered++;
      const app = apps[k];
      for (const problem of compare(app, r.manifests?.[app?.metadata?.name], r.permitted?.[app?.metadata?.name], c.payload.branches, p, fields)) record(false, `${c.repo.source}: ${problem}`);
    });
  });
  twinCases.forEach((t, i) => {
    const r = results[cases.length + i];
    const caught = [r.error ?? '', ...t.published.flatMap((p, k) => {
      const app = r.applications?.[k];
      return compare(app, r.manifests?.[app?.metadata?.name], r.permitted?.[app?.metadata?.name], t.payload.branches, p, { n: 0 });
    })];
    record(caught.some((m) => t.caughtBy.test(m)), `twin "${t.name}": nothing matching ${t.caughtBy} caught it (${JSON.stringify(caught).slice(0, 500)})`);
  });
  return `${rendered} pull requests rendered in ${cases.length} ApplicationSets (${skipped} without the labels, rendered to none), ${fields.n} fields compared, ${twinCases.length} failing twins caught`;
}

function main(): void {
  const [rollouts, applicationSets, work, rolloutsVersion, argoCdVersion] = process.argv.slice(2);
  if (!rollouts || !applicationSets || !work || !rolloutsVersion || !argoCdVersion) {
    throw new Error('usage: check.ts <rollouts harness> <applicationset harness> <work dir> <rollouts version> <argo-cd version>');
  }
  mkdirSync(work, { recursive: true });
  const problems: string[] = [];
  let passed = 0;
  const record = (ok: boolean, message: string) => {
    if (ok) passed++;
    else problems.push(message);
  };
  const ro = checkRollouts(rollouts, work, record);
  const as = checkApplicationSets(applicationSets, work, record);
  console.log(`argo: github.com/argoproj/argo-rollouts ${rolloutsVersion}: ${ro}`);
  console.log(`argo: github.com/argoproj/argo-cd/v3 ${argoCdVersion}: ${as}`);
  for (const p of problems.slice(0, 40)) console.log(`  FAIL ${p}`);
  if (problems.length > 40) console.log(`  ... and ${problems.length - 40} more`);
  console.log(`${passed} passed, ${problems.length} failed`);
  process.exitCode = problems.length === 0 ? 0 : 1;
}

main();
