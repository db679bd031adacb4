import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { Environment, EnvironmentBudget } from './environment';
import { PreviewNames, requirePreviewNames } from './preview-names';
import { PavedError } from '../errors';
import { requireKnownProps } from '../known-props';
import { Platform } from '../platform/platform';
import { Tier } from '../platform/tier';
import { requireInteger, show } from '../validate';
import { PreviewUrl } from './preview-url';
import { compareStrings } from '../compare';
import { formatTtl, requireTtl } from '../platform/preview-settings';

/** kube-janitor deletes a resource this long after its creation (`7d`, `36h`). */
export const JANITOR_TTL_ANNOTATION = 'janitor/ttl';
/** The pull request a preview belongs to, on its Namespace. */
export const PULL_REQUEST_LABEL = 'paved.dev/pull-request';
/** The pull request's web page, on the preview's Namespace. */
export const PULL_REQUEST_URL_ANNOTATION = 'paved.dev/pull-request-url';
/** The repository the pull request was opened against, on the preview's Namespace. */
export const REPOSITORY_ANNOTATION = 'paved.dev/repository';

/** How a PreviewEnvironment is recognised across copies of the library. */
const PREVIEW_SYMBOL = Symbol.for('paved.PreviewEnvironment');

/** GitHub, GitLab and Bitbucket all serve repositories over https. */
const REPOSITORY_URL = /^https:\/\/[a-z0-9.-]+(:\d+)?\/[A-Za-z0-9._~\/-]+$/;

/** Props of a `PreviewEnvironment`. */
export interface PreviewEnvironmentProps {
  /** The organisation's conventions. */
  readonly platform: Platform;
  /** The team that owns the services under review, a DNS label (e.g. `payments`). */
  readonly team: string;
  /** The pull request the preview is for: a whole number above zero. */
  readonly pullRequest: number;
  /**
   * Tells apart two repositories of one team, whose pull request numbers overlap: becomes part
   * of the namespace, hosts and branch (`payments--orders-pr-142`). Must match the `GitOps` previews'
   * `application`.
   *
   * @default - none: the namespace is `<team>-pr-<n>`
   */
  readonly application?: string;
  /**
   * How long after its creation the janitor deletes the preview, should the pull request never
   * be closed (closing it deletes the preview at once, through Argo CD). At most the platform's
   * `previews.maxTtl`.
   *
   * @default - the platform's `previews.defaultTtl` (7 days unless the platform changed it)
   */
  readonly ttl?: Duration;
  /**
   * The repository's web address (e.g. `https://github.com/acme/payments-infra`), to link the
   * preview to its pull request (`<repository>/pull/<n>`).
   *
   * @default - the preview names its pull request by number only
   */
  readonly repository?: string;
  /**
   * What the preview may cost a month.
   *
   * @default - no budget: the estimate is reported, never judged
   */
  readonly budget?: EnvironmentBudget;
}

/**
 * A short-lived environment for one pull request: the preview tier (one replica per service,
 * no disruption budgets, the preview quota, in-cluster seeded dependencies), in a namespace
 * derived from the team and pull request number, expired by kube-janitor as a backstop, and
 * with every exposed service on a host of its own (`pr-142.orders-api.payments.preview.<domain>`).
 *
 * Security rules stay enforced as in every tier. Each synth prints the preview's URLs and writes
 * them to `paved-reports/paved-previews.json` for CI to post on the pull request.
 */
export class PreviewEnvironment extends Environment {
  /** Whether `x` is a PreviewEnvironment (works across copies of the library). */
  public static isPreviewEnvironment(x: any): x is PreviewEnvironment {
    return x !== null && typeof x === 'object' && PREVIEW_SYMBOL in x;
  }

  /** The pull request the preview is for. */
  public readonly pullRequest: number;
  /** The application name within the team, when one was given. */
  public readonly application?: string;
  /** How long after creation the janitor deletes the preview. */
  public readonly ttl: Duration;
  /** The pull request's web page, when the repository was given. */
  public readonly pullRequestUrl?: string;
  /** The git branch CI publishes the preview's manifests to and Argo CD deploys them from. */
  public readonly publishBranch: string;

  constructor(scope: Construct, id: string, props: PreviewEnvironmentProps) {
    const path = scope.node.path ? `${scope.node.path}/${id}` : id;
    requireKnownProps(path, 'PreviewEnvironmentProps', props);
    if (!(props.platform instanceof Platform)) {
      throw new PavedError(path, 'platform must be a Platform (new Platform({ name, domain, registries }))');
    }
    const previews = props.platform.previews;
    requireInteger(path, 'pullRequest', props.pullRequest, 1, 10 ** PreviewNames.MAX_PULL_REQUEST_DIGITS - 1);
    requirePreviewNames(path, 'team', props.team, 'application', props.application);
    const ttl = props.ttl ?? previews.defaultTtl;
    requireTtl(path, 'ttl', ttl);
    if (ttl.toSeconds() > previews.maxTtl.toSeconds()) {
      throw new PavedError(path, `ttl (${formatTtl(ttl)}) exceeds the platform's maximum for previews (${formatTtl(previews.maxTtl)}); set a shorter ttl, or raise previews.maxTtl on the Platform`);
    }
    if (props.repository !== undefined && (typeof props.repository !== 'string' || !REPOSITORY_URL.test(props.repository))) {
      throw new PavedError(path, `repository ${show(props.repository)} must be the repository's https address, e.g. https://github.com/acme/payments-infra`);
    }

    super(scope, id, {
      platform: props.platform,
      tier: Tier.PREVIEW,
      team: props.team,
      namespace: PreviewNames.namespace(props.team, props.pullRequest, props.application),
      budget: props.budget,
    });
    Object.defineProperty(this, PREVIEW_SYMBOL, { value: true });
    this.pullRequest = props.pullRequest;
    this.application = props.application;
    this.ttl = ttl;
    this.publishBranch = PreviewNames.publishBranch(props.team, props.pullRequest, props.application);
    this.pullRequestUrl = props.repository ? `${props.repository.replace(/\/+$/, '')}/pull/${props.pullRequest}` : undefined;

    const metadata = this.namespaceObject.metadata;
    metadata.addLabel(PULL_REQUEST_LABEL, String(props.pullRequest));
    // The Namespace goes, and everything in it with it: one annotation expires the whole preview.
    metadata.addAnnotation(JANITOR_TTL_ANNOTATION, formatTtl(ttl));
    if (props.repository) metadata.addAnnotation(REPOSITORY_ANNOTATION, props.repository);
    if (this.pullRequestUrl) metadata.addAnnotation(PULL_REQUEST_URL_ANNOTATION, this.pullRequestUrl);
  }

  /** The URL of every exposed service in the preview, by service name. */
  public urls(): PreviewUrl[] {
    return [...this._exposures()]
      .map(([service, host]) => ({ service, url: `https://${host}` }))
      .sort((a, b) => compareStrings(a.service, b.service));
  }

  /**
   * Every exposed service answers on a host of the preview's own, whatever host its shared
   * definition declares for other environments.
   *
   * @internal
   */
  public _ingressHost(service: string, _declaredHost: string): string {
    const host = PreviewNames.host(this.platform.previews.domain, service, this.team, this.pullRequest, this.application);
    // Each part is a label already; only the whole can outgrow DNS (253 characters), with a long preview domain.
    if (host.length > 253) {
      throw new PavedError(`${this.node.path}/${service}`, `the preview host ${show(host)} is ${host.length} characters, over DNS's 253; shorten the service name or the platform's previews.domain`);
    }
    return host;
  }
}
