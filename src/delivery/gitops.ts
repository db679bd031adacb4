import { ApiObject, App, Chart, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { AppProject } from './app-project';
import { ApplicationSet } from './application-set';
import { ArgoApplication } from './argo-application';
import { RESOURCES_FINALIZER } from './argo-cd';
import { GitOpsProps } from './gitops-props';
import { ResolvedGitOps, ResolvedPreviews, resolveGitOps } from './gitops-validation';
import { syncPolicy } from './sync-policy';
import { Environment } from '../environment/environment';
import { PreviewNames } from '../environment/preview-names';
import { PavedError } from '../errors';
import { requireKnownProps } from '../known-props';
import { Labels } from '../platform/labels';
import { ownerLabels } from '../platform/owner-labels';
import { Policy } from '../policy/policy';
import { chartManifestFile } from '../synth/chart-files';
import { show } from '../validate';

/** The only cluster-scoped kind an app deploys: its own Namespace, which goes when the app goes. */
const NAMESPACE_KIND = { group: '', kind: 'Namespace' };

/**
 * The namespaces a team's previews may deploy to, as Argo CD globs: `namespace` with one to ten
 * digits (no leading zero) in place of the pull request (`payments-pr-[1-9]`,
 * `payments-pr-[1-9][0-9]`, ...). Exactly the team's preview namespaces: a single
 * `payments-pr-[0-9]*` would also match `payments-pr-1x-pr-2`, a preview of team `payments-pr-1x`.
 *
 * @internal
 */
export function previewNamespaceGlobs(team: string, application?: string): string[] {
  const template = PreviewNames.namespaceTemplate(team, application);
  return Array.from({ length: PreviewNames.MAX_PULL_REQUEST_DIGITS }, (_, extra) =>
    template.replace(PreviewNames.PULL_REQUEST_NUMBER_TEMPLATE, `[1-9]${'[0-9]'.repeat(extra)}`));
}

/**
 * A team's deployment through Argo CD: a chart in the platform's Argo CD namespace with, for
 * each environment, an AppProject that may deploy only that environment's namespace from only
 * the team's repository, and an Application that keeps the namespace in line with the
 * environment's manifest file on the branch CI publishes to.
 *
 * With `previews`, an ApplicationSet adds an Application for every open pull request (deploying
 * the branch `PreviewNames.publishBranch(team, n)` to `PreviewNames.namespace(team, n)`), in a project
 * limited to the team's preview namespaces; when the pull request closes, Argo CD deletes the
 * Application and, through its finalizer, everything it deployed, namespace included.
 *
 * Create it after the environments it deploys:
 *
 * ```ts
 * new GitOps(app, 'gitops', {
 *   platform, team: 'payments',
 *   repoURL: 'https://github.com/acme/payments-infra',
 *   environments: [staging, prod],
 *   previews: { github: { owner: 'acme', repo: 'payments-infra' } },
 * });
 * ```
 */
export class GitOps extends Chart {
  /** The team whose environments are deployed. */
  public readonly team: string;
  /** The repository Argo CD reads the manifests from. */
  public readonly repoURL: string;
  /** The branch environments are deployed from. */
  public readonly revision: string;
  /** One AppProject per environment, in the order of `environments`. */
  public readonly projects: ApiObject[];
  /** One Application per environment, in the order of `environments`. */
  public readonly applications: ApiObject[];
  /** The AppProject of the team's previews, with `previews`. */
  public readonly previewProject?: ApiObject;
  /** The ApplicationSet that makes one Application per open pull request, with `previews`. */
  public readonly applicationSet?: ApiObject;

  constructor(scope: Construct, id: string, props: GitOpsProps) {
    const path = scope.node.path ? `${scope.node.path}/${id}` : id;
    requireKnownProps(path, 'GitOpsProps', props);
    const resolved = resolveGitOps(scope, path, props);
    const settings = resolved.platform.gitops;
    const previewName = resolved.previews ? PreviewNames.projectName(resolved.team, resolved.previews.application) : undefined;
    const clash = resolved.environments.find((env) => env.namespace === previewName);
    if (clash) {
      throw new PavedError(path, `environment ${clash.node.path} has namespace ${show(previewName)}, the name of the team's preview project; rename the environment or set previews.application`);
    }

    super(scope, id, {
      namespace: settings.namespace,
      labels: ownerLabels(resolved.platform.labels, resolved.team),
    });
    // An app whose only chart is this one is still checked against policy.
    Policy.of(this);
    this.team = resolved.team;
    this.repoURL = resolved.repoURL;
    this.revision = resolved.revision;

    this.projects = [];
    this.applications = [];
    for (const env of resolved.environments) {
      const [project, application] = this.deployEnvironment(env, resolved, settings.destinationServer);
      this.projects.push(project);
      this.applications.push(application);
    }
    if (resolved.previews && previewName) {
      [this.previewProject, this.applicationSet] = this.deployPreviews(resolved.previews, previewName, resolved, settings.destinationServer);
    }
  }

  private deployEnvironment(env: Environment, resolved: ResolvedGitOps, server: string): [ApiObject, ApiObject] {
    const name = env.namespace!;
    const project = new AppProject(this, `${env.node.id}-project`, {
      metadata: { name, labels: ownLabels(name) },
      spec: {
        description: `${resolved.team}: environment ${name} (${env.tier.name})`,
        sourceRepos: [resolved.repoURL],
        destinations: [{ server, namespace: name }],
        clusterResourceWhitelist: [NAMESPACE_KIND],
      },
    });
    const app = App.of(env);
    const application = new ArgoApplication(this, `${env.node.id}-application`, {
      metadata: { name, labels: ownLabels(name), finalizers: [RESOURCES_FINALIZER] },
      spec: {
        project: name,
        source: {
          repoURL: resolved.repoURL,
          targetRevision: resolved.revision,
          path: '.',
          // Resolved at synth: the file's name depends on every chart in the app, including
          // charts added after this one.
          include: Lazy.any({ produce: () => chartManifestFile(app, env) }),
        },
        destination: { server, namespace: name },
        syncPolicy: syncPolicy(resolved.automated ? { prune: resolved.prune, selfHeal: resolved.selfHeal } : undefined),
      },
    });
    return [project, application];
  }

  private deployPreviews(previews: ResolvedPreviews, name: string, resolved: ResolvedGitOps, server: string): [ApiObject, ApiObject] {
    const project = new AppProject(this, 'previews-project', {
      metadata: { name, labels: ownLabels(name) },
      spec: {
        description: `${resolved.team}: pull request previews of ${previews.owner}/${previews.repo}`,
        sourceRepos: [resolved.repoURL],
        destinations: previewNamespaceGlobs(resolved.team, previews.application).map((namespace) => ({ server, namespace })),
        clusterResourceWhitelist: [NAMESPACE_KIND],
      },
    });
    const namespace = PreviewNames.namespaceTemplate(resolved.team, previews.application);
    const extension = App.of(this).outputFileExtension;
    const applicationSet = new ApplicationSet(this, 'previews', {
      metadata: { name, labels: ownLabels(name) },
      pullRequests: {
        owner: previews.owner,
        repo: previews.repo,
        labels: previews.labels,
        tokenSecretName: previews.tokenSecretName,
        requeueAfterSeconds: previews.requeueAfterSeconds,
      },
      template: {
        metadata: {
          name: namespace,
          labels: { ...this.labels, ...ownLabels(namespace) },
          finalizers: [RESOURCES_FINALIZER],
        },
        spec: {
          // A fixed project, never templated: a pull request cannot widen where it deploys.
          project: name,
          source: {
            repoURL: resolved.repoURL,
            targetRevision: PreviewNames.publishBranchTemplate(resolved.team, previews.application),
            path: '.',
            // The preview branch holds one preview's manifests; reports beside them are not manifests.
            include: `*${extension}`,
          },
          destination: { server, namespace },
          syncPolicy: syncPolicy({ prune: true, selfHeal: true }),
        },
      },
    });
    return [project, applicationSet];
  }
}

function ownLabels(name: string): { [key: string]: string } {
  return { [Labels.NAME]: name, [Labels.COMPONENT]: 'gitops' };
}
