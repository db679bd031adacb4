import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { createClusterOnlySecurityGroup } from './cluster-security-group';
import { ConnectionSecret } from './connection-secret';
import { createDataKey } from './data-key';
import { guardChildren, refuseEngineTransforms } from './guard';
import { CloudNetwork } from './network';
import { ResourceScope, childOptions } from './resource-scope';
import { requireCloudDependency } from './subject';
import { dependencyTags } from './tags';
import { PostgresDependency, Tier } from 'paved';

/** The port RDS PostgreSQL listens on. */
const POSTGRES_PORT = 5432;

/**
 * Escape hatches: arguments merged over each resource's defaults. The data-security pack checks
 * the merged arguments, so an override that weakens a control fails the program with the finding.
 */
export interface PostgresDatabaseOverrides {
  /** Merged over the KMS key's arguments. @default - none */
  readonly key?: Partial<aws.kms.KeyArgs>;
  /** Merged over the security group's arguments. @default - none */
  readonly securityGroup?: Partial<aws.ec2.SecurityGroupArgs>;
  /** Merged over the subnet group's arguments. @default - none */
  readonly subnetGroup?: Partial<aws.rds.SubnetGroupArgs>;
  /** Merged over the parameter group's arguments. @default - none */
  readonly parameterGroup?: Partial<aws.rds.ParameterGroupArgs>;
  /** Merged over the RDS instance's arguments. @default - none */
  readonly instance?: Partial<aws.rds.InstanceArgs>;
  /** Merged over the connection secret's arguments. @default - none */
  readonly secret?: Partial<aws.secretsmanager.SecretArgs>;
}

/** Props of a `PostgresDatabase`. */
export interface PostgresDatabaseArgs {
  /** The declaration, from the cdk8s app; its realisation must be `Realisation.CLOUD`. */
  readonly dependency: PostgresDependency;
  /** The cluster's VPC, private subnets and security group. */
  readonly network: CloudNetwork;
  /**
   * The names of the services that use the database, for the `service` tag (set when exactly one does).
   *
   * @default - none
   */
  readonly services?: string[];
  /** Escape hatches, checked by the data-security pack. @default - none */
  readonly overrides?: PostgresDatabaseOverrides;
}

/**
 * The cloud side of a `PostgresDependency`: an RDS PostgreSQL instance, secure by default.
 *
 * - Storage, Performance Insights and the RDS-managed master secret encrypted with the
 *   dependency's own KMS key (rotating yearly).
 * - Private: not publicly accessible, in a subnet group of private subnets, behind a security
 *   group that admits only the cluster on 5432.
 * - TLS forced by a parameter group (`rds.force_ssl=1`); IAM database authentication on.
 * - The master password is generated and rotated by RDS in Secrets Manager
 *   (`manageMasterUserPassword`); the Kubernetes side finds it by the `aws:rds:primaryDBInstanceArn`
 *   tag RDS sets, which is why the instance identifier is `dependency.cloudResourceName`.
 * - Backups 35 days in production, 7 in staging; production adds deletion protection, a final
 *   snapshot and Multi-AZ.
 * - `postgresql` and `upgrade` logs exported to CloudWatch; storage grows from the size's
 *   allocation up to its ceiling.
 * - A connection secret at `dependency.cloudSecretName` with `host`, `port`, `dbname`, `username`.
 */
export class PostgresDatabase extends pulumi.ComponentResource {
  /** The instance. */
  public readonly instance: aws.rds.Instance;
  /** The key encrypting storage, backups, Performance Insights and both secrets. */
  public readonly key: aws.kms.Key;
  /** Admits the cluster on 5432. */
  public readonly securityGroup: aws.ec2.SecurityGroup;
  /** Forces TLS. */
  public readonly parameterGroup: aws.rds.ParameterGroup;
  /** The private subnets. */
  public readonly subnetGroup: aws.rds.SubnetGroup;
  /** Where the connection details are written. */
  public readonly connectionSecret: ConnectionSecret;

