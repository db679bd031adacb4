import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { requireInteger } from '../validate';
import { cloudConnectionSecret } from './cloud-connection-secret';
import { Dependency, DependencyConnection, DependencyKind, DependencyProps, locateDependency } from './dependency';

/** Props of a `BucketDependency`. */
export interface BucketDependencyProps extends DependencyProps {
  /**
   * How many days a replaced or deleted object's old version is kept before S3 expires it.
   *
   * @default 30
   */
  readonly noncurrentVersionExpirationDays?: number;
}

/**
 * An S3 bucket, created by `paved/pulumi` in every tier: S3 has no faithful in-cluster stand-in,
 * and an empty bucket costs nothing. Services reach it with an IAM role of their own (IRSA)
 * that the cloud side scopes to exactly this bucket, and get `BUCKET_NAME` and `AWS_REGION`
 * from its Secret. NetworkPolicies cannot name S3 or STS, so a service using a bucket gets
 * HTTPS egress to any address, declared on its policy with `paved.dev/egress-internet`.
 */
export class BucketDependency extends Dependency {
  /** The bucket's name in S3: `cloudResourceName`, checked against S3's naming rules. */
  public readonly bucketName: string;
  /** Days a noncurrent object version is kept. */
  public readonly noncurrentVersionExpirationDays: number;
  /** Writes the connection Secret. */
  public readonly externalSecret: ApiObject;

  constructor(scope: Construct, id: string, props: BucketDependencyProps = {}) {
    const { path } = locateDependency(scope, id, 'BucketDependency', props);
    const noncurrentVersionExpirationDays = props.noncurrentVersionExpirationDays ?? 30;
    requireInteger(path, 'noncurrentVersionExpirationDays', noncurrentVersionExpirationDays, 1, 3650);
    super(scope, id, DependencyKind.BUCKET, props);
    this.bucketName = this.cloudResourceName;
    this.noncurrentVersionExpirationDays = noncurrentVersionExpirationDays;
    this.externalSecret = cloudConnectionSecret(this, {
      name: this.secretName,
      labels: this._labels,
      secretStore: this._aws.secretStore,
      remoteKey: this.cloudSecretName,
      properties: ['bucket', 'region'],
    });
  }

  /** @internal */
  public _connection(): DependencyConnection {
    return {
      variables: [
        { name: 'BUCKET_NAME', secretKey: 'bucket' },
        { name: 'AWS_REGION', secretKey: 'region' },
      ],
      egress: { internet: `HTTPS to S3 and STS for bucket ${this.bucketName}: NetworkPolicies cannot select AWS endpoints by name` },
      needsRole: true,
    };
  }
}
