import { Duration } from 'cdk8s';
import { AwsSettings, DatabaseSeed, InClusterImages, ResolvedAwsSettings, resolveDependencySettings } from './dependency-settings';
import { PavedError } from '../errors';
import { PolicySettings, validatePolicySettings } from '../policy/policy-settings';
import { requireDnsLabel, requireDnsSubdomain, requireInteger, requireLabelValue, requireNonEmpty, show } from '../validate';
import { ExposureSettings, ResolvedExposureSettings, resolveExposureSettings } from './exposure-settings';
import { GitOpsSettings, ResolvedGitOpsSettings, resolveGitOpsSettings } from './gitops-settings';
import { PreviewSettings, ResolvedPreviewSettings, resolvePreviewSettings } from './preview-settings';
import { RateCard, ResolvedRateCard, resolveRateCard } from './rate-card';
import { ResourcePreset, ResourceSpec, cpuMillis } from './resource-preset';
import { Tier } from './tier';
import { TierDefaults, TierSettings } from './tier-settings';
import { requireKnownProps } from '../known-props';
import { NetworkSettings, requireWithinPrivate, resolveNetworkSettings } from '../network/network-settings';
import { ObservabilitySettings, ResolvedObservabilitySettings, resolveObservabilitySettings } from '../observability/observability-settings';

/** Where the cluster's ingress controller runs and how it terminates TLS. */
export interface IngressSettings {
  /**
   * The IngressClass every exposed service uses.
   *
   * @default "nginx"
   */
  readonly className?: string;
  /**
   * The cert-manager ClusterIssuer that signs certificates for exposed hosts.
   *
   * @default "letsencrypt"
   */
  readonly clusterIssuer?: string;
  /**
   * The namespace the ingress controller runs in; exposed services admit traffic from it only.
   *
   * @default "ingress-nginx"
   */
  readonly controllerNamespace?: string;
  /**
   * Labels that select the ingress controller's pods within its namespace.
   *
   * @default { "app.kubernetes.io/name": "ingress-nginx" }
   */
  readonly controllerPodLabels?: { [key: string]: string };
  /**
   * Whether the controller is ingress-nginx, whose canary Ingresses let Argo Rollouts send an
   * exposed canary exactly its step's share of the traffic entering the cluster. Without it, a
   * canary's share is the share of its replicas among all the service's pods.
   *
   * @default - true when `className` is "nginx" (ingress-nginx's class), false for any other
   * class: a controller that ignores nginx canary annotations would send the canary nothing
   */
  readonly nginxCanaryRouting?: boolean;
}

/** Where cluster DNS runs, so default-deny egress can still resolve names. */
export interface ClusterDnsSettings {
  /**
   * The namespace cluster DNS runs in.
   *
   * @default "kube-system"
   */
  readonly namespace?: string;
  /**
   * Labels that select the DNS pods.
   *
   * @default { "k8s-app": "kube-dns" } (CoreDNS keeps this label for compatibility)
   */
  readonly podLabels?: { [key: string]: string };
}

/** The paths and timings of the health probes every service gets. */
export interface ProbeSettings {
  /**
   * HTTP path that answers 2xx when the service can take traffic.
   *
   * @default "/readyz"
   */
  readonly readinessPath?: string;
  /**
   * HTTP path that answers 2xx while the process is healthy; failing it restarts the container.
   *
   * @default "/livez"
   */
  readonly livenessPath?: string;
  /**
   * How often probes run.
   *
   * @default Duration.seconds(10)
   */
  readonly period?: Duration;
  /**
   * How long a container may take to start before liveness applies (startup probe budget).
   *
   * @default Duration.minutes(2)
   */
  readonly startupGrace?: Duration;
}

