import { IConstruct } from 'constructs';
import { PolicySettings } from './policy-settings';
import { DEFAULT_PRIVATE_CIDRS } from '../network/network-settings';
import { Tier } from '../platform/tier';

/**
 * What the engine reads from an Environment. Read by shape rather than imported, so the policy
 * engine does not depend on the environment module that depends on it.
 */
interface EnvironmentShape {
  readonly tier: Tier;
  readonly platform: PlatformShape;
  readonly namespace?: string;
}

/** What the engine reads from a Platform. */
interface PlatformShape {
  readonly name: string;
  readonly registries: string[];
  readonly policy?: PolicySettings;
  readonly privateCidrs?: string[];
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
      };
    }
  }
  return OUTSIDE_ANY_ENVIRONMENT;
}

function isEnvironmentShaped(x: any): x is EnvironmentShape {
  return x.tier instanceof Tier
    && x.platform !== null && typeof x.platform === 'object'
    && typeof x.platform.name === 'string'
    && Array.isArray(x.platform.registries);
}
