import * as fs from 'fs';
import { App, Duration, Testing, YamlOutputType } from 'cdk8s';
import { GitOps, previewNamespaceGlobs } from '../../src/delivery/gitops';
import { GitOpsProps } from '../../src/delivery/gitops-props';
import { Environment } from '../../src/environment/environment';
import { PreviewEnvironment } from '../../src/environment/preview-environment';
import { PreviewNames } from '../../src/environment/preview-names';
import { Errors } from '../../src/errors';
import { Tier } from '../../src/platform/tier';
import { PolicyTesting } from '../../src/policy/policy-testing';
import { errorOf } from '../support/errors';
import { everyPack, find, findAll, testEnvironment, testPlatform, testService } from '../support/fixtures';
import { manifestsOf, validateAgainstSchemas } from '../support/schema';

const REPO = 'https://github.com/acme/payments-infra';
const FINALIZER = 'resources-finalizer.argocd.argoproj.io/foreground';

/** A team app: staging and production environments with a service each, then its GitOps chart. */
function teamApp(props: Partial<GitOpsProps> = {}, app: App = Testing.app()) {
  const platform = testPlatform();
  const staging = testEnvironment(Tier.STAGING, { platform, namespace: 'payments-staging' }, app);
  const prod = testEnvironment(Tier.PRODUCTION, { platform, namespace: 'payments-prod' }, app);
  testService(staging);
  testService(prod);
  const gitops = new GitOps(app, 'gitops', {
    platform,
    team: 'payments',
    repoURL: REPO,
    environments: [staging, prod],
    previews: { github: { owner: 'acme', repo: 'payments-infra' } },
    ...props,
  });
  return { app, platform, staging, prod, gitops };
}

function synthGitOps(props: Partial<GitOpsProps> = {}): any[] {
  return Testing.synth(teamApp(props).gitops);
}

/** The Application the ApplicationSet makes for pull request `n`, as Argo CD renders its Go template. */
function renderPreview(applicationSet: any, n: number): any {
  return JSON.parse(JSON.stringify(applicationSet.spec.template).split(PreviewNames.PULL_REQUEST_NUMBER_TEMPLATE).join(String(n)));
}

/** An Argo CD destination glob as a regular expression (the patterns Paved writes use `*` and `[0-9]` only). */
function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
}

/** `app.synth()`, without the policy summary it prints on standard error. */
function quietSynth(app: App): void {
  const report = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    app.synth();
  } finally {
    report.mockRestore();
  }
}

// Baseline is part of restricted; checking both also proves the two packs agree.