/** The organisation's conventions, which every environment and service inherits. */
export interface PlatformProps {
  /** The organisation's short name, a DNS label (e.g. `acme`). */
  readonly name: string;
  /** The base domain services are exposed under (e.g. `apps.acme.dev`); ingress hosts must be within it. */
  readonly domain: string;
  /**
   * Registries images may come from. An entry may include a path prefix
   * (`registry.acme.dev/payments`) to narrow it.
   */
  readonly registries: string[];
  /**
   * Ingress controller and TLS issuer.
   *
   * @default - ingress-nginx with cert-manager's `letsencrypt` ClusterIssuer
   */
  readonly ingress?: IngressSettings;
  /**
   * What may be reached from outside the cluster besides hosts under `domain` through the
   * platform's ingress controller: further domains, and named exceptions to the exposure rules.
   *
   * @default - no further domain and no exception: every Ingress on the platform's class with
   * TLS for hosts under `domain`, and no LoadBalancer, NodePort or external IP
   */
  readonly exposure?: ExposureSettings;
  /**
   * Cluster DNS location, opened in every namespace's default-deny egress.
   *
   * @default - kube-system pods labelled `k8s-app: kube-dns`
   */
  readonly dns?: ClusterDnsSettings;
  /**
   * What counts as inside the platform's network; NetworkPolicies that admit or reach addresses
   * outside it are flagged unless they declare why.
   *
   * @default - RFC 1918, 100.64.0.0/10 and fc00::/7 are private, see `NetworkSettings`
   */
  readonly network?: NetworkSettings;
  /**
   * Resource presets by name, merged over the built-in `small`, `standard` and `large`.
   *
   * @default - `ResourcePreset.defaults()`
   */
  readonly presets?: { [name: string]: ResourceSpec };
  /**
   * What each tier means, keyed by tier name (`preview`, `development`, `staging`, `production`);
   * tiers not listed keep `TierDefaults.of(tier)`.
   *
   * @default - `TierDefaults.of(tier)` for every tier
   */
  readonly tiers?: { [tier: string]: TierSettings };
  /**
   * Health probe paths and timings.
   *
   * @default - `/readyz` and `/livez` every 10 seconds, two minutes to start
   */
  readonly probes?: ProbeSettings;
  /**
   * The non-root user and group every container runs as. Images should not depend on a
   * particular UID; a fixed, high one keeps files created on volumes predictable.
   *
   * @default 10001
   */
  readonly runAsUser?: number;
  /**
   * The organisation's policy: rule packs, enforcement per rule and tier, rules no one may
   * suppress.
   *
   * @default - every rule pack; security rules enforced in every tier, the others enforced from
   * staging and reported below it
   */
  readonly policy?: PolicySettings;
  /**
   * Labels added to every object, e.g. a cost centre.
   *
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * The AWS account behind dependencies realised in the cloud (staging and production): where
   * their connection details are read from and which role ARNs services assume.
   *
   * @default - none: a Postgres, Redis or bucket dependency in staging or production fails, naming this prop
   */
  readonly aws?: AwsSettings;
  /**
   * Seeds a Postgres dependency may name in preview and development, by name
   * (e.g. `last-7-days-anonymized`).
   *
   * @default - none
   */
  readonly seeds?: { [name: string]: DatabaseSeed };
  /**
   * Where the in-cluster Postgres and Redis of preview and development come from.
   *
   * @default - `<first registry>/mirror/postgres` and `<first registry>/mirror/redis`, tagged with the dependency's version
   */
  readonly inClusterImages?: InClusterImages;
  /**
   * The prices cost estimates are computed with. Figures are approximations: requested
   * resources at list prices, not metered usage.
   *
   * @default - on-demand us-east-1 list prices, see `RateCard`
   */
  readonly rateCard?: RateCard;
  /**
   * How the monitoring stack finds and reads services: Prometheus's namespace and labels, the
   * labels it and Grafana select objects by, and the metric names services expose.
   *
   * @default - kube-prometheus-stack conventions, see `ObservabilitySettings`
   */
  readonly observability?: ObservabilitySettings;
  /**
   * How pull-request previews are named, exposed and expired.
   *
   * @default - hosts under `preview.<domain>`, a 7-day TTL, at most 14 days
   */
  readonly previews?: PreviewSettings;
  /**
   * Where Argo CD runs and which cluster it deploys to.
   *
   * @default - Argo CD in namespace `argocd`, deploying to the cluster it runs in
   */
  readonly gitops?: GitOpsSettings;
}

/**
 * The organisation's conventions: where images come from, the domain services live under,
 * how ingress and TLS work, what each tier means and how big each preset is.
 *
 * A platform team creates one `Platform` (usually in a small package of its own) and every
 * environment in the organisation uses it, so changing a convention is a one-line change
 * rather than a fork.
 */
