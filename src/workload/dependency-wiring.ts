import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { CloudNames } from '../dependencies/cloud-names';
import { Dependency, DependencyConnection, DependencyVariable } from '../dependencies/dependency';
import { Environment } from '../environment/environment';
import { PavedError } from '../errors';
import { PodPeer } from '../network/pod-peer';
import { WorkloadNetworkPolicy } from '../network/workload-network-policy';
import { EGRESS_INTERNET_ANNOTATION } from '../platform/annotations';
import { describe, show } from '../validate';

/** The ServiceAccount annotation the EKS pod identity webhook reads to inject a role (IRSA). */
export const IRSA_ROLE_ANNOTATION = 'eks.amazonaws.com/role-arn';
/** Any address, for egress that cannot be narrowed by a NetworkPolicy. */
const ANY_ADDRESS = '0.0.0.0/0';

/** One environment variable a workload gets from one of its dependencies. */
export interface NamedDependencyVariable {
  readonly name: string;
  readonly dependency: Dependency;
  readonly variable: DependencyVariable;
}

/**
 * A workload's dependencies, resolved once where the props enter: each dependency's connection
 * is asked for once, and the variables are named once, for the checks and the wiring alike.
 */
export interface ResolvedDependencies {
  /** The dependencies, in declaration order. */
  readonly list: Dependency[];
  /** What the workload needs to use each one. */
  readonly connections: ReadonlyMap<Dependency, DependencyConnection>;
  /** Every variable the workload gets from them, with its final name. */
  readonly variables: NamedDependencyVariable[];
}

/**
 * The variables a workload gets from `dependencies`, with their final names.
 *
 * The rule: a workload with one dependency of a kind gets the standard names (`PGHOST`,
 * `REDIS_HOST`, `BUCKET_NAME`...), which client libraries read without configuration. With two
 * or more of a kind, every one of those is prefixed with its dependency's name in upper case,
 * "-" becoming "_" (`ORDERS_DB_PGHOST`, `LEDGER_DB_PGHOST`), so none of them silently becomes the
 * default.
 */
export function dependencyVariables(
  dependencies: Dependency[], connections: ReadonlyMap<Dependency, DependencyConnection>,
): NamedDependencyVariable[] {
  const perKind = new Map<string, number>();
  for (const d of dependencies) perKind.set(d.kind, (perKind.get(d.kind) ?? 0) + 1);
  return dependencies.flatMap((dependency) => {
    const prefix = perKind.get(dependency.kind)! > 1 ? `${dependency.name.toUpperCase().replace(/-/g, '_')}_` : '';
    return connections.get(dependency)!.variables.map((variable) => ({ name: `${prefix}${variable.name}`, dependency, variable }));
  });
}

/**
 * Checks a workload's `dependencies` where they enter: each a Dependency of the workload's own
 * environment, none twice, and none setting a variable `env` sets too.
 */
export function resolveDependencies(
  path: string, environment: Environment, list: Dependency[] | undefined, env: { [name: string]: string },
): ResolvedDependencies {
  if (list === undefined) return { list: [], connections: new Map(), variables: [] };
  if (!Array.isArray(list)) {
    throw new PavedError(path, `dependencies (${describe(list)}) must be a list of PostgresDependency, RedisDependency, BucketDependency or other Dependency constructs`);
  }
  const seen = new Set<Dependency>();
  list.forEach((dependency, i) => {
    if (!Dependency.isDependency(dependency)) {
      throw new PavedError(path, `dependencies[${i}] (${describe(dependency)}) is not a dependency: use a PostgresDependency, RedisDependency, BucketDependency or another Dependency`);
    }
    if (dependency.environment !== environment) {
      throw new PavedError(path, `dependencies[${i}] (${dependency.node.path}) belongs to environment ${dependency.environment.node.path}, not ${environment.node.path}: a workload may use only dependencies of its own environment`);
    }
    if (seen.has(dependency)) {
      throw new PavedError(path, `dependencies[${i}] (${dependency.node.path}) is listed twice`);
    }
    seen.add(dependency);
  });
  const connections = new Map(list.map((d) => [d, d._connection()] as const));
  const variables = dependencyVariables(list, connections);
  for (const { name, dependency } of variables) {
    if (Object.prototype.hasOwnProperty.call(env, name)) {
      throw new PavedError(path, `env key ${show(name)} is also set from dependency ${dependency.name}; remove it from env`);
    }
  }
  return { list: [...list], connections, variables };
}

/** The parts of a workload its dependencies are wired into. */
export interface WiringTarget {
  readonly name: string;
  readonly namespace: string;
  readonly container: kplus.Container;
  readonly serviceAccount: kplus.ServiceAccount;
  readonly network: WorkloadNetworkPolicy;
  readonly pods: PodPeer;
}

/** The IAM role a workload assumes through IRSA. */
export interface WorkloadRole {
  readonly roleName?: string;
  readonly roleArn?: string;
}

/**
 * Wires `dependencies` into a workload: variables from each dependency's Secret, egress to each
 * on its port only, admission into in-cluster stores, and an IAM role when one is needed.
 *
 * @returns the role the workload assumes, when a dependency needs one
 */
export function wireDependencies(scope: Construct, target: WiringTarget, dependencies: ResolvedDependencies): WorkloadRole {
  const secrets = new Map<Dependency, kplus.ISecret>();
  for (const { name, dependency, variable } of dependencies.variables) {
    if (variable.secretKey === undefined) {
      target.container.env.addVariable(name, kplus.EnvValue.fromValue(variable.value!));
      continue;
    }
    if (!secrets.has(dependency)) {
      secrets.set(dependency, kplus.Secret.fromSecretName(scope, `${dependency.node.id}Secret`, dependency.secretName));
    }
    target.container.env.addVariable(name, kplus.EnvValue.fromSecretValue({ secret: secrets.get(dependency)!, key: variable.secretKey }));
  }

  const internet: string[] = [];
  for (const [dependency, connection] of dependencies.connections) {
    const egress = connection.egress;
    if ('pods' in egress) {
      target.network.reach(egress.pods, dependency.port);
    } else if ('cidrs' in egress) {
      for (const cidr of egress.cidrs) target.network.reachCidr(cidr, dependency.port);
    } else {
      target.network.reachCidr(ANY_ADDRESS, dependency.port);
      internet.push(egress.internet);
    }
    connection.admit?.(target.pods);
  }
  if (internet.length > 0) {
    target.network.apiObject.metadata.addAnnotation(EGRESS_INTERNET_ANNOTATION, internet.join('; '));
  }

  const aws = dependencies.list[0]?.environment.platform.aws;
  if (!aws || ![...dependencies.connections.values()].some((c) => c.needsRole)) return {};
  const roleName = CloudNames.serviceRoleName(target.namespace, target.name);
  const roleArn = CloudNames.roleArn(aws.accountId, roleName);
  ApiObject.of(target.serviceAccount).metadata.addAnnotation(IRSA_ROLE_ANNOTATION, roleArn);
  return { roleName, roleArn };
}
