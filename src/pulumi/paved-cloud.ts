import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { IConstruct } from 'constructs';
import { PavedError } from './errors';
import { guardChildren, refuseEngineTransforms } from './guard';
import { CloudCluster, CloudNetwork } from './network';
import { PostgresDatabase, PostgresDatabaseOverrides } from './postgres-database';
import { RedisCache, RedisCacheOverrides } from './redis-cache';
import { SecureBucket, SecureBucketOverrides } from './secure-bucket';
import { SecureQueue, SecureQueueOverrides } from './secure-queue';
import { QueueGrant, ServiceRole, ServiceRoleOverrides } from './service-role';
import { BucketDependency, Dependency, Environment, PostgresDependency, QueueDependency, Realisation, RedisDependency, Workload } from 'paved';

/** An AWS account ID: twelve digits. */
const ACCOUNT_ID = /^[0-9]{12}$/;

/** The outcome of the account check: the verified account, or why the stack must not deploy. */
interface AccountCheck {
  readonly accountId?: string;
  readonly error?: Error;
}

/** Escape hatches for the components PavedCloud creates, keyed by the construct path of the dependency or service (e.g. `payments-prod/orders-db`). */
export interface PavedCloudOverrides {
  /** Overrides of each `PostgresDatabase`. @default - none */
  readonly postgres?: { readonly [dependencyPath: string]: PostgresDatabaseOverrides };
  /** Overrides of each `RedisCache`. @default - none */
  readonly redis?: { readonly [dependencyPath: string]: RedisCacheOverrides };
  /** Overrides of each `SecureBucket`. @default - none */
  readonly buckets?: { readonly [dependencyPath: string]: SecureBucketOverrides };
  /** Overrides of each `SecureQueue`. @default - none */
  readonly queues?: { readonly [dependencyPath: string]: SecureQueueOverrides };
  /** Overrides of each `ServiceRole`. @default - none */
  readonly serviceRoles?: { readonly [servicePath: string]: ServiceRoleOverrides };
}

/** Props of `PavedCloud`. */
export interface PavedCloudArgs {
  /** The cdk8s App (or any scope) holding the environments, services and dependencies. */
  readonly app: IConstruct;
  /** The cluster's VPC, private subnets and security group. */
  readonly network: CloudNetwork;
  /** The cluster's OIDC provider, which service roles trust. */
  readonly cluster: CloudCluster;
  /**
   * The namespaces of the environments this stack realises. A stack deploys into one AWS
   * account and cluster, so a stack per cluster names the environments that run there.
   *
   * @default - every environment in `app`
   */
  readonly environments?: string[];
  /** Escape hatches, checked by the data-security pack like the defaults. @default - none */
  readonly overrides?: PavedCloudOverrides;
}

/** Where a dependency can be reached, as exported from the stack. No secret values: those stay in the connection secret. */
export interface CloudEndpoint {
  /** `postgres`, `redis`, `bucket` or `queue`. */
  readonly kind: string;
  /** The Secrets Manager secret holding the connection details. */
  readonly secretName: string;
  /** The database or cache host; absent for buckets and queues. */
  readonly host?: string;
  /** The port; absent for buckets and queues. */
  readonly port?: number;
  /** The bucket's name; only for buckets. */
  readonly bucket?: string;
  /** The queue's URL; only for queues. */
  readonly queueUrl?: string;
  /** The dead-letter queue's URL, where people inspect and redrive failed messages; only for queues. */
  readonly deadLetterQueueUrl?: string;
}

/**
 * The cloud side of every dependency in a cdk8s app, from the same declarations the Kubernetes
 * side is synthesized from.
 *
 * Walks the app for dependencies realised in the cloud (staging and production) and creates a
 * `PostgresDatabase`, `RedisCache`, `SecureBucket` or `SecureQueue` for each, and a `ServiceRole`
 * for each service that uses a bucket or a queue. In-cluster dependencies (preview, development)
 * create nothing here.
 *
 * Before anything is created it checks that the AWS account and region the stack deploys to are
 * the platform's (`platform.aws.accountId` and `region`): the Kubernetes side has already written
 * role ARNs and secret names for that account. Every resource's arguments are checked against the
 * data-security policy pack before it is created.
 *
 * The platform's External Secrets role must be able to read the connection secrets (named
 * `paved/<platform>/...`) and decrypt with the dependencies' keys (tagged `managed-by: paved`).
 */