export class Platform {
  /** The organisation's short name. */
  public readonly name: string;
  /** The base domain exposed services live under. */
  public readonly domain: string;
  /** Registries (and optional path prefixes) images may come from. */
  public readonly registries: string[];
  /** The IngressClass exposed services use. */
  public readonly ingressClassName: string;
  /** Whether exposed canaries split ingress traffic by weight through ingress-nginx. */
  public readonly nginxCanaryRouting: boolean;
  /** The cert-manager ClusterIssuer that signs exposed hosts' certificates. */
  public readonly clusterIssuer: string;
  /** The namespace the ingress controller runs in. */
  public readonly ingressControllerNamespace: string;
  /** Labels selecting the ingress controller's pods. */
  public readonly ingressControllerPodLabels: { [key: string]: string };
  /** What may be exposed besides the golden path, with every default filled in. */
  public readonly exposure: ResolvedExposureSettings;
  /** The namespace cluster DNS runs in. */
  public readonly dnsNamespace: string;
  /** Labels selecting the cluster DNS pods. */
  public readonly dnsPodLabels: { [key: string]: string };
  /** The ranges inside the platform's network, defaults filled in. */
  public readonly privateCidrs: string[];
  /** Readiness probe path. */
  public readonly readinessPath: string;
  /** Liveness (and startup) probe path. */
  public readonly livenessPath: string;
  /** How often probes run. */
  public readonly probePeriod: Duration;
  /** How long a container may take to start. */
  public readonly startupGrace: Duration;
  /** The UID and GID every container runs as. */
  public readonly runAsUser: number;
  /** Labels added to every object. */
  public readonly labels: { [key: string]: string };
  /** The organisation's policy settings. */
  public readonly policy: PolicySettings;
  /** The AWS account behind cloud-realised dependencies, with `secretStore` filled in; undefined when not set. */
  public readonly aws?: ResolvedAwsSettings;
  /** The seeds Postgres dependencies may name. */
  public readonly seeds: { [name: string]: DatabaseSeed };
  /** Repository of the in-cluster Postgres image; the dependency's version is the tag. */
  public readonly postgresRepository: string;
  /** Repository of the in-cluster Redis image; the dependency's version is the tag. */
  public readonly redisRepository: string;
  /** How the monitoring stack finds and reads services, with every default filled in. */
  public readonly observability: ResolvedObservabilitySettings;
  /** The prices cost estimates use, the platform's over the documented defaults. */
  public readonly rateCard: ResolvedRateCard;
  /** How previews are named, exposed and expired, with every default filled in. */
  public readonly previews: ResolvedPreviewSettings;
  /** Where Argo CD runs and deploys to, with every default filled in. */
  public readonly gitops: ResolvedGitOpsSettings;
  private readonly presets: { [name: string]: ResourceSpec };
  private readonly tiers: { [tier: string]: TierSettings };

  constructor(props: PlatformProps) {
    const path = `Platform(${props?.name})`;
    requireKnownProps(path, 'PlatformProps', props);
    requireDnsLabel(path, 'name', props.name);
    requireDnsSubdomain(path, 'domain', props.domain);
    if (!Array.isArray(props.registries) || props.registries.length === 0) {
      throw new PavedError(path, `registries ${show(props.registries)} must list at least one registry images may come from`);
    }
    props.registries.forEach((r, i) => requireDnsSubdomain(path, `registries[${i}]`, r.split('/')[0].replace(/:\d+$/, '')));
    for (const [key, value] of Object.entries(props.labels ?? {})) requireLabelValue(path, `labels.${key}`, value);
    for (const [name, spec] of Object.entries(props.presets ?? {})) validatePreset(path, name, spec);
    for (const [name, settings] of Object.entries(props.tiers ?? {})) validateTier(path, name, settings);
    this.runAsUser = props.runAsUser ?? 10001;
    requireInteger(path, 'runAsUser', this.runAsUser, 1, 2147483647);

    this.name = props.name;
    this.domain = props.domain;
    this.registries = [...props.registries];
    this.ingressClassName = props.ingress?.className ?? 'nginx';
    this.clusterIssuer = props.ingress?.clusterIssuer ?? 'letsencrypt';
    this.nginxCanaryRouting = props.ingress?.nginxCanaryRouting ?? this.ingressClassName === 'nginx';
    this.ingressControllerNamespace = props.ingress?.controllerNamespace ?? 'ingress-nginx';
    this.ingressControllerPodLabels = props.ingress?.controllerPodLabels ?? { 'app.kubernetes.io/name': 'ingress-nginx' };
    this.exposure = resolveExposureSettings(path, props.exposure);
    this.dnsNamespace = props.dns?.namespace ?? 'kube-system';
    this.dnsPodLabels = props.dns?.podLabels ?? { 'k8s-app': 'kube-dns' };
    this.readinessPath = props.probes?.readinessPath ?? '/readyz';
    this.livenessPath = props.probes?.livenessPath ?? '/livez';
    this.probePeriod = props.probes?.period ?? Duration.seconds(10);
    this.startupGrace = props.probes?.startupGrace ?? Duration.minutes(2);
    for (const [prop, value] of [['probes.readinessPath', this.readinessPath], ['probes.livenessPath', this.livenessPath]]) {
      if (!value.startsWith('/')) throw new PavedError(path, `${prop} ${show(value)} must be an absolute HTTP path starting with "/"`);
    }
    this.labels = { ...props.labels };
    validatePolicySettings(path, props.policy ?? {});
    this.policy = props.policy ?? {};
    this.privateCidrs = resolveNetworkSettings(path, props.network).privateCidrs;
    const dependencies = resolveDependencySettings(path, props.registries, props);
    // Services reach these ranges without declaring internet egress, so they must be private.
    if (dependencies.aws) requireWithinPrivate(path, 'aws.privateNetworkCidrs', dependencies.aws.privateNetworkCidrs, this.privateCidrs);
    this.aws = dependencies.aws;
    this.seeds = dependencies.seeds;
    this.postgresRepository = dependencies.postgresRepository;
    this.redisRepository = dependencies.redisRepository;
    this.rateCard = resolveRateCard(path, props.rateCard);
    this.observability = resolveObservabilitySettings(path, props.observability);
    this.previews = resolvePreviewSettings(path, props.domain, props.previews);
    this.gitops = resolveGitOpsSettings(path, props.gitops);
    this.presets = { ...ResourcePreset.defaults(), ...props.presets };
    this.tiers = Object.fromEntries(Tier.all().map((t) => [t.name, props.tiers?.[t.name] ?? TierDefaults.of(t)]));
  }