  constructor(name: string, args: PostgresDatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    const dependency = args.dependency;
    const subject = requireCloudDependency(dependency);
    refuseEngineTransforms(subject.path, opts);
    super('paved:cloud:PostgresDatabase', name, {}, opts);
    guardChildren(this, subject);
    const production = dependency.environment.tier.isAtLeast(Tier.PRODUCTION);
    const overrides = args.overrides ?? {};
    const scope: ResourceScope = { subject, tags: dependencyTags(dependency, args.services ?? []), options: childOptions(this, opts) };

    this.key = createDataKey(`${name}-key`, `Paved: ${subject.path} (RDS storage, backups, secrets)`, scope, overrides.key);
    this.securityGroup = createClusterOnlySecurityGroup(`${name}-sg`, POSTGRES_PORT, args.network, scope, overrides.securityGroup);

    const subnetArgs: aws.rds.SubnetGroupArgs = { subnetIds: args.network.privateSubnetIds, description: `Paved: ${subject.path}`, tags: scope.tags, ...overrides.subnetGroup };
    this.subnetGroup = new aws.rds.SubnetGroup(`${name}-subnets`, subnetArgs, scope.options);

    const parameterArgs: aws.rds.ParameterGroupArgs = {
      family: `postgres${majorVersion(dependency.version)}`,
      description: `Paved: ${subject.path}`,
      parameters: [{ name: 'rds.force_ssl', value: '1' }],
      tags: scope.tags,
      ...overrides.parameterGroup,
    };
    this.parameterGroup = new aws.rds.ParameterGroup(`${name}-params`, parameterArgs, scope.options);

    const identifier = dependency.cloudResourceName;
    const instanceArgs: aws.rds.InstanceArgs = {
      identifier,
      engine: 'postgres',
      engineVersion: dependency.version,
      autoMinorVersionUpgrade: true,
      instanceClass: dependency.size.instanceClass,
      storageType: 'gp3',
      allocatedStorage: dependency.size.allocatedStorageGib,
      maxAllocatedStorage: dependency.size.maxAllocatedStorageGib,
      storageEncrypted: true,
      kmsKeyId: this.key.arn,
      dbName: dependency.databaseName,
      username: dependency.username,
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: this.key.arn,
      iamDatabaseAuthenticationEnabled: true,
      publiclyAccessible: false,
      dbSubnetGroupName: this.subnetGroup.name,
      vpcSecurityGroupIds: [this.securityGroup.id],
      parameterGroupName: this.parameterGroup.name,
      // The standby is the second of the dependency's copies (production and up).
      multiAz: dependency.cloudCopies > 1,
      backupRetentionPeriod: production ? 35 : 7,
      copyTagsToSnapshot: true,
      deletionProtection: production,
      skipFinalSnapshot: !production,
      ...(production ? { finalSnapshotIdentifier: `${identifier}-final` } : {}),
      // Production keeps its automated backups after the instance is gone; staging cleans up.
      deleteAutomatedBackups: !production,
      enabledCloudwatchLogsExports: ['postgresql', 'upgrade'],
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: this.key.arn,
      performanceInsightsRetentionPeriod: 7,
      // Changes wait for the maintenance window in production rather than restarting now.
      applyImmediately: !production,
      tags: scope.tags,
      ...overrides.instance,
    };
    this.instance = new aws.rds.Instance(name, instanceArgs, scope.options);

    this.connectionSecret = new ConnectionSecret(`${name}-connection`, {
      secretName: dependency.cloudSecretName,
      values: { host: this.instance.address, port: this.instance.port, dbname: dependency.databaseName, username: dependency.username },
      kmsKeyId: this.key.arn,
      scope,
      recoveryWindowInDays: production ? 30 : 7,
      override: overrides.secret,
    }, { parent: this });

    this.registerOutputs({ address: this.instance.address, port: this.instance.port, secretArn: this.connectionSecret.secret.arn });
  }
}

/** `16` for `16` or `16.4`: parameter group families name the major version only. */
function majorVersion(version: string): string {
  return version.split('.')[0];
}
