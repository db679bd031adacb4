import { IConstruct } from 'constructs';
import { PolicySettings } from './policy-settings';
import { Environment } from '../environment/environment';
import { EnvironmentFacts } from '../environment/environment-facts';
import { DEFAULT_PRIVATE_CIDRS } from '../network/network-settings';
import { ExposureException } from '../platform/exposure-settings';
import { Tier } from '../platform/tier';

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
    const candidate = scopes[i];
    if (Environment.isEnvironment(candidate)) {
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

/**
 * The facts of an environment that writes guardrails; undefined for one that does not (a chart
 * that stands in for an Environment in a test of the engine alone, with a platform of its own).
 */
function environmentFacts(environment: Environment, ownChart: boolean): EnvironmentFacts | undefined {
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
