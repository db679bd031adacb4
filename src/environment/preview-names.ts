import { PavedError } from '../errors';
import { requireDnsLabel, show } from '../validate';

/**
 * What joins a team and an application in a name, and what neither may hold.
 *
 * Why a reserved separator, and not a hash or a rule refusing ambiguous pairs: a namespace is a
 * DNS label, whose only characters are a-z, 0-9 and "-", so whatever joins team and application
 * could also appear inside one of them — unless preview names give it up. They give up "--"
 * (refused where team and application enter, `requirePreviewNames`). A team name ends, and an
 * application name starts, with a letter or digit, so the first "--" of `<team>--<application>`
 * is the join and nothing else: the slug reads back to exactly one (team, application), and the
 * slug of a team alone (no "--" at all) to one team. Every namespace then ends in `-pr-<n>`
 * after its last "-pr-" (n is digits, never a leading zero), so a namespace reads back to one
 * triple: the names are injective by construction, from the names alone. A truncated hash
 * suffix would only make collisions unlikely (and the names unreadable); a rule refusing
 * ambiguous pairs would have to know every other team's names, which no synth does.
 */
const JOIN = '--';

/** Every preview branch is one path segment under this. */
const BRANCH_PREFIX = 'paved/preview/';

/** `<team>` or `<team>--<application>`: what every preview name of a team's application starts with. */
function slugOf(team: string, application?: string): string {
  return application ? `${team}${JOIN}${application}` : team;
}

/**
 * The naming contract of pull-request previews. A `PreviewEnvironment` (at synth, for one pull
 * request), the Argo CD ApplicationSet (in the cluster, for every open pull request, through Go
 * templates) and the team's CI workflow (publishing a preview's manifests) must agree on the
 * namespace, the branch and the hosts of a preview without exchanging anything at run time:
 * each derives them here.
 *
 * A preview is identified by its team, an optional application name (to tell apart two
 * repositories of one team, whose pull request numbers overlap) and the pull request number.
 * No two distinct (team, application, pull request) share a namespace, host, publish branch or
 * Argo CD object name: team and application are joined by `--`, which neither may hold.
 */
export class PreviewNames {
  /** The text Argo CD's pull request generator replaces with the number (`goTemplate: true`). */
  public static readonly PULL_REQUEST_NUMBER_TEMPLATE = '{{.number}}';

  /** The longest pull request number a name has room for: ten digits. */
  public static readonly MAX_PULL_REQUEST_DIGITS = 10;

  /**
   * The namespace of a preview: `<team>-pr-<n>`, or `<team>--<application>-pr-<n>`. Unique in
   * the cluster by construction, so two teams (or two repositories of one team) never share a
   * namespace. Argo CD names the preview's Application the same.
   */
  public static namespace(team: string, pullRequest: number, application?: string): string {
    return PreviewNames.namespaceFor(team, String(pullRequest), application);
  }

  /** `namespace` with the pull request number left as Argo CD's Go template placeholder. */
  public static namespaceTemplate(team: string, application?: string): string {
    return PreviewNames.namespaceFor(team, PreviewNames.PULL_REQUEST_NUMBER_TEMPLATE, application);
  }

  /**
   * The host an exposed service answers on in a preview:
   * `pr-<n>.<service>.<team>.<previewDomain>`, or `pr-<n>.<service>.<application>.<team>.<previewDomain>`.
   * Dots, which no label holds, keep team and application apart; so two teams' `api` services in
   * pull request 12 never claim the same host. (A host label never holds `--` either: DNS
   * reserves it in the third and fourth characters, and certificate authorities refuse it there.)
   */
  public static host(previewDomain: string, service: string, team: string, pullRequest: number, application?: string): string {
    return [`pr-${pullRequest}`, service, ...(application ? [application] : []), team, previewDomain].join('.');
  }

  /**
   * The git branch CI publishes a preview's manifests to, and Argo CD deploys it from:
   * `paved/preview/<namespace>`. Named after the namespace, so unique wherever it is, even in a
   * repository several teams share; every preview branch is one path segment under
   * `paved/preview/`, so no branch is another's directory.
   */
  public static publishBranch(team: string, pullRequest: number, application?: string): string {
    return `${BRANCH_PREFIX}${PreviewNames.namespace(team, pullRequest, application)}`;
  }

  /** `publishBranch` with the pull request number left as Argo CD's Go template placeholder. */
  public static publishBranchTemplate(team: string, application?: string): string {
    return `${BRANCH_PREFIX}${PreviewNames.namespaceTemplate(team, application)}`;
  }

  /**
   * The name of the Argo CD AppProject and ApplicationSet of a team's previews (one pair per
   * team and application, for every pull request): `<team>[--<application>]-previews`.
   */
  public static projectName(team: string, application?: string): string {
    return `${slugOf(team, application)}-previews`;
  }

  /**
   * The longest `<team>[--<application>]` a preview namespace has room for: a DNS label holds 63
   * characters, and `-pr-` with the longest pull request number takes 14 of them.
   */
  public static maxSlugLength(): number {
    return 63 - '-pr-'.length - PreviewNames.MAX_PULL_REQUEST_DIGITS;
  }

  private static namespaceFor(team: string, pullRequest: string, application?: string): string {
    return `${slugOf(team, application)}-pr-${pullRequest}`;
  }

  private constructor() {}
}

/**
 * The one check of a preview's team and application, wherever they enter (a
 * `PreviewEnvironment`, a `GitOps` chart's `previews`): DNS labels without `--`, which joins
 * them in every preview name, short enough to leave the namespace room for any pull request.
 *
 * @internal
 */
export function requirePreviewNames(path: string, teamProp: string, team: string, applicationProp: string, application?: string): void {
  requireDnsLabel(path, teamProp, team);
  if (application !== undefined) requireDnsLabel(path, applicationProp, application);
  for (const [prop, value] of [[teamProp, team], [applicationProp, application]] as const) {
    if (value !== undefined && value.includes(JOIN)) {
      throw new PavedError(path, `${prop} ${show(value)} holds "${JOIN}", which preview names reserve to join team and application (<team>${JOIN}<application>-pr-<n>); use single hyphens`);
    }
  }
  const slug = slugOf(team, application);
  if (slug.length > PreviewNames.maxSlugLength()) {
    const what = application ? `${teamProp} and ${applicationProp} ${show(slug)} are` : `${teamProp} ${show(slug)} is`;
    throw new PavedError(path, `${what} ${slug.length} characters; a preview namespace has room for ${PreviewNames.maxSlugLength()} beside "-pr-<number>"`);
  }
}
