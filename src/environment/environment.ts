import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import { PavedError } from '../errors';
import { requireKnownProps } from '../known-props';
import { GuardrailFacts } from './environment-facts';
import { declarePeer } from '../network/declared-peers';
import { BUDGET_ANNOTATION } from '../platform/annotations';
import { Labels } from '../platform/labels';
import { Platform } from '../platform/platform';
import { podSecurityLabels } from '../platform/pod-security';
import { Tier } from '../platform/tier';
import { TierSettings } from '../platform/tier-settings';
import { joinSynth } from '../synth/synth-pipeline';
import { requireDnsLabel, requireLabelValue, show } from '../validate';
import { environmentGuardrails, RESERVED_PREFIX } from './environment-guardrails';
import { ownerLabels } from '../platform/owner-labels';

export { RESERVED_PREFIX };

const ENVIRONMENT_SYMBOL = Symbol.for('paved.Environment');

/** Props of an `Environment`. */
export interface EnvironmentProps {
  /** The organisation's conventions. */
  readonly platform: Platform;
  /** The stage this environment serves; drives replica floors, budgets, spread and quota. */
  readonly tier: Tier;
  /** The team that owns everything in the environment, a DNS label (e.g. `payments`). */
  readonly team: string;
  /**
   * The Kubernetes namespace.
   *
   * @default - the construct id
   */
  readonly namespace?: string;
  /**
   * What the environment may cost a month. The `cost.environment-budget` rule compares the
   * estimate against it, with the enforcement the platform's policy gives that rule in this tier.
   *
   * @default - no budget: the estimate is reported, never judged
   */
  readonly budget?: EnvironmentBudget;
}

/** An environment's monthly budget. */
export interface EnvironmentBudget {
  /** US dollars a month, more than zero. */
  readonly monthlyUsd: number;
}

/**
 * One namespace in one tier: a cdk8s Chart that owns the Namespace (admitting only pods that
 * meet Pod Security "restricted"), a default-deny NetworkPolicy for ingress and egress with DNS
 * allowed, and a ResourceQuota and LimitRange sized by the tier.
 */
export class Environment extends Chart {
  /** Whether `x` is an Environment (works across copies of the library). */
  public static isEnvironment(x: any): x is Environment {
    return x !== null && typeof x === 'object' && ENVIRONMENT_SYMBOL in x;
  }

  /**
   * The Environment that `construct` belongs to.
   *
   * @throws PavedError when `construct` is not inside an Environment
   */
  public static enclosing(construct: IConstruct): Environment {
    const env = nearestEnvironment(construct);
    if (!env) throw outsideEnvironment(construct.node.scope ?? construct, construct.node.id, construct.constructor.name);
    return env;
  }

  /** The organisation's conventions. */
  public readonly platform: Platform;
  /** The stage this environment serves. */
  public readonly tier: Tier;
  /** The team that owns the environment. */
  public readonly team: string;
  /** What the tier means on this platform. */
  public readonly settings: TierSettings;
  /** The monthly budget, when one was set. */
  public readonly budget?: EnvironmentBudget;

  /** The Namespace. Escape hatch: `ApiObject.of(env.namespaceObject).metadata.addLabel(...)`. */
  public readonly namespaceObject: ApiObject;
  /** Denies all ingress and egress in the namespace except DNS lookups. */
  public readonly defaultDenyPolicy: ApiObject;
  /** Caps what the namespace may request and run, sized by the tier. */
  public readonly resourceQuota: ApiObject;
  /** Defaults and ceilings for containers that do not state their resources. */
  public readonly limitRange: ApiObject;
  /**
   * The guardrails as the platform and tier size them, which policy holds the objects above to.
   *
   * @internal
   */
  public readonly _guardrails: GuardrailFacts;

  private readonly objectNames = new Map<string, string>();
  private readonly exposedHosts = new Map<string, string>();