describe('GitOps', () => {
  test('matches its snapshot: two environments with previews', () => {
    expect(synthGitOps()).toMatchSnapshot();
  });

  test('lives in the platform\'s Argo CD namespace, or the one the platform names', () => {
    expect(synthGitOps().map((o) => o.metadata.namespace)).toEqual(['argocd', 'argocd', 'argocd', 'argocd', 'argocd', 'argocd']);
    const app = Testing.app();
    const platform = testPlatform({ gitops: { namespace: 'gitops', destinationServer: 'https://prod.k8s.acme.dev' } });
    const env = testEnvironment(Tier.PRODUCTION, { platform }, app);
    const objects = Testing.synth(new GitOps(app, 'gitops', { platform, team: 'payments', repoURL: REPO, environments: [env] }));
    expect(objects.map((o) => o.metadata.namespace)).toEqual(['gitops', 'gitops']);
    expect(find(objects, 'AppProject').spec.destinations).toEqual([{ server: 'https://prod.k8s.acme.dev', namespace: 'payments-production' }]);
    expect(find(objects, 'Application').spec.destination.server).toBe('https://prod.k8s.acme.dev');
  });

  describe('each environment', () => {
    test('has an AppProject that may deploy exactly its namespace, only from the team\'s repository, and no cluster-scoped kind but Namespace', () => {
      const project = find(synthGitOps(), 'AppProject', 'payments-prod');
      expect(project.spec.destinations).toEqual([{ server: 'https://kubernetes.default.svc', namespace: 'payments-prod' }]);
      expect(project.spec.sourceRepos).toEqual([REPO]);
      expect(project.spec.clusterResourceWhitelist).toEqual([{ group: '', kind: 'Namespace' }]);
    });

    test('has an Application in its project, deploying its own manifest file from the manifests branch to its namespace', () => {
      const application = find(synthGitOps(), 'Application', 'payments-staging');
      expect(application.spec.project).toBe('payments-staging');
      expect(application.spec.source).toEqual({
        repoURL: REPO,
        targetRevision: 'paved/manifests',
        path: '.',
        directory: { include: 'payments-staging.k8s.yaml' },
      });
      expect(application.spec.destination).toEqual({ server: 'https://kubernetes.default.svc', namespace: 'payments-staging' });
    });

    test('syncs automatically with prune and self-heal, retrying failures, and deletes its resources with it', () => {
      const application = find(synthGitOps(), 'Application', 'payments-prod');
      expect(application.metadata.finalizers).toEqual([FINALIZER]);
      expect(application.spec.syncPolicy).toEqual({
        automated: { prune: true, selfHeal: true },
        syncOptions: ['PruneLast=true', 'FailOnSharedResource=true'],
        retry: { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '3m' } },
      });
    });

    test('never lets Argo CD create the namespace: the Namespace is one of the manifests, so it goes with the app', () => {
      for (const application of findAll(synthGitOps(), 'Application')) {
        expect(application.spec.syncPolicy.syncOptions.join(',')).not.toMatch(/CreateNamespace/);
      }
    });

    test('follows the branch named by revision', () => {
      expect(find(synthGitOps({ revision: 'release/manifests' }), 'Application', 'payments-prod').spec.source.targetRevision).toBe('release/manifests');
    });

    test.each([
      ['automated off: a person syncs', { automated: false }, undefined],
      ['prune off', { prune: false }, { prune: false, selfHeal: true }],
      ['selfHeal off', { selfHeal: false }, { prune: true, selfHeal: false }],
      ['both off', { prune: false, selfHeal: false }, { prune: false, selfHeal: false }],
    ])('sync is configurable: %s', (_name, sync, automated) => {
      const objects = synthGitOps({ sync });
      for (const application of findAll(objects, 'Application')) {
        expect(application.spec.syncPolicy.automated).toEqual(automated);
        expect(application.spec.syncPolicy.syncOptions).toEqual(['PruneLast=true', 'FailOnSharedResource=true']);
      }
      // Previews follow their pull request whatever the environments do.
      expect(find(objects, 'ApplicationSet').spec.template.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
    });

    test('the include names exactly the file app.synth() writes the environment to', () => {
      const { app, gitops } = teamApp();
      quietSynth(app);
      for (const application of findAll(Testing.synth(gitops), 'Application')) {
        expect(fs.existsSync(`${app.outdir}/${application.spec.source.directory.include}`)).toBe(true);
      }
    });

    test('the include follows cdk8s\'s numbered file names once one chart depends on another', () => {
      const { app, staging, prod, gitops } = teamApp();
      prod.addDependency(staging);
      quietSynth(app);
      const includes = findAll(Testing.synth(gitops), 'Application').map((a) => a.spec.source.directory.include);
      expect(includes).toEqual(['0000-payments-staging.k8s.yaml', '0001-payments-prod.k8s.yaml']);
      for (const include of includes) expect(fs.existsSync(`${app.outdir}/${include}`)).toBe(true);
    });

    test('the include uses the app\'s file extension', () => {
      const app = new App({ outdir: fs.mkdtempSync('/tmp/paved-gitops-'), outputFileExtension: '.yaml' });
      const { gitops } = teamApp({}, app);
      expect(find(Testing.synth(gitops), 'Application', 'payments-prod').spec.source.directory.include).toBe('payments-prod.yaml');
    });
  });

  describe('previews', () => {
    test('have an AppProject that may deploy only the team\'s preview namespaces', () => {
      const project = find(synthGitOps(), 'AppProject', 'payments-previews');
      expect(project.spec.destinations).toEqual(previewNamespaceGlobs('payments').map((namespace) => ({ server: 'https://kubernetes.default.svc', namespace })));
      expect(project.spec.destinations.slice(0, 2).map((d: any) => d.namespace)).toEqual(['payments-pr-[1-9]', 'payments-pr-[1-9][0-9]']);
      expect(project.spec.sourceRepos).toEqual([REPO]);
      expect(project.spec.clusterResourceWhitelist).toEqual([{ group: '', kind: 'Namespace' }]);
    });

    test('the preview glob admits every preview namespace of the team, and nothing else', () => {
      const globs = previewNamespaceGlobs('payments').map(globToRegExp);
      const admitted = (namespace: string) => globs.some((glob) => glob.test(namespace));
      expect(admitted(PreviewNames.namespace('payments', 1))).toBe(true);
      expect(admitted(PreviewNames.namespace('payments', 42))).toBe(true);
      expect(admitted(PreviewNames.namespace('payments', 9999999999))).toBe(true);
      expect(admitted('payments-prod')).toBe(false);
      expect(admitted('payments-pr-01')).toBe(false);
      expect(admitted(PreviewNames.namespace('payments', 7, 'orders'))).toBe(false);
      expect(admitted(PreviewNames.namespace('payments', 7, 'pr'))).toBe(false);
      expect(admitted(PreviewNames.namespace('billing', 7))).toBe(false);
      // Another team whose name starts like this team's previews: a trailing "*" would admit it.
      expect(admitted(PreviewNames.namespace('payments-pr-1x', 2))).toBe(false);
      expect(previewNamespaceGlobs('payments', 'orders')[0]).toBe('payments--orders-pr-[1-9]');
    });

    test('come from an ApplicationSet with Go templates that fail on a missing key', () => {
      const set = find(synthGitOps(), 'ApplicationSet', 'payments-previews');
      expect(set.spec.goTemplate).toBe(true);
      expect(set.spec.goTemplateOptions).toEqual(['missingkey=error']);
    });

    test('the generator lists the GitHub repository\'s pull requests every 3 minutes by default', () => {
      expect(find(synthGitOps(), 'ApplicationSet').spec.generators).toEqual([{
        pullRequest: { github: { owner: 'acme', repo: 'payments-infra' }, requeueAfterSeconds: 180 },
      }]);
    });

    test('the generator takes labels, a token Secret and a polling interval', () => {
      const set = find(synthGitOps({
        previews: { github: { owner: 'acme', repo: 'payments-infra', labels: ['preview', 'safe-to-test'], tokenSecretName: 'github-token' }, requeueAfter: Duration.seconds(60) },
      }), 'ApplicationSet');
      expect(set.spec.generators).toEqual([{
        pullRequest: {
          github: { owner: 'acme', repo: 'payments-infra', labels: ['preview', 'safe-to-test'], tokenRef: { secretName: 'github-token', key: 'token' } },
          requeueAfterSeconds: 60,
        },
      }]);
    });

    test('the template makes an Application per pull request in the previews project, deleting its resources with it', () => {
      const template = find(synthGitOps(), 'ApplicationSet').spec.template;
      expect(template.metadata.name).toBe('payments-pr-{{.number}}');
      expect(template.metadata.finalizers).toEqual([FINALIZER]);
      expect(template.spec).toEqual({
        project: 'payments-previews',
        source: { repoURL: REPO, targetRevision: 'paved/preview/payments-pr-{{.number}}', path: '.', directory: { include: '*.k8s.yaml' } },
        destination: { server: 'https://kubernetes.default.svc', namespace: 'payments-pr-{{.number}}' },
        syncPolicy: {
          automated: { prune: true, selfHeal: true },
          syncOptions: ['PruneLast=true', 'FailOnSharedResource=true'],
          retry: { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '3m' } },
        },
      });
    });

    test('for pull request 142 the template names what PreviewNames names, inside the project\'s glob', () => {
      const objects = synthGitOps();
      const rendered = renderPreview(find(objects, 'ApplicationSet'), 142);
      expect(rendered.metadata.name).toBe(PreviewNames.namespace('payments', 142));
      expect(rendered.spec.destination.namespace).toBe(PreviewNames.namespace('payments', 142));
      expect(rendered.spec.source.targetRevision).toBe(PreviewNames.publishBranch('payments', 142));
      const globs = find(objects, 'AppProject', 'payments-previews').spec.destinations.map((d: any) => globToRegExp(d.namespace));
      expect(globs.filter((glob: RegExp) => glob.test(rendered.spec.destination.namespace))).toHaveLength(1);
    });

    test('with an application name, agree with that application\'s PreviewNames', () => {
      const objects = synthGitOps({ previews: { github: { owner: 'acme', repo: 'orders' }, application: 'orders' } });
      const set = find(objects, 'ApplicationSet', 'payments--orders-previews');
      const rendered = renderPreview(set, 142);
      expect(rendered.metadata.name).toBe(PreviewNames.namespace('payments', 142, 'orders'));
      expect(rendered.spec.destination.namespace).toBe(PreviewNames.namespace('payments', 142, 'orders'));
      expect(rendered.spec.source.targetRevision).toBe(PreviewNames.publishBranch('payments', 142, 'orders'));
      expect(rendered.spec.project).toBe('payments--orders-previews');
      expect(find(objects, 'AppProject', 'payments--orders-previews').spec.destinations[0].namespace).toBe('payments--orders-pr-[1-9]');
    });

    test('without previews there is no ApplicationSet and no previews project', () => {
      const { gitops } = teamApp({ previews: undefined });
      expect(gitops.applicationSet).toBeUndefined();
      expect(gitops.previewProject).toBeUndefined();
      expect(Testing.synth(gitops).map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
        'AppProject/payments-staging', 'Application/payments-staging', 'AppProject/payments-prod', 'Application/payments-prod',
      ]);
    });

    test('previews alone need no environment', () => {
      const app = Testing.app();
      const gitops = new GitOps(app, 'gitops', { platform: testPlatform(), team: 'payments', repoURL: REPO, environments: [], previews: { github: { owner: 'acme', repo: 'payments-infra' } } });
      expect(Testing.synth(gitops).map((o) => o.kind)).toEqual(['AppProject', 'ApplicationSet']);
    });
  });

  test('exposes every object it generates', () => {
    const { gitops } = teamApp();
    expect(gitops.projects.map((p) => p.name)).toEqual(['payments-staging', 'payments-prod']);
    expect(gitops.applications.map((a) => a.name)).toEqual(['payments-staging', 'payments-prod']);
    expect(gitops.previewProject?.name).toBe('payments-previews');
    expect(gitops.applicationSet?.name).toBe('payments-previews');
    expect(gitops.revision).toBe('paved/manifests');
  });

  test('every object carries the standard labels and the owner team', () => {
    for (const object of synthGitOps()) {
      expect(object.metadata.labels).toEqual({
        'app.kubernetes.io/name': object.metadata.name,
        'app.kubernetes.io/component': 'gitops',
        'app.kubernetes.io/part-of': 'payments',
        'app.kubernetes.io/managed-by': 'paved',
        'paved.dev/team': 'payments',
      });
    }
  });

  test('the platform\'s own labels are added to every object and every preview Application', () => {
    const app = Testing.app();
    const platform = testPlatform({ labels: { 'acme.dev/cost-centre': 'cc-42' } });
    const env = testEnvironment(Tier.PRODUCTION, { platform }, app);
    const objects = Testing.synth(new GitOps(app, 'gitops', { platform, team: 'payments', repoURL: REPO, environments: [env], previews: { github: { owner: 'acme', repo: 'payments-infra' } } }));
    for (const object of objects) expect(object.metadata.labels['acme.dev/cost-centre']).toBe('cc-42');
    expect(find(objects, 'ApplicationSet').spec.template.metadata.labels).toMatchObject({ 'acme.dev/cost-centre': 'cc-42', 'paved.dev/team': 'payments', 'app.kubernetes.io/name': 'payments-pr-{{.number}}' });
  });

  // Found against a real API server: a finalizer name without a path draws a warning on every
  // apply ("prefer a domain-qualified finalizer name including a path").
  test('every finalizer, preview Applications\' included, is domain-qualified with a path', () => {
    const objects = synthGitOps();
    const templates = objects.filter((o) => o.kind === 'ApplicationSet').map((o) => o.spec.template);
    const finalizers = [...objects, ...templates].flatMap((o) => o.metadata.finalizers ?? []);
    expect(finalizers.length).toBeGreaterThan(1);
    for (const f of finalizers) expect(f).toMatch(/^[a-z0-9.-]+\.[a-z]+\/[a-z0-9._-]+$/);
  });

  test('every object validates against the upstream Argo CD schemas', () => {
    const { gitops } = teamApp({ previews: { github: { owner: 'acme', repo: 'payments-infra', labels: ['preview'], tokenSecretName: 'github-token' }, application: 'orders' } });
    const objects = manifestsOf(gitops);
    expect(objects.map((o) => o.kind).sort()).toEqual(['AppProject', 'AppProject', 'AppProject', 'Application', 'Application', 'ApplicationSet']);
    validateAgainstSchemas(objects);
  });

  test('passes every rule pack without a single finding, though checked with the strictest context', () => {
    PolicyTesting.assertPasses(teamApp().gitops, { packs: everyPack() });
  });

  test('an app with a GitOps chart synthesizes under its platform\'s policy with no finding', () => {
    const { app } = teamApp();
    const report = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(() => app.synth()).not.toThrow();
      PolicyTesting.assertPasses(app, { packs: everyPack() });
    } finally {
      report.mockRestore();
    }
  });

  test('synthesizing twice gives identical output', () => {
    expect(synthGitOps()).toEqual(synthGitOps());
  });

  test.each([
    ['https', 'https://github.com/acme/payments-infra.git'],
    ['ssh', 'ssh://git@github.com/acme/payments-infra.git'],
    ['scp-like ssh', 'git@github.com:acme/payments-infra.git'],
    ['https with a port', 'https://git.acme.dev:8443/payments/infra'],
  ])('accepts an %s repoURL', (_name, repoURL) => {
    expect(find(synthGitOps({ repoURL }), 'Application', 'payments-prod').spec.source.repoURL).toBe(repoURL);
  });
});

