import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { ConnectionSecret } from './connection-secret';
import { createDataKey } from './data-key';
import { guardChildren, refuseEngineTransforms } from './guard';
import { ResourceScope, childOptions } from './resource-scope';
import { requireCloudDependency } from './subject';
import { dependencyTags } from './tags';
import { BucketDependency, Tier } from 'paved';

/** Uploads abandoned this long are removed: their parts are billed but never visible. */
const ABORT_INCOMPLETE_UPLOADS_AFTER_DAYS = 7;

/**
 * Escape hatches: arguments merged over each resource's defaults. The data-security pack checks
 * the merged arguments, so an override that weakens a control fails the program with the finding.
 */
export interface SecureBucketOverrides {
  /** Merged over the KMS key's arguments. @default - none */
  readonly key?: Partial<aws.kms.KeyArgs>;
  /** Merged over the bucket's arguments. @default - none */
  readonly bucket?: Partial<aws.s3.BucketArgs>;
  /** Merged over the public access block's arguments. @default - none */
  readonly publicAccessBlock?: Partial<aws.s3.BucketPublicAccessBlockArgs>;
  /** Merged over the ownership controls' arguments. @default - none */
  readonly ownershipControls?: Partial<aws.s3.BucketOwnershipControlsArgs>;
  /** Merged over the encryption configuration's arguments. @default - none */
  readonly encryption?: Partial<aws.s3.BucketServerSideEncryptionConfigurationArgs>;
  /** Merged over the versioning's arguments. @default - none */
  readonly versioning?: Partial<aws.s3.BucketVersioningArgs>;
  /** Merged over the lifecycle configuration's arguments. @default - none */
  readonly lifecycle?: Partial<aws.s3.BucketLifecycleConfigurationArgs>;
  /** Merged over the bucket policy's arguments. @default - none */
  readonly policy?: Partial<aws.s3.BucketPolicyArgs>;
  /** Merged over the connection secret's arguments. @default - none */
  readonly secret?: Partial<aws.secretsmanager.SecretArgs>;
}

/** Props of a `SecureBucket`. */
export interface SecureBucketArgs {
  /** The declaration, from the cdk8s app; its realisation must be `Realisation.CLOUD`. */
  readonly dependency: BucketDependency;
  /**
   * The names of the services that use the bucket, for the `service` tag (set when exactly one does).
   *
   * @default - none
   */
  readonly services?: string[];
  /** Escape hatches, checked by the data-security pack. @default - none */
  readonly overrides?: SecureBucketOverrides;
}

/**
 * The cloud side of a `BucketDependency`: an S3 bucket named `dependency.bucketName`, secure by default.
 *
 * - All four public-access blocks; ACLs disabled (`BucketOwnerEnforced`).
 * - SSE-KMS with the dependency's own key and an S3 bucket key (fewer KMS calls, lower cost).
 * - Versioning, with noncurrent versions expiring after `dependency.noncurrentVersionExpirationDays`
 *   and incomplete multipart uploads aborted after 7 days.
 * - A bucket policy denying every request made without TLS.
 * - A connection secret at `dependency.cloudSecretName` holding `bucket` and `region`.
 *
 * Services reach it through their `ServiceRole`, which grants object access on this bucket and
 * use of this key only.
 */
export class SecureBucket extends pulumi.ComponentResource {
  /** The bucket's name: `dependency.bucketName`. */
  public readonly bucketName: string;
  /** The bucket. */
  public readonly bucket: aws.s3.Bucket;
  /** The key encrypting its objects and the connection secret. */
  public readonly key: aws.kms.Key;
  /** Where the connection details are written. */
  public readonly connectionSecret: ConnectionSecret;

  constructor(name: string, args: SecureBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    const dependency = args.dependency;
    const subject = requireCloudDependency(dependency);
    refuseEngineTransforms(subject.path, opts);
    super('paved:cloud:SecureBucket', name, {}, opts);
    guardChildren(this, subject);
    const production = dependency.environment.tier.isAtLeast(Tier.PRODUCTION);
    const overrides = args.overrides ?? {};
    const scope: ResourceScope = { subject, tags: dependencyTags(dependency, args.services ?? []), options: childOptions(this, opts) };

    this.bucketName = dependency.bucketName;
    this.key = createDataKey(`${name}-key`, `Paved: ${subject.path} (S3 objects, secret)`, scope, overrides.key);

    // Never forceDestroy: deleting the stack must not delete the data with it.
    const bucketArgs: aws.s3.BucketArgs = { bucket: this.bucketName, forceDestroy: false, tags: scope.tags, ...overrides.bucket };
    this.bucket = new aws.s3.Bucket(name, bucketArgs, scope.options);

    const publicAccessArgs: aws.s3.BucketPublicAccessBlockArgs = {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
      ...overrides.publicAccessBlock,
    };
    const publicAccess = new aws.s3.BucketPublicAccessBlock(`${name}-public-access`, publicAccessArgs, scope.options);

    const ownershipArgs: aws.s3.BucketOwnershipControlsArgs = { bucket: this.bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' }, ...overrides.ownershipControls };
    new aws.s3.BucketOwnershipControls(`${name}-ownership`, ownershipArgs, scope.options);

    const encryptionArgs: aws.s3.BucketServerSideEncryptionConfigurationArgs = {
      bucket: this.bucket.id,
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: this.key.arn }, bucketKeyEnabled: true }],
      ...overrides.encryption,
    };
    new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-encryption`, encryptionArgs, scope.options);

    const versioningArgs: aws.s3.BucketVersioningArgs = { bucket: this.bucket.id, versioningConfiguration: { status: 'Enabled' }, ...overrides.versioning };
    const versioning = new aws.s3.BucketVersioning(`${name}-versioning`, versioningArgs, scope.options);

    const lifecycleArgs: aws.s3.BucketLifecycleConfigurationArgs = {
      // Through the versioning resource: S3 rejects noncurrent-version rules before versioning is configured.
      bucket: versioning.bucket,
      rules: [{
        id: 'paved-expire-old-versions',
        status: 'Enabled',
        filter: {},
        noncurrentVersionExpiration: { noncurrentDays: dependency.noncurrentVersionExpirationDays },
        abortIncompleteMultipartUpload: { daysAfterInitiation: ABORT_INCOMPLETE_UPLOADS_AFTER_DAYS },
      }],
      ...overrides.lifecycle,
    };
    new aws.s3.BucketLifecycleConfiguration(`${name}-lifecycle`, lifecycleArgs, scope.options);

    const policyArgs: aws.s3.BucketPolicyArgs = {
      // Through the public access block: both write the bucket's policy settings, and S3 answers concurrent changes with a conflict.
      bucket: publicAccess.bucket,
      policy: {
        Version: '2012-10-17',
        Statement: [{
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: [this.bucket.arn, pulumi.interpolate`${this.bucket.arn}/*`],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }],
      },
      ...overrides.policy,
    };
    new aws.s3.BucketPolicy(`${name}-policy`, policyArgs, scope.options);

    this.connectionSecret = new ConnectionSecret(`${name}-connection`, {
      secretName: dependency.cloudSecretName,
      values: { bucket: this.bucket.bucket, region: subject.platform.aws!.region },
      kmsKeyId: this.key.arn,
      scope,
      recoveryWindowInDays: production ? 30 : 7,
      override: overrides.secret,
    }, { parent: this });

    this.registerOutputs({ bucket: this.bucket.bucket, secretArn: this.connectionSecret.secret.arn });
  }
}