  constructor(scope: Construct, id: string, props: EnvironmentProps) {
    const namespace = props.namespace ?? id;
    const path = scope.node.path ? `${scope.node.path}/${id}` : id;
    // A preview's props are checked as the preview's own, which have fields an Environment's lack.
    if (new.target === Environment) requireKnownProps(path, 'EnvironmentProps', props);
    requireDnsLabel(path, 'namespace', namespace);
    requireDnsLabel(path, 'team', props.team);
    if (!(props.tier instanceof Tier)) {
      throw new PavedError(path, `tier ${show(props.tier)} is not a Tier (allowed: ${Tier.all().join(', ')})`);
    }
    if (!(props.platform instanceof Platform)) {
      throw new PavedError(path, 'platform must be a Platform (new Platform({ name, domain, registries }))');
    }
    requireLabelValue(path, 'team', props.team);
    if (props.budget !== undefined) requireBudget(path, props.budget);

    super(scope, id, {
      namespace,
      labels: ownerLabels(props.platform.labels, props.team, { tier: props.tier }),
    });
    Object.defineProperty(this, ENVIRONMENT_SYMBOL, { value: true });
    this.platform = props.platform;
    this.tier = props.tier;
    this.team = props.team;
    this.settings = props.platform.tierSettings(props.tier);
    this.budget = props.budget;

    const ownLabels = { [Labels.NAME]: namespace, [Labels.COMPONENT]: 'environment' };
    this.namespaceObject = new ApiObject(this, 'Namespace', k8s.KubeNamespace.manifest({
      metadata: { name: namespace, labels: { ...ownLabels, ...podSecurityLabels() } },
    }));
    // A Namespace is cluster-scoped; the chart stamps its namespace on every object.
    this.namespaceObject.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
    // Every app with an environment runs the synth stages the composition root registers: it is
    // checked against its platform's policy (whose engine attaches here), and gets its catalog,
    // cost report (whose estimate annotates the Namespace) and previews beside the manifests;
    // teams write nothing.
    joinSynth(this);
    if (props.budget) this.namespaceObject.metadata.addAnnotation(BUDGET_ANNOTATION, props.budget.monthlyUsd.toFixed(2));

    this._guardrails = environmentGuardrails(this.platform, this.settings, path);
    const { defaultDeny, resourceQuota, limitRange } = this._guardrails;
    const own = (kind: string, expected: { name: string; spec: any }) => ({
      apiVersion: kind === 'NetworkPolicy' ? 'networking.k8s.io/v1' : 'v1',
      kind,
      metadata: { name: expected.name, labels: ownLabels },
      // A copy: an escape hatch on the object must not move what policy expects of it.
      spec: JSON.parse(JSON.stringify(expected.spec)),
    });
    this.defaultDenyPolicy = new ApiObject(this, 'DefaultDeny', own('NetworkPolicy', defaultDeny));
    this.resourceQuota = new ApiObject(this, 'Quota', own('ResourceQuota', resourceQuota));
    this.limitRange = new ApiObject(this, 'Limits', own('LimitRange', limitRange));

    declarePeer(this, 'egress', this.platform.dnsNamespace, this.platform.dnsPodLabels);
  }

  /**
   * The host a service named `service` is exposed on, given the host it declares. An
   * environment exposes the declared host; a preview answers on its own.
   *
   * @internal
   */
  public _ingressHost(_service: string, declaredHost: string): string {
    return declaredHost;
  }

  /**
   * Records that the service named `service` is exposed on `host`, once its Ingress exists: what
   * a preview lists as its URLs, without the environment having to know the service's class.
   *
   * @internal
   */
  public _recordExposure(service: string, host: string): void {
    this.exposedHosts.set(service, host);
  }

  /** Every exposed service's host, by service name, as recorded. @internal */
  public _exposures(): Map<string, string> {
    return new Map(this.exposedHosts);
  }

  /**
   * Claims `name` for a workload in this namespace, so two services cannot emit objects that
   * overwrite each other.
   *
   * @internal
   */
  public _claimName(name: string, claimantPath: string): void {
    const owner = this.objectNames.get(name);
    if (owner !== undefined) {
      throw new PavedError(claimantPath, `name ${show(name)} is already used by ${owner} in namespace ${this.namespace}; service names must be unique within an environment`);
    }
    if (name.startsWith(RESERVED_PREFIX)) {
      throw new PavedError(claimantPath, `name ${show(name)} starts with "${RESERVED_PREFIX}", which is reserved for the environment's own objects`);
    }
    this.objectNames.set(name, claimantPath);
  }
}

function requireBudget(path: string, budget: EnvironmentBudget): void {
  const value = budget?.monthlyUsd;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new PavedError(path, `budget.monthlyUsd (${show(value)}) must be a finite number of US dollars above zero`);
  }
}

/**
 * The Environment a construct about to be created as `new <construct>(scope, id, ...)` belongs
 * to. Every construct that needs an Environment looks it up here, before it joins the tree, so
 * each one created outside an Environment (under the app, a plain Chart, or anything in one) is
 * refused the same way: by its own path, and with the call to write instead.
 *
 * @internal
 */
export function environmentFor(scope: IConstruct, id: string, construct: string): Environment {
  const env = nearestEnvironment(scope);
  if (!env) throw outsideEnvironment(scope, id, construct);
  return env;
}

function nearestEnvironment(construct: IConstruct): Environment | undefined {
  return construct.node.scopes.slice().reverse().find((s): s is Environment => Environment.isEnvironment(s));
}

function outsideEnvironment(scope: IConstruct, id: string, construct: string): PavedError {
  const path = scope.node.path ? `${scope.node.path}/${id}` : id;
  const where = scope.node.path ? `its scope ${scope.node.path} is in no Environment` : 'its scope is the app itself';
  return new PavedError(path, `a ${construct} must be created inside an Environment, but ${where}; create it inside an Environment: new ${construct}(env, ${JSON.stringify(id)}, ...), where env is an Environment or PreviewEnvironment`);
}
