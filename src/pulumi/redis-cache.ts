import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import * as random from '@pulumi/random';
import { createClusterOnlySecurityGroup } from './cluster-security-group';
import { ConnectionSecret } from './connection-secret';
import { createDataKey } from './data-key';
import { PavedError } from './errors';
import { guardChildren, refuseEngineTransforms } from './guard';
import { CloudNetwork } from './network';
import { ResourceScope, childOptions } from './resource-scope';
import { requireCloudDependency } from './subject';
import { dependencyTags } from './tags';
import { RedisDependency, Tier } from 'paved';

/** The port ElastiCache Redis listens on. */
const REDIS_PORT = 6379;

/**
 * Escape hatches: arguments merged over each resource's defaults. The data-security pack checks
 * the merged arguments, so an override that weakens a control fails the program with the finding.
 */
export interface RedisCacheOverrides {
  /** Merged over the KMS key's arguments. @default - none */
  readonly key?: Partial<aws.kms.KeyArgs>;
  /** Merged over the security group's arguments. @default - none */
  readonly securityGroup?: Partial<aws.ec2.SecurityGroupArgs>;
  /** Merged over the subnet group's arguments. @default - none */
  readonly subnetGroup?: Partial<aws.elasticache.SubnetGroupArgs>;
  /** Merged over the replication group's arguments. @default - none */
  readonly replicationGroup?: Partial<aws.elasticache.ReplicationGroupArgs>;
  /** Merged over the connection secret's arguments. @default - none */
  readonly secret?: Partial<aws.secretsmanager.SecretArgs>;
}

/** Props of a `RedisCache`. */
export interface RedisCacheArgs {
  /** The declaration, from the cdk8s app; its realisation must be `Realisation.CLOUD`. */
  readonly dependency: RedisDependency;
  /** The cluster's VPC, private subnets and security group. */
  readonly network: CloudNetwork;
  /**
   * The names of the services that use the cache, for the `service` tag (set when exactly one does).
   *
   * @default - none
   */
  readonly services?: string[];
  /** Escape hatches, checked by the data-security pack. @default - none */
  readonly overrides?: RedisCacheOverrides;
}

/**
 * The cloud side of a `RedisDependency`: an ElastiCache Redis replication group, secure by default.
 *
 * - Encrypted at rest with the dependency's own KMS key and in transit (TLS required).
 * - An AUTH token generated at deploy time (64 characters), kept as a Pulumi secret and written
 *   only to the connection secret.
 * - In private subnets behind a security group admitting only the cluster on 6379.
 * - Production: two nodes in different availability zones with automatic failover, 7 days of
 *   snapshots and a final snapshot; staging: one node, 1 day of snapshots.
 * - The replication group id is `dependency.cloudResourceName`; a connection secret at
 *   `dependency.cloudSecretName` holds `host`, `port` and `auth_token`.
 */
export class RedisCache extends pulumi.ComponentResource {
  /** The replication group. */
  public readonly replicationGroup: aws.elasticache.ReplicationGroup;
  /** The key encrypting the cache, its snapshots and the connection secret. */
  public readonly key: aws.kms.Key;
  /** Admits the cluster on 6379. */
  public readonly securityGroup: aws.ec2.SecurityGroup;
  /** The private subnets. */
  public readonly subnetGroup: aws.elasticache.SubnetGroup;
  /** The AUTH token, a Pulumi secret. */
  public readonly authToken: pulumi.Output<string>;
  /** Where the connection details are written. */
  public readonly connectionSecret: ConnectionSecret;

  constructor(name: string, args: RedisCacheArgs, opts?: pulumi.ComponentResourceOptions) {
    const dependency = args.dependency;
    const subject = requireCloudDependency(dependency);
    refuseEngineTransforms(subject.path, opts);
    super('paved:cloud:RedisCache', name, {}, opts);
    guardChildren(this, subject);
    const production = dependency.environment.tier.isAtLeast(Tier.PRODUCTION);
    const overrides = args.overrides ?? {};
    // The SDK wraps authToken as a secret before any transformation (and so the gate) sees it, so a
    // literal is refused here, where it enters; the gate still sees one a transformation writes.
    if (typeof overrides.replicationGroup?.authToken === 'string') {
      throw new PavedError(subject.path, 'overrides.replicationGroup.authToken is a literal string (data.cache-auth-token): a token written in the program is a secret in source control. ' +
        'Remove it: RedisCache generates the token as a Pulumi secret and writes it to the connection secret');
    }
    const scope: ResourceScope = { subject, tags: dependencyTags(dependency, args.services ?? []), options: childOptions(this, opts) };

    this.key = createDataKey(`${name}-key`, `Paved: ${subject.path} (ElastiCache data, snapshots, secret)`, scope, overrides.key);
    this.securityGroup = createClusterOnlySecurityGroup(`${name}-sg`, REDIS_PORT, args.network, scope, overrides.securityGroup);
    const subnetArgs: aws.elasticache.SubnetGroupArgs = { subnetIds: args.network.privateSubnetIds, description: `Paved: ${subject.path}`, tags: scope.tags, ...overrides.subnetGroup };
    this.subnetGroup = new aws.elasticache.SubnetGroup(`${name}-subnets`, subnetArgs, scope.options);

    // ElastiCache accepts 16-128 printable characters without @, " or /; alphanumerics avoid quoting trouble in clients.
    const token = new random.RandomPassword(`${name}-auth`, { length: 64, special: false }, scope.options);
    this.authToken = pulumi.secret(token.result);

    const groupArgs: aws.elasticache.ReplicationGroupArgs = {
      replicationGroupId: dependency.cloudResourceName,
      description: `Paved: ${subject.path}`,
      engine: 'redis',
      engineVersion: dependency.version,
      autoMinorVersionUpgrade: true,
      nodeType: dependency.size.nodeType,
      port: REDIS_PORT,
      // One node per copy of the dependency; failover and Multi-AZ need the second.
      numCacheClusters: dependency.cloudCopies,
      automaticFailoverEnabled: dependency.cloudCopies > 1,
      multiAzEnabled: dependency.cloudCopies > 1,
      subnetGroupName: this.subnetGroup.name,
      securityGroupIds: [this.securityGroup.id],
      atRestEncryptionEnabled: true,
      kmsKeyId: this.key.arn,
      transitEncryptionEnabled: true,
      // Redis 7 can also accept plain connections during a migration ("preferred"); refuse them. 6.2 only knows TLS-on.
      ...(majorVersion(dependency.version) >= 7 ? { transitEncryptionMode: 'required' } : {}),
      authToken: this.authToken,
      snapshotRetentionLimit: production ? 7 : 1,
      ...(production ? { finalSnapshotIdentifier: `${dependency.cloudResourceName}-final` } : {}),
      applyImmediately: !production,
      tags: scope.tags,
      ...overrides.replicationGroup,
    };
    this.replicationGroup = new aws.elasticache.ReplicationGroup(name, groupArgs, scope.options);

    this.connectionSecret = new ConnectionSecret(`${name}-connection`, {
      secretName: dependency.cloudSecretName,
      values: { host: this.replicationGroup.primaryEndpointAddress, port: REDIS_PORT, auth_token: this.authToken },
      kmsKeyId: this.key.arn,
      scope,
      recoveryWindowInDays: production ? 30 : 7,
      override: overrides.secret,
    }, { parent: this });

    this.registerOutputs({ address: this.replicationGroup.primaryEndpointAddress, secretArn: this.connectionSecret.secret.arn });
  }
}

/** `7` for `7.1`. */
function majorVersion(version: string): number {
  return Number(version.split('.')[0]);
}
