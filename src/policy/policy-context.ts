import { IConstruct } from 'constructs';
import { EnvironmentFacts, GuardrailFacts } from './environment-facts';
import { PolicySettings } from './policy-settings';
import { DEFAULT_PRIVATE_CIDRS } from '../network/network-settings';
import { ExposureException } from '../platform/exposure-settings';
import { Tier } from '../platform/tier';

/**
 * What the engine reads from an Environment. Read by shape rather than imported, so the policy
 * engine does not depend on the environment module that depends on it.
 */
interface EnvironmentShape {
  readonly tier: Tier;
  readonly platform: PlatformShape;
  /** Its namespace (a Chart's). */
  readonly namespace?: string;
  /** The guardrails it writes; an environment without them has none to hold. */
  readonly _guardrails?: GuardrailFacts;
}

/** What the engine reads from a Platform. */
interface PlatformShape {
  readonly name: string;
  readonly registries: string[];
  readonly policy?: PolicySettings;
  readonly privateCidrs?: string[];
  readonly domain?: string;
  readonly ingressClassName?: string;
  readonly exposure?: { readonly additionalDomains?: string[]; readonly exceptions?: ExposureException[] };
}

/**
 * Where an object is checked: the tier, the platform's registries and the platform's policy.
 *
 * @internal
 */
export interface PolicyContext {
  readonly tier: Tier;
  readonly allowedRegistries: string[];
  /** The platform's name, for errors about its settings; undefined outside any Environment. */
  readonly platformName?: string;
  /** The platform's policy; undefined outside any Environment. */
  readonly settings?: PolicySettings;
  /** The platform object itself, so rule resolution can be shared by every environment of one platform. */
  readonly platform?: object;
  /** The namespace of the enclosing Environment; undefined outside any Environment. */
  readonly environmentNamespace?: string;
  /** The ranges inside the platform's network. */
  readonly privateCidrs: string[];
  /** What the environment promises, for the guardrail and exposure rules; undefined outside any Environment. */
  readonly environment?: EnvironmentFacts;
  /** Objects the platform allows past named exposure rules; none outside any Environment. */
  readonly exposureExceptions?: ExposureException[];
}

/**
 * An object outside any Environment gets the strictest context: production, and no registry
 * allowed, so nothing hand-built next to the golden path is checked more leniently than it.
 */
const OUTSIDE_ANY_ENVIRONMENT: PolicyContext = { tier: Tier.PRODUCTION, allowedRegistries: [], privateCidrs: [...DEFAULT_PRIVATE_CIDRS] };

/**
 * The context of everything in `scope`: that of the nearest enclosing Environment (the scope
 * itself included), or the strictest one when there is none.
 *
 * @internal
 */
export function policyContextOf(scope: IConstruct): PolicyContext {
  const scopes = scope.node.scopes;
  for (let i = scopes.length - 1; i >= 0; i--) {
    const candidate = scopes[i] as any;
    if (isEnvironmentShaped(candidate)) {
      const platform = candidate.platform;
      return {
        tier: candidate.tier,
        allowedRegistries: [...platform.registries],
        platformName: platform.name,
        settings: platform.policy,
        platform,
        environmentNamespace: candidate.namespace,
        privateCidrs: [...platform.privateCidrs ?? DEFAULT_PRIVATE_CIDRS],
        environment: environmentFacts(candidate, i === scopes.length - 1),
        exposureExceptions: platform.exposure?.exceptions,
      };
    }
  }
  return OUTSIDE_ANY_ENVIRONMENT;
}

/** The facts of an environment that writes guardrails; undefined for one that does not. */
function environmentFacts(environment: EnvironmentShape, ownChart: boolean): EnvironmentFacts | undefined {
  const { platform, namespace, _guardrails: guardrails } = environment;
  if (!guardrails || typeof namespace !== 'string' || typeof platform.domain !== 'string' || typeof platform.ingressClassName !== 'string') return undefined;
  return {
    namespace,
    ownChart,
    guardrails,
    exposure: {
      domains: [platform.domain, ...platform.exposure?.additionalDomains ?? []],
      ingressClassName: platform.ingressClassName,
    },
  };
}

function isEnvironmentShaped(x: any): x is EnvironmentShape {
  return x.tier instanceof Tier
    && x.platform !== null && typeof x.platform === 'object'
    && typeof x.platform.name === 'string'
    && Array.isArray(x.platform.registries);
}
