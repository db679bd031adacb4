/**
 * The naming contract of pull-request previews. A `PreviewEnvironment` (at synth, for one pull
 * request), the Argo CD ApplicationSet (in the cluster, for every open pull request, through Go
 * templates) and the team's CI workflow (publishing a preview's manifests) must agree on the
 * namespace, the branch and the hosts of a preview without exchanging anything at run time:
 * each derives them here.
 *
 * A preview is identified by its team, an optional application name (to tell apart two
 * repositories of one team, whose pull request numbers overlap) and the pull request number.
 */
export class PreviewNames {
  /** The text Argo CD's pull request generator replaces with the number (`goTemplate: true`). */
  public static readonly PULL_REQUEST_NUMBER_TEMPLATE = '{{.number}}';

  /** The longest pull request number a name has room for: ten digits. */
  public static readonly MAX_PULL_REQUEST_DIGITS = 10;

  /**
   * The namespace of a preview: `<team>-pr-<n>`, or `<team>-<application>-pr-<n>`. Unique in
   * the cluster by construction, so two teams (or two repositories of one team) with the same
   * pull request number never share a namespace.
   */
  public static namespace(team: string, pullRequest: number, application?: string): string {
    return `${PreviewNames.slug(team, application)}-pr-${pullRequest}`;
  }

  /** `namespace` with the pull request number left as Argo CD's Go template placeholder. */
  public static namespaceTemplate(team: string, application?: string): string {
    return `${PreviewNames.slug(team, application)}-pr-${PreviewNames.PULL_REQUEST_NUMBER_TEMPLATE}`;
  }

  /**
   * The host an exposed service answers on in a preview:
   * `pr-<n>.<service>.<team>[-<application>].<previewDomain>`. It names the team as well as the
   * service, so two teams' `api` services in pull request 12 never claim the same host.
   */
  public static host(previewDomain: string, service: string, team: string, pullRequest: number, application?: string): string {
    return `pr-${pullRequest}.${service}.${PreviewNames.slug(team, application)}.${previewDomain}`;
  }

  /** The git branch CI publishes a preview's manifests to, and Argo CD deploys it from: `paved/preview-<n>`. */
  public static publishBranch(pullRequest: number): string {
    return `paved/preview-${pullRequest}`;
  }

  /** `publishBranch` with the pull request number left as Argo CD's Go template placeholder. */
  public static publishBranchTemplate(): string {
    return `paved/preview-${PreviewNames.PULL_REQUEST_NUMBER_TEMPLATE}`;
  }

  /**
   * The longest `<team>[-<application>]` a preview namespace has room for: a DNS label holds 63
   * characters, and `-pr-` with the longest pull request number takes 14 of them.
   */
  public static maxSlugLength(): number {
    return 63 - '-pr-'.length - PreviewNames.MAX_PULL_REQUEST_DIGITS;
  }

  private static slug(team: string, application?: string): string {
    return application ? `${team}-${application}` : team;
  }

  private constructor() {}
}
