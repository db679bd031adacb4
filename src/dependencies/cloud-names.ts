import { createHash } from 'crypto';

/**
 * The naming contract between the two sides of a dependency. The Kubernetes side (an
 * ExternalSecret, an IRSA annotation) and the cloud side (`paved/pulumi`) never exchange runtime
 * values: each derives the same names from the platform, namespace and dependency, here.
 */
export class CloudNames {
  /**
   * The AWS Secrets Manager secret holding a dependency's connection details:
   * `paved/<platform>/<namespace>/<dependency>`.
   */
  public static secretName(platform: string, namespace: string, dependency: string): string {
    return `paved/${platform}/${namespace}/${dependency}`;
  }

  /**
   * The name of a dependency's cloud resource (RDS instance identifier, ElastiCache replication
   * group id, S3 bucket): `<platform>-<namespace>-<dependency>`, shortened with a stable hash
   * when it exceeds `maxLength` (40 for ElastiCache, 63 for RDS and S3).
   */
  public static resourceName(platform: string, namespace: string, dependency: string, maxLength: number): string {
    return CloudNames.bounded([platform, namespace, dependency], maxLength);
  }

  /** The IAM role a service assumes through IRSA: `paved-<namespace>-<service>`, at most 64 characters. */
  public static serviceRoleName(namespace: string, service: string): string {
    return CloudNames.bounded(['paved', namespace, service], 64);
  }

  /** The ARN of a role in `accountId`. */
  public static roleArn(accountId: string, roleName: string): string {
    return `arn:aws:iam::${accountId}:role/${roleName}`;
  }

  private static bounded(parts: string[], maxLength: number): string {
    const full = parts.join('-');
    if (full.length <= maxLength) return full;
    // Truncation alone could make two long names collide; the hash of the full name keeps them apart.
    const hash = createHash('sha256').update(full).digest('hex').slice(0, 8);
    return `${full.slice(0, maxLength - hash.length - 1).replace(/-+$/, '')}-${hash}`;
  }

  private constructor() {}
}
