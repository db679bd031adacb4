import { COST_RULES } from './packs/cost';
import { EXPOSURE_RULES } from './packs/exposure';
import { GUARDRAIL_RULES } from './packs/guardrails';
import { NETWORK_RULES } from './packs/network';
import { POD_SECURITY_BASELINE_RULES, POD_SECURITY_RESTRICTED_RULES } from './packs/pod-security';
import { PRODUCTION_READINESS_RULES } from './packs/production-readiness';
import { SECRETS_RULES } from './packs/secrets';
import { RulePack } from './rule-pack';

/**
 * The built-in rule packs for Kubernetes objects. Rule ids are stable: suppressions, platform
 * overrides and scanner annotations refer to them.
 *
 * ```ts
 * Policy.of(app).use(RulePacks.POD_SECURITY_RESTRICTED, RulePacks.PRODUCTION_READINESS, RulePacks.SECRETS, RulePacks.NETWORK);
 * ```
 */
export class RulePacks {
  /**
   * Pod Security Standards "baseline" (`pss.baseline.*`): prevents known privilege escalations
   * while admitting a minimally specified pod. For platforms that cannot yet hold every workload
   * to restricted; do not combine it with `POD_SECURITY_RESTRICTED`, which includes it.
   */
  public static readonly POD_SECURITY_BASELINE = new RulePack('pod-security-baseline', POD_SECURITY_BASELINE_RULES);

  /**
   * Pod Security Standards "restricted" (`pss.*`): every baseline control plus the hardening
   * controls, as Pod Security admission enforces them in a namespace labelled
   * `pod-security.kubernetes.io/enforce: restricted` at v1.28.
   */
  public static readonly POD_SECURITY_RESTRICTED = new RulePack('pod-security-restricted', POD_SECURITY_RESTRICTED_RULES);

  /**
   * Production readiness (`workload.*`, `metadata.*`): probes, requests and memory limits, pinned
   * images from allowed registries, replicas and a disruption budget in production, topology
   * spread, owner labels, a service account of its own without a mounted token, and a read-only
   * root filesystem.
   */
  public static readonly PRODUCTION_READINESS = new RulePack('production-readiness', PRODUCTION_READINESS_RULES);

  /**
   * Network isolation (`network.*`): every workload selected by NetworkPolicies for ingress and
   * egress; no peer that admits or reaches every pod or namespace; no egress outside the
   * platform's private ranges unless a NetworkPolicy declares why; peers in other namespaces only
   * where Paved declared them; an environment's objects in its own namespace only.
   */
  public static readonly NETWORK = new RulePack('network', NETWORK_RULES);

  /**
   * Secrets hygiene (`secrets.*`): no Secret with literal data, no literal credential in an
   * environment variable, no URL carrying a password anywhere in the output.
   */
  public static readonly SECRETS = new RulePack('secrets', SECRETS_RULES);

  /**
   * The cluster's own guardrails (`guardrails.*`): every Namespace enforces Pod Security
   * "restricted" at the pinned version, and each Environment's ResourceQuota, LimitRange and
   * default-deny NetworkPolicy are there and no looser than its platform and tier set them.
   */
  public static readonly GUARDRAILS = new RulePack('guardrails', GUARDRAIL_RULES);

  /**
   * Exposure (`exposure.*`): Ingresses on the platform's class, with TLS for every host, hosts
   * named and under the platform's domain, no default backend; no LoadBalancer, NodePort or
   * external IPs. The platform names the exceptions (`PlatformProps.exposure`), which are reported.
   */
  public static readonly EXPOSURE = new RulePack('exposure', EXPOSURE_RULES);

  /**
   * Cost (`cost.*`): an environment's estimated monthly cost stays within its budget, when it
   * has one. A hygiene rule: it warns below the platform's `enforceFrom` tier and enforces from it.
   */
  public static readonly COST = new RulePack('cost', COST_RULES);

  /**
   * The packs a Paved environment is held to: restricted Pod Security, production readiness,
   * network, secrets, guardrails, exposure and cost (baseline is left out because restricted
   * includes it).
   */
  public static all(): RulePack[] {
    return [
      RulePacks.POD_SECURITY_RESTRICTED, RulePacks.PRODUCTION_READINESS, RulePacks.NETWORK, RulePacks.SECRETS,
      RulePacks.GUARDRAILS, RulePacks.EXPOSURE, RulePacks.COST,
    ];
  }

  private constructor() {}
}
