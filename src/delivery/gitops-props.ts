import { Duration } from 'cdk8s';
import { Environment } from '../environment/environment';
import { Platform } from '../platform/platform';

/** How the Application of each environment keeps the cluster in line with git. */
export interface GitOpsSyncOptions {
  /**
   * Sync every change CI publishes without anyone pressing a button.
   *
   * @default true - git is the source of truth; a change merged is a change deployed
   */
  readonly automated?: boolean;
  /**
   * Delete resources that are no longer in the manifests (only with `automated`).
   *
   * @default true - otherwise a service removed from the code keeps running and costing
   */
  readonly prune?: boolean;
  /**
   * Revert changes made in the cluster by hand (only with `automated`).
   *
   * @default true - a `kubectl edit` that bypasses review and policy does not survive
   */
  readonly selfHeal?: boolean;
}

/** The GitHub repository whose pull requests get previews. */
export interface GitHubPullRequests {
  /** The organisation or user that owns the repository (e.g. `acme`). */
  readonly owner: string;
  /** The repository's name (e.g. `payments-infra`). */
  readonly repo: string;
  /**
   * Only pull requests carrying every one of these labels get a preview.
   *
   * @default - none: every open pull request gets a preview
   */
  readonly labels?: string[];
  /**
   * A Secret in the Argo CD namespace whose key `token` holds a GitHub token that may read the
   * repository's pull requests.
   *
   * @default - none: the repository is public, or Argo CD's own GitHub credentials apply
   * (unauthenticated calls are limited to 60 an hour, so private or busy repositories need one)
   */
  readonly tokenSecretName?: string;
}

/** Pull-request previews: an Application for every open pull request, gone when it closes. */
export interface GitOpsPreviewOptions {
  /** The repository whose pull requests are previewed. */
  readonly github: GitHubPullRequests;
  /**
   * Tells apart two repositories of one team, whose pull request numbers overlap; a DNS label.
   * Must match the `application` of the repository's `PreviewEnvironment`, which names the
   * namespace this deploys to.
   *
   * @default - none: previews live in `<team>-pr-<n>`
   */
  readonly application?: string;
  /**
   * How often Argo CD asks GitHub for open pull requests: the longest a new pull request waits
   * for its preview, and a closed one keeps it.
   *
   * @default Duration.minutes(3) - quick enough for review, and 20 calls an hour stays well
   * inside GitHub's rate limit even without a token
   */
  readonly requeueAfter?: Duration;
}

/** Props of a `GitOps` chart. */
export interface GitOpsProps {
  /** The organisation's conventions; its `gitops` settings say where Argo CD runs and deploys to. */
  readonly platform: Platform;
  /** The team whose environments these are, a DNS label (e.g. `payments`). */
  readonly team: string;
  /**
   * The git repository CI publishes the synthesized manifests to, as Argo CD clones it: an https
   * URL (`https://github.com/acme/payments-infra`) or an ssh one
   * (`git@github.com:acme/payments-infra.git`), without credentials.
   */
  readonly repoURL: string;
  /**
   * The branch CI publishes the environments' manifests to (`cdk8s synth`'s output folder at its
   * root); every environment's Application follows it.
   *
   * @default 'paved/manifests' - a branch of generated files only, so a reviewed change in the
   * code is the only way to change what runs
   */
  readonly revision?: string;
  /**
   * The environments to deploy, each from its own manifest file. Not previews: their
   * Applications come from `previews`, one per pull request. May be empty only with `previews`.
   */
  readonly environments: Environment[];
  /**
   * How environments sync.
   *
   * @default - automated, with prune and self-heal
   */
  readonly sync?: GitOpsSyncOptions;
  /**
   * An ApplicationSet that deploys a preview for every open pull request.
   *
   * @default - no previews
   */
  readonly previews?: GitOpsPreviewOptions;
}
