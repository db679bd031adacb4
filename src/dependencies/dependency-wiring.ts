import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { CloudNames } from './cloud-names';
import { Dependency, DependencyVariable } from './dependency';
import { PodPeer } from '../network/pod-peer';
import { WorkloadNetworkPolicy } from '../network/workload-network-policy';
import { EGRESS_INTERNET_ANNOTATION } from '../platform/annotations';

/** The ServiceAccount annotation the EKS pod identity webhook reads to inject a role (IRSA). */
export const IRSA_ROLE_ANNOTATION = 'eks.amazonaws.com/role-arn';
/** Any address, for egress that cannot be narrowed by a NetworkPolicy. */
const ANY_ADDRESS = '0.0.0.0/0';

/** One environment variable a service gets from one of its dependencies. */
export interface NamedDependencyVariable {
  readonly name: string;
  readonly dependency: Dependency;
  readonly variable: DependencyVariable;
}

/**
 * The variables a service gets from `dependencies`, with their final names.
 *
 * The rule: a service with one dependency of a kind gets the standard names (`PGHOST`,
 * `REDIS_HOST`, `BUCKET_NAME`...), which client libraries read without configuration. With two
 * or more of a kind, every one of those is prefixed with its dependency's name in upper case,
 * "-" becoming "_" (`ORDERS_DB_PGHOST`, `LEDGER_DB_PGHOST`), so none of them silently becomes the
 * default.
 */
export function dependencyVariables(dependencies: Dependency[]): NamedDependencyVariable[] {
  const perKind = new Map<string, number>();
  for (const d of dependencies) perKind.set(d.kind, (perKind.get(d.kind) ?? 0) + 1);
  return dependencies.flatMap((dependency) => {
    const prefix = perKind.get(dependency.kind)! > 1 ? `${dependency.name.toUpperCase().replace(/-/g, '_')}_` : '';
    return dependency._connection().variables.map((variable) => ({ name: `${prefix}${variable.name}`, dependency, variable }));
  });
}

/** The parts of a service its dependencies are wired into. */
export interface WiringTarget {
  readonly name: string;
  readonly namespace: string;
  readonly container: kplus.Container;
  readonly serviceAccount: kplus.ServiceAccount;
  readonly network: WorkloadNetworkPolicy;
  readonly pods: PodPeer;
}

/**
 * Wires `dependencies` into a service: variables from each dependency's Secret, egress to each
 * on its port only, admission into in-cluster stores, and an IAM role when one is needed.
 *
 * @returns the role the service assumes, when a dependency needs one
 */
export function wireDependencies(scope: Construct, target: WiringTarget, dependencies: Dependency[]): { roleName?: string; roleArn?: string } {
  const secrets = new Map<Dependency, kplus.ISecret>();
  for (const { name, dependency, variable } of dependencyVariables(dependencies)) {
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
  for (const dependency of dependencies) {
    const connection = dependency._connection();
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

  const aws = dependencies[0]?.environment.platform.aws;
  if (!aws || !dependencies.some((d) => d._connection().needsRole)) return {};
  const roleName = CloudNames.serviceRoleName(target.namespace, target.name);
  const roleArn = CloudNames.roleArn(aws.accountId, roleName);
  ApiObject.of(target.serviceAccount).metadata.addAnnotation(IRSA_ROLE_ANNOTATION, roleArn);
  return { roleName, roleArn };
}