  /** The names of every preset this platform defines, sorted. */
  public get presetNames(): string[] {
    return Object.keys(this.presets).sort();
  }

  /**
   * The size `preset` stands for on this platform.
   *
   * @param scopePath the construct path to name if the preset does not exist
   */
  public resolvePreset(preset: ResourcePreset, scopePath: string): ResourceSpec {
    const spec = Object.prototype.hasOwnProperty.call(this.presets, preset.name) ? this.presets[preset.name] : undefined;
    if (!spec) {
      throw new PavedError(scopePath, `resources preset ${show(preset.name)} is not defined by platform ${this.name} (defined: ${this.presetNames.join(', ')})`);
    }
    return spec;
  }

  /** What `tier` means on this platform. */
  public tierSettings(tier: Tier): TierSettings {
    return this.tiers[tier.name];
  }

  /** The largest CPU and memory limit among the presets: the LimitRange's per-container ceiling. */
  public largestPreset(): ResourceSpec {
    const specs = Object.values(this.presets);
    return {
      cpuRequest: specs.reduce((a, b) => (cpuMillis(b.cpuRequest) > cpuMillis(a.cpuRequest) ? b : a)).cpuRequest,
      cpuLimit: specs.reduce((a, b) => (cpuMillis(b.cpuLimit) > cpuMillis(a.cpuLimit) ? b : a)).cpuLimit,
      memoryRequest: specs.reduce((a, b) => (b.memoryRequest.toMebibytes() > a.memoryRequest.toMebibytes() ? b : a)).memoryRequest,
      memoryLimit: specs.reduce((a, b) => (b.memoryLimit.toMebibytes() > a.memoryLimit.toMebibytes() ? b : a)).memoryLimit,
    };
  }
}

function validatePreset(path: string, name: string, spec: ResourceSpec): void {
  requireDnsLabel(path, 'presets key', name);
  if (cpuMillis(spec.cpuRequest) > cpuMillis(spec.cpuLimit)) {
    throw new PavedError(path, `presets.${name}.cpuRequest (${spec.cpuRequest.amount}) must not exceed cpuLimit (${spec.cpuLimit.amount})`);
  }
  if (spec.memoryRequest.toMebibytes() > spec.memoryLimit.toMebibytes()) {
    throw new PavedError(path, `presets.${name}.memoryRequest (${spec.memoryRequest.toMebibytes()}Mi) must not exceed memoryLimit (${spec.memoryLimit.toMebibytes()}Mi)`);
  }
}

function validateTier(path: string, name: string, settings: TierSettings): void {
  if (!Tier.tryOf(name)) {
    throw new PavedError(path, `tiers key ${show(name)} is not a tier (allowed: ${Tier.all().join(', ')})`);
  }
  const { defaultReplicas, minReplicas } = settings;
  requireInteger(path, `tiers.${name}.minReplicas`, minReplicas, 1, 1000);
  requireInteger(path, `tiers.${name}.defaultReplicas.min`, defaultReplicas.min, minReplicas, 1000);
  requireInteger(path, `tiers.${name}.defaultReplicas.max`, defaultReplicas.max, defaultReplicas.min, 1000);
  if (settings.maxReplicas !== undefined) requireInteger(path, `tiers.${name}.maxReplicas`, settings.maxReplicas, minReplicas, 1000);
  requireInteger(path, `tiers.${name}.quota.pods`, settings.quota.pods, 1, 100000);
  requireNonEmpty(path, `tiers.${name}.quota.cpuRequests`, settings.quota.cpuRequests.amount);
}
