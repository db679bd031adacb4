import { Construct } from 'constructs';
import { Dependency } from '../dependencies/dependency';
import { dependencyVariables } from '../dependencies/dependency-wiring';
import { Environment, environmentFor } from '../environment/environment';
import { PavedError } from '../errors';
import { requireKnownProps } from '../known-props';
import { ImageReference, parseImage } from '../platform/image-reference';
import { ResourcePreset, ResourceSpec } from '../platform/resource-preset';
import { ReplicaRange } from '../platform/tier-settings';
import { requireEnvName, requireInteger, requireServiceName, show } from '../validate';
import { PlatformServiceProps } from './platform-service-props';
import { validateIngress } from './service-ingress';
import { ResolvedOwner, resolveOwner, resolveSystem } from './service-owner';
import { ResolvedCanary, resolveRollout } from '../delivery/rollout';
import { ResolvedObservability, resolveObservability } from '../observability/observability-options';

/** A PlatformService's props once validated and completed with the platform's defaults. */
export interface ResolvedServiceProps {
  readonly environment: Environment;
  readonly name: string;
  readonly image: ImageReference;
  readonly replicas: ReplicaRange;
  readonly resources: ResourceSpec;
  readonly env: { [name: string]: string };
  readonly ingressPath?: string;
  /** The host the service is exposed on, as the environment decides it (a preview rewrites it). */
  readonly ingressHost?: string;
  readonly dependencies: Dependency[];
  readonly owner: ResolvedOwner;
  readonly system?: string;
  readonly observability: ResolvedObservability;
  /** The canary to roll out with; absent for a rolling Deployment (the default, and below the canary's `fromTier`). */
  readonly canary?: ResolvedCanary;
}

/**
 * Checks a PlatformService's props where they enter and fills in the defaults; throws a
 * PavedError naming the construct path, the prop, the value and what is allowed.
 */
export function resolveServiceProps(scope: Construct, id: string, props: PlatformServiceProps): ResolvedServiceProps {
  const path = scope.node.path ? `${scope.node.path}/${id}` : id;
  requireKnownProps(path, 'PlatformServiceProps', props);
  const environment = environmentFor(scope, id, 'PlatformService');
  const { platform, settings, tier } = environment;

  const name = props.name ?? id;
  requireServiceName(path, 'name', name);
  const image = parseImage(path, props.image, platform.registries);
  requireInteger(path, 'port', props.port, 1024, 65535);

  const declared = props.replicas ?? settings.defaultReplicas;
  requireInteger(path, 'replicas.min', declared.min, 1, 1000);
  requireInteger(path, 'replicas.max', declared.max, 1, 1000);
  if (declared.min > declared.max) {
    throw new PavedError(path, `replicas.min (${declared.min}) must not exceed replicas.max (${declared.max})`);
  }
  if (declared.min < settings.minReplicas) {
    throw new PavedError(path, `replicas.min (${declared.min}) is below the ${tier.name} tier's floor of ${settings.minReplicas}`);
  }
  // The declared range is validated whole, then capped: the same definition runs in every tier.
  const ceiling = settings.maxReplicas ?? Infinity;
  const replicas = { min: Math.min(declared.min, ceiling), max: Math.min(declared.max, ceiling) };

  const resources = platform.resolvePreset(props.resources ?? ResourcePreset.STANDARD, path);
  const env = props.env ?? {};
  for (const [key, value] of Object.entries(env)) {
    requireEnvName(path, 'env key', key);
    if (typeof value !== 'string') throw new PavedError(path, `env.${key} (${show(value, key)}) must be a string`);
  }
  for (const prop of ['command', 'args'] as const) {
    const list = props[prop];
    if (list !== undefined && (!Array.isArray(list) || list.some((a) => typeof a !== 'string'))) {
      throw new PavedError(path, `${prop} (${show(list)}) must be a list of strings`);
    }
  }
  const ingressPath = props.ingress ? validateIngress(path, platform, props.ingress) : undefined;
  const ingressHost = props.ingress ? environment._ingressHost(name, props.ingress.host) : undefined;
  const dependencies = resolveDependencies(path, environment, props.dependencies, env);
  const owner = resolveOwner(path, props.owner, environment.team);
  const system = resolveSystem(path, props.system);
  const observability = resolveObservability(path, props.observability, props.port, tier, platform.observability.alertThresholds?.[tier.name]);
  const canary = resolveRollout(path, props.rollout, tier, observability.latencyP99Seconds);
  if (canary && !observability.enabled) {
    throw new PavedError(path, 'rollout: a canary is judged by the service\'s own metrics, so it needs observability enabled; turn observability back on or use Rollout.rolling()');
  }
  if (canary && name.length > MAX_CANARY_NAME) {
    throw new PavedError(path, `name ${show(name)} is too long for a canary rollout: its canary and stable Services are named "<name>-canary" and "<name>-stable", so the name may have at most ${MAX_CANARY_NAME} characters (it has ${name.length})`);
  }
  // Last: claiming the name is the one check with an effect, so it runs only for valid input.
  environment._claimName(name, path);
  return { environment, name, image, replicas, resources, env, ingressPath, ingressHost, dependencies, owner, system, observability, canary };
}

/** Service names are DNS-1035 labels of at most 63 characters; "-canary" and "-stable" take 7. */
const MAX_CANARY_NAME = 63 - '-canary'.length;

function resolveDependencies(path: string, environment: Environment, list: Dependency[] | undefined, env: { [name: string]: string }): Dependency[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    throw new PavedError(path, `dependencies (${describe(list)}) must be a list of PostgresDependency, RedisDependency or BucketDependency`);
  }
  const seen = new Set<Dependency>();
  list.forEach((dependency, i) => {
    if (!Dependency.isDependency(dependency)) {
      throw new PavedError(path, `dependencies[${i}] (${describe(dependency)}) is not a dependency: use a PostgresDependency, RedisDependency or BucketDependency`);
    }
    if (dependency.environment !== environment) {
      throw new PavedError(path, `dependencies[${i}] (${dependency.node.path}) belongs to environment ${dependency.environment.node.path}, not ${environment.node.path}: a service may use only dependencies of its own environment`);
    }
    if (seen.has(dependency)) {
      throw new PavedError(path, `dependencies[${i}] (${dependency.node.path}) is listed twice`);
    }
    seen.add(dependency);
  });
  for (const { name, dependency } of dependencyVariables(list)) {
    if (Object.prototype.hasOwnProperty.call(env, name)) {
      throw new PavedError(path, `env key ${show(name)} is also set from dependency ${dependency.name}; remove it from env`);
    }
  }
  return [...list];
}

/** Names what was passed without serialising it: a construct is a cyclic graph. */
function describe(value: unknown): string {
  return value !== null && typeof value === 'object' ? `${value.constructor?.name ?? 'plain'} object` : show(value);
}
