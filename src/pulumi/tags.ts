import type { Dependency, Environment, Workload } from 'paved';

/**
 * The tag keys on every cloud resource Paved creates. Plain keys (`team`, `environment`) are the
 * ones cost explorers and inventory tools group by out of the box.
 */
export class CloudTags {
  /** The owning team. */
  public static readonly TEAM = 'team';
  /** The service that uses the resource; only when exactly one does. */
  public static readonly SERVICE = 'service';
  /** The environment: its Kubernetes namespace. */
  public static readonly ENVIRONMENT = 'environment';
  /** The tier: `staging` or `production`. */
  public static readonly TIER = 'tier';
  /**
   * The cost-allocation key: `<namespace>/<dependency>` (or `<namespace>/<service>` for a
   * service role). Activate it as a cost allocation tag and AWS billing groups line items the way
   * Paved's cost report names dependencies.
   */
  public static readonly COST = 'paved:cost';
  /** Always `paved`: what created the resource, so drift and orphans can be found. */
  public static readonly MANAGED_BY = 'managed-by';

  private constructor() {}
}

/** The tags of the resources behind `dependency`, used by `services` (sorted names). */
export function dependencyTags(dependency: Dependency, services: string[]): Record<string, string> {
  return {
    ...environmentTags(dependency.environment),
    ...(services.length === 1 ? { [CloudTags.SERVICE]: services[0] } : {}),
    [CloudTags.COST]: `${dependency.environment.namespace}/${dependency.name}`,
  };
}

/** The tags of `service`'s own cloud resources (its IAM role). */
export function serviceTags(service: Workload): Record<string, string> {
  return {
    ...environmentTags(service.environment),
    [CloudTags.SERVICE]: service.name,
    [CloudTags.COST]: `${service.environment.namespace}/${service.name}`,
  };
}

function environmentTags(environment: Environment): Record<string, string> {
  return {
    // The platform's own labels (a cost centre, a business unit) come first, so Paved's keys win.
    ...environment.platform.labels,
    [CloudTags.TEAM]: environment.team,
    [CloudTags.ENVIRONMENT]: environment.namespace!,
    [CloudTags.TIER]: environment.tier.name,
    [CloudTags.MANAGED_BY]: 'paved',
  };
}