type Overrides = Partial<GitOpsProps> | ((envs: { app: App; staging: Environment; prod: Environment }) => Partial<GitOpsProps>);

describe('GitOps errors', () => {
  /** The error `new GitOps(...)` throws with `props` over the team app's, checking it is a PavedError and the chart never joined the tree. */
  function errorWith(props: Overrides, app: App = Testing.app()): string {
    const platform = testPlatform();
    const staging = testEnvironment(Tier.STAGING, { platform, namespace: 'payments-staging' }, app);
    const prod = testEnvironment(Tier.PRODUCTION, { platform, namespace: 'payments-prod' }, app);
    const overrides = typeof props === 'function' ? props({ app, staging, prod }) : props;
    const error = errorOf(() => new GitOps(app, 'gitops', {
      platform, team: 'payments', repoURL: REPO, environments: [staging, prod], ...overrides,
    }));
    expect(Errors.isPavedError(error)).toBe(true);
    expect(app.node.tryFindChild('gitops')).toBeUndefined();
    return error.message;
  }

  test('platform must be a Platform', () => {
    expect(errorWith({ platform: {} as any })).toBe('gitops: platform must be a Platform (new Platform({ name, domain, registries }))');
  });

  test('team must be a DNS label', () => {
    expect(errorWith({ team: 'Payments' })).toMatch(/^gitops: team "Payments" must be a DNS-1123 label/);
  });

  test.each([
    ['plain http', 'http://github.com/acme/payments-infra', 'http://github.com/acme/payments-infra'],
    // The error quotes the URL with its password masked: it must not repeat the credential it refuses.
    ['credentials in the URL', 'https://ci:hunter2@github.com/acme/payments-infra', 'https://ci:****@github.com/acme/payments-infra'],
    ['no path', 'https://github.com', 'https://github.com'],
    ['not a URL', 'payments-infra', 'payments-infra'],
  ])('repoURL must be an https or ssh git URL without credentials: %s', (_name, repoURL, quoted) => {
    expect(errorWith({ repoURL })).toBe(`gitops: repoURL ${JSON.stringify(quoted)} must be a git repository's https or ssh URL without credentials, e.g. https://github.com/acme/payments-infra or git@github.com:acme/payments-infra.git`);
  });

  test.each(['', 'paved manifests', '-x', 'paved/../main', 'main.lock', 'paved/'])('revision must be a branch name: %j', (revision) => {
    expect(errorWith({ revision })).toMatch(new RegExp(`^gitops: revision ${JSON.stringify(revision).replace(/[.*+?^${}()|[\]\\\/]/g, '\\$&')} must be a git branch name`));
  });

  test('the app must write one file per chart', () => {
    const app = new App({ outdir: fs.mkdtempSync('/tmp/paved-gitops-'), yamlOutputType: YamlOutputType.FILE_PER_APP });
    expect(errorWith({}, app)).toBe("gitops: the app's yamlOutputType (FILE_PER_APP) must be FILE_PER_CHART: each environment's Application deploys its chart's own manifest file");
  });

  test('environments must be a list', () => {
    expect(errorWith({ environments: 'payments-prod' as any })).toBe('gitops: environments ("payments-prod") must be a list of Environments');
  });

  test('environments may hold Environments only', () => {
    expect(errorWith(({ prod }) => ({ environments: [prod, { namespace: 'x' } as any] })))
      .toBe('gitops: environments[1] ({"namespace":"x"}) is not an Environment; list the team\'s Environment charts (new Environment(app, \'payments-prod\', ...))');
  });

  test('environments may not hold a preview: previews come from the ApplicationSet', () => {
    expect(errorWith(({ app, prod }) => ({
      environments: [prod, new Environment(app, 'payments-pr-142', { platform: testPlatform(), tier: Tier.PREVIEW, team: 'payments' })],
    }))).toBe('gitops: environments[1] (payments-pr-142) is a preview; previews are deployed by the ApplicationSet of `previews`, one per pull request: remove it from environments');
  });

  test('environments may not repeat one', () => {
    expect(errorWith(({ staging, prod }) => ({ environments: [staging, prod, staging] })))
      .toBe('gitops: environments[2] (payments-staging) repeats namespace "payments-staging" of environments[0]; list each environment once');
  });

  test('environments belong to the team', () => {
    expect(errorWith(({ app, prod }) => ({
      environments: [prod, testEnvironment(Tier.STAGING, { team: 'billing', namespace: 'billing-staging' }, app)],
    })))
      .toBe('gitops: environments[1] (billing-staging) belongs to team "billing", not "payments"; each team deploys its own environments');
  });

  test('environments belong to the same app', () => {
    expect(errorWith(({ prod }) => ({ environments: [prod, testEnvironment(Tier.STAGING, { namespace: 'payments-qa' })] })))
      .toBe('gitops: environments[1] (payments-qa) is in another app; its manifest file is only known to the app that synthesizes it');
  });

  test('environments may be empty only with previews', () => {
    expect(errorWith({ environments: [] })).toBe('gitops: environments ([]) must list at least one Environment, unless previews is set');
  });

  test('an environment may not take the name of the previews project', () => {
    expect(errorWith(({ app }) => ({
      environments: [testEnvironment(Tier.STAGING, { namespace: 'payments-previews' }, app)],
      previews: { github: { owner: 'acme', repo: 'payments-infra' } },
    }))).toBe('gitops: environment payments-previews has namespace "payments-previews", the name of the team\'s preview project; rename the environment or set previews.application');
  });

  test.each(['prune', 'selfHeal'] as const)('sync.%s cannot be asked for without automated sync', (prop) => {
    expect(errorWith({ sync: { automated: false, [prop]: true } }))
      .toBe(`gitops: sync.${prop} (true) needs sync.automated; with sync.automated false Argo CD never prunes or self-heals: remove sync.${prop} or set sync.automated`);
  });

  test('sync options are booleans', () => {
    expect(errorWith({ sync: { automated: 'yes' as any } })).toBe('gitops: sync.automated ("yes") must be true or false');
  });

  describe('previews', () => {
    const previews = (github: any, rest: any = {}) => ({ previews: { github, ...rest } });

    test('github must name the repository', () => {
      expect(errorWith(previews(undefined))).toBe("gitops: previews.github (undefined) must name the repository: { owner: 'acme', repo: 'payments-infra' }");
    });

    test('github.owner must be a GitHub name', () => {
      expect(errorWith(previews({ owner: 'acme corp', repo: 'x' })))
        .toBe('gitops: previews.github.owner "acme corp" must be a GitHub organisation or user name: letters, digits and single inner "-", at most 39 characters');
    });

    test('github.repo must be a GitHub repository name', () => {
      expect(errorWith(previews({ owner: 'acme', repo: 'payments/infra' })))
        .toBe('gitops: previews.github.repo "payments/infra" must be a GitHub repository name: letters, digits, ".", "_" and "-", at most 100 characters');
    });

    test('github.labels must be label names', () => {
      expect(errorWith(previews({ owner: 'acme', repo: 'x', labels: ['preview', ' '] })))
        .toBe('gitops: previews.github.labels[1] " " must be a non-empty GitHub label name without ","');
    });

    test('github.tokenSecretName must be a Secret name', () => {
      expect(errorWith(previews({ owner: 'acme', repo: 'x', tokenSecretName: 'GitHub_Token' })))
        .toMatch(/^gitops: previews\.github\.tokenSecretName "GitHub_Token" must be a lower-case DNS name/);
    });

    test('application must be a DNS label', () => {
      expect(errorWith(previews({ owner: 'acme', repo: 'x' }, { application: 'Orders' })))
        .toMatch(/^gitops: previews\.application "Orders" must be a DNS-1123 label/);
    });

    test('team and application must leave room for the pull request number', () => {
      expect(errorWith(previews({ owner: 'acme', repo: 'x' }, { application: 'a'.repeat(40) })))
        .toBe(`gitops: team and previews.application "payments--${'a'.repeat(40)}" are 50 characters; a preview namespace has room for 49 beside "-pr-<number>"`);
      expect(() => synthGitOps({ previews: { github: { owner: 'acme', repo: 'x' }, application: 'a'.repeat(39) } })).not.toThrow();
    });

    test('application may not hold "--", which joins team and application in preview names', () => {
      expect(errorWith(previews({ owner: 'acme', repo: 'x' }, { application: 'orders--eu' })))
        .toBe('gitops: previews.application "orders--eu" holds "--", which preview names reserve to join team and application (<team>--<application>-pr-<n>); use single hyphens');
      expect(() => synthGitOps({ previews: { github: { owner: 'acme', repo: 'x' }, application: 'orders-eu' } })).not.toThrow();
    });

    test.each([
      ['under a second', Duration.millis(500), '500 ms'],
      ['not whole seconds', Duration.millis(1500), '1500 ms'],
      ['not a Duration', 180 as any, '180'],
    ])('requeueAfter must be whole seconds: %s', (_name, requeueAfter, shown) => {
      expect(errorWith(previews({ owner: 'acme', repo: 'x' }, { requeueAfter })))
        .toBe(`gitops: previews.requeueAfter (${shown}) must be a Duration of whole seconds, at least 1 second (e.g. Duration.minutes(3))`);
    });
  });
  describe('previews already in the app', () => {
    const withPreview = (application?: string) => (({ app }: { app: App }) => {
      new PreviewEnvironment(app, 'payments-pr-142', { platform: testPlatform(), team: 'payments', pullRequest: 142, application });
      return {};
    });

    test('must be deployable by the ApplicationSet: previews must be set', () => {
      expect(errorWith(withPreview())).toBe('gitops: previews is not set, but the app holds preview payments-pr-142: set previews so an ApplicationSet deploys it');
    });

    test('must have the application the ApplicationSet renders', () => {
      const app = Testing.app();
      withPreview('orders')({ app });
      expect(errorWith({ previews: { github: { owner: 'acme', repo: 'x' } } }, app)).toBe(
        'gitops: previews.application (undefined) differs from preview payments-pr-142\'s application ("orders"): '
        + 'the ApplicationSet would deploy namespace payments-pr-142, not payments--orders-pr-142');
    });

    test('of another team are left to that team\'s GitOps', () => {
      const app = Testing.app();
      new PreviewEnvironment(app, 'checkout-pr-7', { platform: testPlatform(), team: 'checkout', pullRequest: 7 });
      const prod = testEnvironment(Tier.PRODUCTION, { namespace: 'payments-prod' }, app);
      expect(() => new GitOps(app, 'gitops', { platform: testPlatform(), team: 'payments', repoURL: REPO, environments: [prod] })).not.toThrow();
    });
  });
});
