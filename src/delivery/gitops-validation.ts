import { App, Duration, YamlOutputType } from 'cdk8s';
import { Construct } from 'constructs';
import { GitOpsProps } from './gitops-props';
import { Environment } from '../environment/environment';
import { PreviewEnvironment } from '../environment/preview-environment';
import { PreviewNames, requirePreviewNames } from '../environment/preview-names';
import { PavedError } from '../errors';
import { Platform } from '../platform/platform';
import { Tier } from '../platform/tier';
import { describe, requireDnsLabel, requireDnsSubdomain, requireLabelValue, show } from '../validate';

/** `https://host[:port]/path`, with no user info: a credential in the URL would be published in git. */
const HTTPS_URL = /^https:\/\/[A-Za-z0-9.-]+(:\d+)?\/[A-Za-z0-9._~\/-]+$/;
/** `ssh://[user@]host[:port]/path`; the key lives in Argo CD's repository credentials. */
const SSH_URL = /^ssh:\/\/([A-Za-z0-9._-]+@)?[A-Za-z0-9.-]+(:\d+)?\/[A-Za-z0-9._~\/-]+$/;
/** The scp-like form git and Argo CD accept: `git@github.com:acme/payments-infra.git`. */
const SCP_URL = /^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[A-Za-z0-9._~-][A-Za-z0-9._~\/-]*$/;
/** GitHub owners: letters, digits and single inner hyphens. */
const GITHUB_OWNER = /^[A-Za-z0-9](-?[A-Za-z0-9])*$/;
/** GitHub repository names. */
const GITHUB_REPO = /^[A-Za-z0-9._-]+$/;

/** GitOps props checked, with every default filled in. @internal */
export interface ResolvedGitOps {
  readonly platform: Platform;
  readonly team: string;
  readonly repoURL: string;
  readonly revision: string;
  readonly environments: Environment[];
  readonly automated: boolean;
  readonly prune: boolean;
  readonly selfHeal: boolean;
  readonly previews?: ResolvedPreviews;
}

/** Preview options checked, with every default filled in. @internal */
export interface ResolvedPreviews {
  readonly owner: string;
  readonly repo: string;
  readonly labels: string[];
  readonly tokenSecretName?: string;
  readonly application?: string;
  readonly requeueAfterSeconds: number;
}

/** Checks a `GitOps` chart's props where they enter, before the chart joins the tree. @internal */
export function resolveGitOps(scope: Construct, path: string, props: GitOpsProps): ResolvedGitOps {
  if (!(props.platform instanceof Platform)) {
    throw new PavedError(path, 'platform must be a Platform (new Platform({ name, domain, registries }))');
  }
  requireDnsLabel(path, 'team', props.team);
  requireLabelValue(path, 'team', props.team);
  requireRepoUrl(path, props.repoURL);
  const revision = props.revision ?? 'paved/manifests';
  requireBranch(path, 'revision', revision);
  requireOnePerChart(scope, path);
  const previews = props.previews === undefined ? undefined : resolvePreviews(path, props.team, props.previews);
  const environments = resolveEnvironments(scope, path, props, previews !== undefined);
  requireDeployablePreviews(scope, path, props.team, previews);
  const sync = props.sync ?? {};
  const automated = requireBoolean(path, 'sync.automated', sync.automated, true);
  const prune = requireBoolean(path, 'sync.prune', sync.prune, true);
  const selfHeal = requireBoolean(path, 'sync.selfHeal', sync.selfHeal, true);
  if (!automated) {
    // Prune and self-heal are parts of automated sync; asking for them without it would be ignored silently.
    for (const [prop, value] of [['prune', sync.prune], ['selfHeal', sync.selfHeal]] as const) {
      if (value === true) throw new PavedError(path, `sync.${prop} (true) needs sync.automated; with sync.automated false Argo CD never prunes or self-heals: remove sync.${prop} or set sync.automated`);
    }
  }
  return { platform: props.platform, team: props.team, repoURL: props.repoURL, revision, environments, automated, prune, selfHeal, previews };
}

function requireRepoUrl(path: string, url: string): void {
  if (typeof url !== 'string' || !(HTTPS_URL.test(url) || SSH_URL.test(url) || SCP_URL.test(url))) {
    throw new PavedError(path, `repoURL ${show(url)} must be a git repository's https or ssh URL without credentials, e.g. https://github.com/acme/payments-infra or git@github.com:acme/payments-infra.git`);
  }
}

/** What `git check-ref-format --branch` accepts, less the rarely used corners. */
function requireBranch(path: string, prop: string, branch: string): void {
  const valid = typeof branch === 'string'
    && /^[A-Za-z0-9._\/-]+$/.test(branch)
    && !/(^[-\/.])|([\/.]$)|\.\.|\/\/|\/\.|\.lock$|\.lock\//.test(branch);
  if (!valid) {
    throw new PavedError(path, `${prop} ${show(branch)} must be a git branch name: letters, digits, ".", "_", "-" and "/", not starting with "-", "/" or "." nor containing ".."`);
  }
}

function requireBoolean(path: string, prop: string, value: boolean | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new PavedError(path, `${prop} (${show(value)}) must be true or false`);
  return value;
}