export class PavedCloud extends pulumi.ComponentResource {
  /** Each dependency's endpoint, keyed `<namespace>/<dependency>`. */
  public readonly endpoints: { [dependency: string]: pulumi.Output<CloudEndpoint> } = {};
  /** The databases, keyed `<namespace>/<dependency>`. */
  public readonly databases: { [dependency: string]: PostgresDatabase } = {};
  /** The caches, keyed `<namespace>/<dependency>`. */
  public readonly caches: { [dependency: string]: RedisCache } = {};
  /** The buckets, keyed `<namespace>/<dependency>`. */
  public readonly buckets: { [dependency: string]: SecureBucket } = {};
  /** The queues, keyed `<namespace>/<dependency>`. */
  public readonly queues: { [dependency: string]: SecureQueue } = {};
  /** The service roles, keyed `<namespace>/<service>`. */
  public readonly serviceRoles: { [service: string]: ServiceRole } = {};
  /**
   * The AWS account deployed to, once verified to be the platform's; rejects otherwise, and is
   * then the deployment's one error: nothing is created, and nothing else fails. A promise rather
   * than an Output: one rejection, reported once (by Pulumi when the program leaves it unhandled,
   * or where a test or the stack's outputs await it).
   */
  public readonly verifiedAccountId: Promise<string>;

  constructor(name: string, args: PavedCloudArgs, opts?: pulumi.ComponentResourceOptions) {
    const where = `PavedCloud(${name})`;
    refuseEngineTransforms(where, opts);
    super('paved:cloud:PavedCloud', name, {}, opts);
    guardChildren(this, undefined, where);
    const selected = (environment: Environment) => args.environments === undefined || args.environments.includes(environment.namespace!);
    const constructs = args.app.node.findAll();
    const environments = constructs.filter(Environment.isEnvironment).filter(selected);
    const dependencies = constructs.filter(Dependency.isDependency).filter((d) => d.realisation === Realisation.CLOUD && selected(d.environment));
    const services = constructs.filter((c): c is Workload => Workload.isWorkload(c) && selected(c.environment));
    validateSelection(where, args.environments, constructs);

    const check = this.verifyAccount(where, environments);
    // Unhandled unless the program awaits or exports it: then Pulumi reports it, once.
    this.verifiedAccountId = check.then((outcome) => outcome.accountId ?? Promise.reject(outcome.error));
    // Every component waits for the account check, so nothing is created in the wrong account.
    // When the check fails they wait for ever rather than fail: each failed registration would
    // report its own copy of the error (hundreds under a test runner), while a resource that is
    // never registered reports nothing, and with the error logged Pulumi ends the program without
    // its warning about pending promises. (Roles exist only beside buckets and queues, so without
    // dependencies there is nothing to hold back.)
    const verified: Promise<pulumi.Resource[]> | undefined = dependencies.length === 0 ? undefined
      : check.then((outcome) => (outcome.accountId === undefined ? new Promise<never>(() => undefined) : []));
    const children: pulumi.ComponentResourceOptions = verified === undefined ? { parent: this } : { parent: this, dependsOn: verified };
    const overrides = args.overrides ?? {};
    validateOverrides(where, overrides, dependencies, services);
    validateConsumers(dependencies, services);
    const users = (d: Dependency) => services.filter((s) => s.dependencies.includes(d)).map((s) => s.name).sort();

    for (const dependency of dependencies) {
      const key = `${dependency.environment.namespace}/${dependency.name}`;
      const id = `${dependency.environment.namespace}-${dependency.name}`;
      const path = dependency.node.path;
      const secretName = dependency.cloudSecretName;
      const common = { network: args.network, services: users(dependency) };
      if (dependency instanceof PostgresDependency) {
        const db = new PostgresDatabase(id, { ...common, dependency, overrides: overrides.postgres?.[path] }, children);
        this.databases[key] = db;
        this.endpoints[key] = pulumi.output({ kind: dependency.kind, secretName, host: db.instance.address, port: db.instance.port });
      } else if (dependency instanceof RedisDependency) {
        const cache = new RedisCache(id, { ...common, dependency, overrides: overrides.redis?.[path] }, children);
        this.caches[key] = cache;
        const host = cache.replicationGroup.primaryEndpointAddress;
        this.endpoints[key] = pulumi.output({ kind: dependency.kind, secretName, host, port: dependency.port });
      } else if (dependency instanceof BucketDependency) {
        const bucket = new SecureBucket(id, { services: common.services, dependency, overrides: overrides.buckets?.[path] }, children);
        this.buckets[key] = bucket;
        this.endpoints[key] = pulumi.output({ kind: dependency.kind, secretName, bucket: bucket.bucket.bucket });
      } else if (dependency instanceof QueueDependency) {
        const queueArgs = { services: common.services, dependency, cluster: args.cluster, overrides: overrides.queues?.[path] };
        const queue = new SecureQueue(id, queueArgs, children);
        this.queues[key] = queue;
        const urls = { queueUrl: queue.queue.url, deadLetterQueueUrl: queue.deadLetterQueue.url };
        this.endpoints[key] = pulumi.output({ kind: dependency.kind, secretName, ...urls });
      } else {
        throw new PavedError(path, `dependency kind ${dependency.kind} has no cloud component in paved/pulumi`);
      }
    }

    for (const service of services) {
      const cloud = service.dependencies.filter((d) => d.realisation === Realisation.CLOUD);
      const buckets = cloud.filter((d) => d instanceof BucketDependency).map((d) => this.buckets[`${d.environment.namespace}/${d.name}`]);
      const queues: QueueGrant[] = cloud.filter((d): d is QueueDependency => d instanceof QueueDependency).map((d) => ({
        queue: this.queues[`${d.environment.namespace}/${d.name}`],
        access: d.consumers.includes(service.name) ? 'receive' : 'send',
      }));
      if (buckets.length === 0 && queues.length === 0) continue;
      const namespace = service.environment.namespace;
      this.serviceRoles[`${namespace}/${service.name}`] = new ServiceRole(`${namespace}-${service.name}`, {
        service, cluster: args.cluster, buckets, queues, overrides: overrides.serviceRoles?.[service.node.path],
      }, children);
    }

    this.registerOutputs({ endpoints: this.endpoints });
  }

