import { Construct } from 'constructs';
import { ResolvedConfigFiles, resolveConfigFiles } from './config-files';
import { ResolvedDependencies, resolveDependencies } from './dependency-wiring';
import { ResolvedScratchVolumes, resolveScratchVolumes } from './scratch-volumes';
import { ResolvedStoreSecrets, resolveStoreSecrets } from './store-secrets';
import { ResolvedOwner, resolveOwner, resolveSystem } from './workload-owner';
import { WorkloadProps } from './workload-props';
import { Environment, environmentFor } from '../environment/environment';
import { PavedError } from '../errors';
import { requireKnownProps } from '../known-props';
import { ImageReference, parseImage } from '../platform/image-reference';
import { ResourcePreset, ResourceSpec } from '../platform/resource-preset';
import { requireEnvName, requireServiceName, show } from '../validate';

/** What every workload kind's props resolve to, before the kind's own. */
export interface ResolvedWorkload {
  /** The construct path the workload will have, for errors. */
  readonly path: string;
  readonly environment: Environment;
  readonly name: string;
  readonly image: ImageReference;
  readonly resources: ResourceSpec;
  readonly env: { [name: string]: string };
  readonly command?: string[];
  readonly args?: string[];
  readonly dependencies: ResolvedDependencies;
  readonly owner: ResolvedOwner;
  readonly system?: string;
  readonly secrets?: ResolvedStoreSecrets;
  readonly files?: ResolvedConfigFiles;
  readonly scratch?: ResolvedScratchVolumes;
}

/**
 * Checks the props every workload kind shares, where they enter, and fills in the platform's
 * defaults; throws a PavedError naming the construct path, the prop, the value and what is
 * allowed. `propsType` is the kind's props struct, whose every key is checked against the
 * assembly; the kind checks its own props after these.
 *
 * Nothing is claimed here: claiming names is the one check with an effect, so each kind calls
 * `claimWorkload` last, once all of its own props are valid too.
 */
export function resolveWorkload(scope: Construct, id: string, construct: string, propsType: string, props: WorkloadProps): ResolvedWorkload {
  const path = scope.node.path ? `${scope.node.path}/${id}` : id;
  requireKnownProps(path, propsType, props);
  const environment = environmentFor(scope, id, construct);
  const { platform } = environment;

  const name = props.name ?? id;
  requireServiceName(path, 'name', name);
  const image = parseImage(path, props.image, platform.registries);
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
  const dependencies = resolveDependencies(path, environment, props.dependencies, env);
  const owner = resolveOwner(path, props.owner, environment.team);
  const system = resolveSystem(path, props.system);
  // A variable has one source: plain env, a dependency, or the store.
  const taken = new Map<string, string>([
    ...Object.keys(env).map((key) => [key, 'env'] as const),
    ...dependencies.variables.map((v) => [v.name, `dependency ${v.dependency.name}`] as const),
  ]);
  const secrets = resolveStoreSecrets(path, environment, name, props.secrets, taken);
  const files = resolveConfigFiles(path, name, props.files);
  const scratch = resolveScratchVolumes(path, props.scratch, files);
  return {
    path,
    environment,
    name,
    image,
    resources,
    env,
    command: props.command,
    args: props.args,
    dependencies,
    owner,
    system,
    secrets,
    files,
    scratch,
  };
}

/**
 * Claims the names of the workload's objects in its environment: its own, and those of its
 * store ExternalSecret and files ConfigMap when it has them. Each kind calls it last, once every
 * prop is valid, so refused input leaves nothing claimed.
 */
export function claimWorkload(workload: ResolvedWorkload): void {
  const { environment, path } = workload;
  environment._claimName(workload.name, path);
  if (workload.secrets) environment._claimName(workload.secrets.name, path);
  if (workload.files) environment._claimName(workload.files.name, path);
}
