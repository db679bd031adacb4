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
   * group id, S3 bucket): `<platform>-<namespace>-<dependency>-<hash>`, shortened when it exceeds
   * `maxLength` (40 for ElastiCache, 63 for RDS and S3).
   */
  public static resourceName(platform: string, namespace: string, dependency: string, maxLength: number): string {
    return CloudNames.unique([platform, namespace, dependency], maxLength);
  }

  /** The IAM role a service assumes through IRSA: `paved-<namespace>-<service>-<hash>`, at most 64 characters. */
  public static serviceRoleName(namespace: string, service: string): string {
    return CloudNames.unique(['paved', namespace, service], 64);
  }

  /**
   * The IAM role KEDA assumes to read one queue's length: `paved-<namespace>-<queue>-scaler-<hash>`,
   * at most 64 characters. A separate role from the workloads' own, so the scaler can read the
   * queue's attributes and nothing else.
   */
  public static queueScalerRoleName(namespace: string, queue: string): string {
    return CloudNames.unique(['paved', namespace, queue, 'scaler'], 64);
  }

  /** The ARN of an SQS queue named `queueName` in `accountId` and `region`. */
  public static queueArn(region: string, accountId: string, queueName: string): string {
    return `arn:aws:sqs:${region}:${accountId}:${queueName}`;
  }

  /** The URL SDKs and KEDA address an SQS queue by. */
  public static queueUrl(region: string, accountId: string, queueName: string): string {
    return `https://sqs.${region}.amazonaws.com/${accountId}/${queueName}`;
  }

  /** The ARN of a role in `accountId`. */
  public static roleArn(accountId: string, roleName: string): string {
    return `arn:aws:iam::${accountId}:role/${roleName}`;
  }

  /**
   * Joins `parts` with "-" and appends a hash of the parts themselves. The hash is what keeps
   * names apart: "-" also occurs inside namespaces and dependency names, so namespace
   * `payments-prod` with `orders-db` and namespace `payments` with `prod-orders-db` join to the
   * same text, and truncation to fit AWS limits can merge two long names.
   */
  private static unique(parts: string[], maxLength: number): string {
    const hash = createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 6);
    const readable = parts.join('-').slice(0, maxLength - hash.length - 1).replace(/-+$/, '');
    return `${readable}-${hash}`;
  }

  private constructor() {}
}
