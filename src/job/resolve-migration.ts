import { createHash } from 'crypto';
import { Construct } from 'constructs';
import { requireSeconds } from './job-durations';
import { MigrationProps } from './migration-props';
import { PavedError } from '../errors';
import { PlatformService } from '../service/platform-service';
import { describe, requireInteger, show } from '../validate';
import { claimWorkload, ResolvedWorkload, resolveWorkload } from '../workload/resolve-workload';

/** A Migration's props once checked, with every default filled in. */
export interface ResolvedMigration extends ResolvedWorkload {
  readonly before: PlatformService;
  /** The Job's name: the migration's name and a hash of what the run is made of. */
  readonly jobName: string;
  readonly timeoutSeconds: number;
  readonly retries: number;
}

/** A Job's name is a label value on its pods (`batch.kubernetes.io/job-name`): at most 63 characters. */
const MAX_JOB_NAME = 63;
const HASH_LENGTH = 10;
/** The migration's own name leaves room for "-" and the hash. */
const MAX_MIGRATION_NAME = MAX_JOB_NAME - HASH_LENGTH - 1;

/**
 * Checks a Migration's props where they enter and fills in the defaults; throws a PavedError
 * naming the construct path, the prop, the value and what is allowed.
 */
export function resolveMigration(scope: Construct, id: string, props: MigrationProps): ResolvedMigration {
  const workload = resolveWorkload(scope, id, 'Migration', 'MigrationProps', props);
  const { path, environment, name } = workload;
  if (name.length > MAX_MIGRATION_NAME) {
    throw new PavedError(path, `name ${show(name)} is too long for a Migration: its Job is named "<name>-<${HASH_LENGTH}-character hash>" and a Job name has at most ${MAX_JOB_NAME} characters, so the name may have at most ${MAX_MIGRATION_NAME} (it has ${name.length})`);
  }
  const before = props.before;
  if (!PlatformService.isPlatformService(before)) {
    throw new PavedError(path, `before (${describe(before)}) must be the PlatformService whose new version waits for the migration`);
  }
  if (before.environment !== environment) {
    throw new PavedError(path, `before (${before.node.path}) belongs to environment ${before.environment.node.path}, not ${environment.node.path}: a migration precedes a service of its own environment`);
  }
  const timeoutSeconds = props.timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : requireSeconds(path, 'timeout', props.timeout, 1);
  const retries = props.retries ?? 1;
  requireInteger(path, 'retries', retries, 0, 5);
  const jobName = `${name}-${runHash(props.image, workload, timeoutSeconds, retries)}`;
  claimWorkload(workload);
  return { ...workload, before, jobName, timeoutSeconds, retries };
}

const DEFAULT_TIMEOUT_SECONDS = 15 * 60;

/**
 * A hash of everything the Job's spec is made of: the image (its tag or digest is the version),
 * the command and arguments, the variables, the size, where each dependency variable is read from,
 * the store secrets, files and scratch volumes, the deadline and the retries. A Job's spec cannot be changed once created, so a changed run gets
 * a new Job name, and an unchanged one keeps its name, which Argo CD finds completed and leaves
 * alone: a re-sync does not rerun a finished migration.
 */
function runHash(image: string, workload: ResolvedWorkload, timeoutSeconds: number, retries: number): string {
  const env = Object.keys(workload.env).sort().map((k) => [k, workload.env[k]]);
  const variables = workload.dependencies.variables.map(({ name, dependency, variable }) =>
    [name, variable.secretKey !== undefined ? `${dependency.secretName}/${variable.secretKey}` : variable.value]);
  // Store secrets by where they live, files by their digest, scratch by its sizes: what the run reads.
  const secrets = workload.secrets?.variables
    .map(({ name, reference }) => [name, reference.key, reference.property ?? null, reference.version ?? null]) ?? null;
  const scratch = workload.scratch?.volumes.map((v) => [v.path, v.sizeLimit.toMebibytes()]) ?? null;
  const made = [image, workload.command ?? null, workload.args ?? null, env, variables, workload.resources, timeoutSeconds, retries,
    ...(secrets || workload.files || scratch ? [secrets, workload.files?.digest ?? null, scratch] : [])];
  return createHash('sha256').update(JSON.stringify(made)).digest('hex').slice(0, HASH_LENGTH);
}
