import { PavedError } from './errors';
import { PolicySubject } from './policy-gate';
import { Realisation } from 'paved';
import type { Dependency, Workload } from 'paved';

/**
 * The policy subject of a dependency's cloud resources, after checking it has any: only a
 * dependency realised in the cloud (staging and production) on a platform with AWS settings does.
 */
export function requireCloudDependency(dependency: Dependency): PolicySubject {
  const path = dependency.node.path;
  if (dependency.realisation !== Realisation.CLOUD) {
    throw new PavedError(path, `is realised ${dependency.realisation} in tier ${dependency.environment.tier.name}: it has no cloud resources (only staging and production dependencies do)`);
  }
  return requireAws(dependency, dependency.environment);
}

/** The policy subject of a service's own cloud resources (its IAM role). */
export function serviceSubject(service: Workload): PolicySubject {
  return requireAws(service, service.environment);
}

function requireAws(construct: Dependency | Workload, environment: Dependency['environment']): PolicySubject {
  const path = construct.node.path;
  const platform = environment.platform;
  if (platform.aws === undefined) {
    throw new PavedError(path, `platform ${platform.name} has no aws settings: give Platform an aws { accountId, region } to create cloud resources`);
  }
  return { construct, path, tier: environment.tier, platform };
}