  /**
   * The deployment's account, or the error that the account (or the region) is not the one the
   * environments' platform names. Never rejects: the caller decides who sees the error.
   */
  private verifyAccount(where: string, environments: Environment[]): Promise<AccountCheck> {
    const targets = new Map<string, { accountId: string; region: string }>();
    for (const { platform } of environments) {
      if (platform.aws !== undefined) targets.set(`${platform.aws.accountId}/${platform.aws.region}`, platform.aws);
    }
    if (targets.size > 1) {
      throw new PavedError(where, `the selected environments deploy to more than one AWS account or region (${[...targets.keys()].sort().join(', ')}); give each its own stack with the environments option`);
    }
    const [target] = [...targets.values()];
    const lookups = Promise.all([aws.getCallerIdentity({}, { parent: this }), aws.getRegion({}, { parent: this })]);
    return lookups.then(([identity, current]) => {
      const accountId = identity?.accountId;
      const region = current?.region ?? current?.name;
      if (!ACCOUNT_ID.test(String(accountId)) || typeof region !== 'string' || region === '') {
        // Real credentials always name a 12-digit account; an answer without one comes from mocks
        // that answer every call with its inputs.
        return { error: new PavedError(where, `the AWS lookups answered account ${JSON.stringify(accountId)} and region ${JSON.stringify(region)}, not a 12-digit account ID and a region: under Pulumi mocks, answer aws:index/getCallerIdentity and aws:index/getRegion with the platform's (new PavedMocks({ platform }) from paved/pulumi does)`) };
      }
      if (target !== undefined && (accountId !== target.accountId || region !== target.region)) {
        return { error: new PavedError(where, `the stack deploys to AWS account ${accountId} in ${region}, but the platform's resources belong to account ${target.accountId} in ${target.region}: select the platform's account and region (AWS profile or provider settings) and deploy again`) };
      }
      return { accountId };
    }, (error) => ({ error: error instanceof Error ? error : new Error(String(error)) }));
  }
}

/** Every selected namespace must exist: a typo would silently deploy nothing. */
function validateSelection(where: string, environments: string[] | undefined, constructs: IConstruct[]): void {
  if (environments === undefined) return;
  const namespaces = new Set(constructs.filter(Environment.isEnvironment).map((e) => e.namespace!));
  const unknown = environments.filter((n) => !namespaces.has(n));
  if (unknown.length > 0) {
    throw new PavedError(where, `environments ${JSON.stringify(unknown)} match no environment of the app (known: ${[...namespaces].sort().join(', ')})`);
  }
}

/** Every override must name a dependency or service of the right kind: a typo would silently keep the default. */
function validateOverrides(where: string, overrides: PavedCloudOverrides, dependencies: Dependency[], services: Workload[]): void {
  const expected: { [group: string]: string[] } = {
    postgres: dependencies.filter((d) => d instanceof PostgresDependency).map((d) => d.node.path),
    redis: dependencies.filter((d) => d instanceof RedisDependency).map((d) => d.node.path),
    buckets: dependencies.filter((d) => d instanceof BucketDependency).map((d) => d.node.path),
    queues: dependencies.filter((d) => d instanceof QueueDependency).map((d) => d.node.path),
    serviceRoles: services.map((s) => s.node.path),
  };
  for (const [group, byPath] of Object.entries(overrides)) {
    const known = expected[group] ?? [];
    for (const path of Object.keys(byPath ?? {})) {
      if (!known.includes(path)) {
        throw new PavedError(where, `overrides.${group} names ${JSON.stringify(path)}, which is not a ${group} dependency or service realised by this stack (known: ${known.join(', ') || 'none'})`);
      }
    }
  }
}

/**
 * Every consumer a queue names must be a service that lists the queue: a misspelt name would
 * leave the real consumer with send-only permissions, and the error would surface only when it
 * first receives.
 */
function validateConsumers(dependencies: Dependency[], services: Workload[]): void {
  for (const queue of dependencies.filter((d): d is QueueDependency => d instanceof QueueDependency)) {
    const users = services.filter((s) => s.environment === queue.environment && s.dependencies.includes(queue)).map((s) => s.name).sort();
    const unknown = queue.consumers.filter((c) => !users.includes(c));
    if (unknown.length > 0) {
      throw new PavedError(queue.node.path, `consumers ${JSON.stringify(unknown)} name no service that lists the queue among its dependencies (services using it: ${users.join(', ') || 'none'})`);
    }
  }
}