/** Each environment's Application reads its own chart's file, so the app must write one file per chart. */
function requireOnePerChart(scope: Construct, path: string): void {
  const root = scope.node.root;
  if (root instanceof App && root.yamlOutputType !== YamlOutputType.FILE_PER_CHART) {
    throw new PavedError(path, `the app's yamlOutputType (${YamlOutputType[root.yamlOutputType]}) must be FILE_PER_CHART: each environment's Application deploys its chart's own manifest file`);
  }
}

function resolveEnvironments(scope: Construct, path: string, props: GitOpsProps, hasPreviews: boolean): Environment[] {
  if (!Array.isArray(props.environments)) {
    throw new PavedError(path, `environments (${show(props.environments)}) must be a list of Environments`);
  }
  const seen = new Map<string, number>();
  props.environments.forEach((env, i) => {
    const prop = `environments[${i}]`;
    if (!Environment.isEnvironment(env)) {
      throw new PavedError(path, `${prop} (${describe(env)}) is not an Environment; list the team's Environment charts (new Environment(app, 'payments-prod', ...))`);
    }
    if (env.tier.name === Tier.PREVIEW.name) {
      throw new PavedError(path, `${prop} (${env.node.path}) is a preview; previews are deployed by the ApplicationSet of \`previews\`, one per pull request: remove it from environments`);
    }
    if (env.team !== props.team) {
      throw new PavedError(path, `${prop} (${env.node.path}) belongs to team ${show(env.team)}, not ${show(props.team)}; each team deploys its own environments`);
    }
    if (env.node.root !== scope.node.root) {
      throw new PavedError(path, `${prop} (${env.node.path}) is in another app; its manifest file is only known to the app that synthesizes it`);
    }
    const first = seen.get(env.namespace!);
    if (first !== undefined) {
      throw new PavedError(path, `${prop} (${env.node.path}) repeats namespace ${show(env.namespace)} of environments[${first}]; list each environment once`);
    }
    seen.set(env.namespace!, i);
  });
  if (props.environments.length === 0 && !hasPreviews) {
    throw new PavedError(path, 'environments ([]) must list at least one Environment, unless previews is set');
  }
  return [...props.environments];
}

/**
 * A team's PreviewEnvironment already in the app must be one the ApplicationSet deploys: same
 * application, so the namespace it synthesizes is the one Argo CD's template renders. Otherwise
 * CI would publish manifests that no Application ever syncs.
 */
function requireDeployablePreviews(scope: Construct, path: string, team: string, previews: ResolvedPreviews | undefined): void {
  const root = scope.node.root;
  if (!(root instanceof App)) return;
  for (const preview of root.charts.filter((c): c is PreviewEnvironment => PreviewEnvironment.isPreviewEnvironment(c))) {
    if (preview.team !== team) continue;
    if (!previews) {
      throw new PavedError(path, `previews is not set, but the app holds preview ${preview.node.path}: set previews so an ApplicationSet deploys it`);
    }
    if (preview.application !== previews.application) {
      throw new PavedError(path, `previews.application (${show(previews.application)}) differs from preview ${preview.node.path}'s application (${show(preview.application)}): `
        + `the ApplicationSet would deploy namespace ${PreviewNames.namespace(team, preview.pullRequest, previews.application)}, not ${preview.namespace}`);
    }
  }
}

function resolvePreviews(path: string, team: string, previews: GitOpsProps['previews'] & object): ResolvedPreviews {
  const github = previews.github;
  if (github === null || typeof github !== 'object') {
    throw new PavedError(path, `previews.github (${show(github)}) must name the repository: { owner: 'acme', repo: 'payments-infra' }`);
  }
  if (typeof github.owner !== 'string' || github.owner.length > 39 || !GITHUB_OWNER.test(github.owner)) {
    throw new PavedError(path, `previews.github.owner ${show(github.owner)} must be a GitHub organisation or user name: letters, digits and single inner "-", at most 39 characters`);
  }
  if (typeof github.repo !== 'string' || github.repo.length > 100 || !GITHUB_REPO.test(github.repo) || github.repo === '.' || github.repo === '..') {
    throw new PavedError(path, `previews.github.repo ${show(github.repo)} must be a GitHub repository name: letters, digits, ".", "_" and "-", at most 100 characters`);
  }
  const labels = github.labels ?? [];
  if (!Array.isArray(labels)) throw new PavedError(path, `previews.github.labels (${show(labels)}) must be a list of pull request label names`);
  labels.forEach((label, i) => {
    if (typeof label !== 'string' || label.trim() === '' || label.includes(',')) {
      throw new PavedError(path, `previews.github.labels[${i}] ${show(label)} must be a non-empty GitHub label name without ","`);
    }
  });
  if (github.tokenSecretName !== undefined) requireDnsSubdomain(path, 'previews.github.tokenSecretName', github.tokenSecretName);
  requirePreviewNames(path, 'team', team, 'previews.application', previews.application);
  const requeueAfter = previews.requeueAfter ?? Duration.minutes(3);
  const millis = requeueAfter instanceof Duration ? requeueAfter.toMilliseconds() : NaN;
  if (!Number.isInteger(millis / 1000) || millis < 1000) {
    throw new PavedError(path, `previews.requeueAfter (${requeueAfter instanceof Duration ? `${millis} ms` : show(requeueAfter)}) must be a Duration of whole seconds, at least 1 second (e.g. Duration.minutes(3))`);
  }
  return {
    owner: github.owner,
    repo: github.repo,
    labels: [...labels],
    tokenSecretName: github.tokenSecretName,
    application: previews.application,
    requeueAfterSeconds: millis / 1000,
  };
}

