import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { SecretReference } from './secret-reference';
import { compareStrings } from '../compare';
import { ExternalSecret } from '../dependencies/external-secret';
import { Environment } from '../environment/environment';
import { PavedError } from '../errors';
import { requireEnvName, show } from '../validate';

/**
 * How often a workload's store secrets are read again: a value rotated in the store reaches the
 * Secret within the hour, and a pod when it next starts, without the operator calling the store
 * API once per variable every few seconds.
 */
export const STORE_REFRESH_INTERVAL = '1h';

/** One variable of a workload, read from the store. */
export interface StoreVariable {
  /** The variable's name, which is also its key in the workload's Secret. */
  readonly name: string;
  readonly reference: SecretReference;
}

/** A workload's secrets from the store, validated. */
export interface ResolvedStoreSecrets {
  /** The ExternalSecret's name and the Secret it writes: `<workload>-store`. */
  readonly name: string;
  /** The platform's ClusterSecretStore. */
  readonly secretStore: string;
  /** Every variable, by name. */
  readonly variables: StoreVariable[];
}

/** The parts of a workload its store secrets are wired into. */
export interface StoreSecretsTarget {
  /** The ExternalSecret's labels: the workload's own. */
  readonly labels: { [key: string]: string };
  readonly container: kplus.Container;
}

/** The ExternalSecret (and Secret) of a workload named `workload`. */
export function storeSecretName(workload: string): string {
  return `${workload}-store`;
}

/**
 * Checks a workload's `secrets` (variable name → `SecretReference`) where they enter; nothing
 * when there are none. The ExternalSecret's name is claimed with the workload's (`claimWorkload`).
 *
 * @param path the workload's construct path, for errors
 * @param workload the workload's name
 * @param taken the variables the workload sets otherwise, each with where from (`"env"`, `"dependency orders-db"`)
 */
export function resolveStoreSecrets(
  path: string, environment: Environment, workload: string, secrets: unknown, taken: ReadonlyMap<string, string>,
): ResolvedStoreSecrets | undefined {
  if (secrets === undefined) return undefined;
  // An object literal: not a list, not one reference, not another class's instance.
  if (secrets === null || typeof secrets !== 'object' || ![Object.prototype, null].includes(Object.getPrototypeOf(secrets))) {
    throw new PavedError(path, 'secrets must be a map of variable names to SecretReference.fromStore(...), e.g. { STRIPE_API_KEY: SecretReference.fromStore("payments/stripe", "api-key") }');
  }
  const names = Object.keys(secrets).sort(compareStrings);
  if (names.length === 0) return undefined;
  const variables = names.map((name): StoreVariable => {
    requireEnvName(path, 'secrets key', name);
    const reference = (secrets as { [name: string]: unknown })[name];
    if (!SecretReference.isSecretReference(reference)) {
      // Never quoted, masked or not: what stands here is most likely the secret itself.
      const what = reference === null ? 'null' : typeof reference === 'object' ? 'an object' : `a ${typeof reference}`;
      throw new PavedError(path, `secrets.${name} is ${what} where a SecretReference belongs; a value written in code ends up in git and in every manifest: put it in the organisation's secret store and write SecretReference.fromStore("<secret name>", "<property>")`);
    }
    const owner = taken.get(name);
    if (owner !== undefined) {
      throw new PavedError(path, `secrets key ${show(name)} is also set from ${owner}; a variable has one source: remove one of them`);
    }
    return { name, reference };
  });
  const aws = environment.platform.aws;
  if (!aws) {
    throw new PavedError(path, `secrets: platform ${environment.platform.name} has no aws settings, so no ClusterSecretStore to read the organisation's store through; set PlatformProps.aws (its secretStore names the store, "aws-secrets-manager" by default)`);
  }
  return { name: storeSecretName(workload), secretStore: aws.secretStore, variables };
}

/**
 * Writes the workload's one ExternalSecret, which copies each referenced value into the Secret
 * `<workload>-store` under its variable's name, and sets each variable from that Secret
 * (`secretKeyRef`, not optional: a pod whose secret is missing does not start).
 */
export function addStoreSecrets(scope: Construct, target: StoreSecretsTarget, resolved: ResolvedStoreSecrets): ExternalSecret {
  const externalSecret = new ExternalSecret(scope, 'StoreSecrets', {
    metadata: { name: resolved.name, labels: target.labels },
    spec: {
      refreshInterval: STORE_REFRESH_INTERVAL,
      secretStoreRef: { kind: 'ClusterSecretStore', name: resolved.secretStore },
      target: { name: resolved.name, creationPolicy: 'Owner' },
      data: resolved.variables.map(({ name, reference }) => ({
        secretKey: name,
        remoteRef: {
          key: reference.key,
          ...(reference.property !== undefined ? { property: reference.property } : {}),
          ...(reference.version !== undefined ? { version: reference.version } : {}),
        },
      })),
    },
  });
  const secret = kplus.Secret.fromSecretName(scope, 'StoreSecret', resolved.name);
  for (const { name } of resolved.variables) {
    target.container.env.addVariable(name, kplus.EnvValue.fromSecretValue({ secret, key: name }));
  }
  return externalSecret;
}
