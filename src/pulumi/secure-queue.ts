import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { ConnectionSecret } from './connection-secret';
import { createDataKey } from './data-key';
import { guardChildren, refuseEngineTransforms } from './guard';
import { CloudCluster } from './network';
import { PolicySubject, oidcIssuer } from './policy-gate';
import { ResourceScope, childOptions } from './resource-scope';
import { requireCloudDependency } from './subject';
import { dependencyTags } from './tags';
import { QueueDependency, Tier } from 'paved';

/** The audience EKS projects into service account tokens meant for STS. */
const STS_AUDIENCE = 'sts.amazonaws.com';
/** The longest SQS keeps a message: a dead letter stays as long as it can, for people to look at. */
const DEAD_LETTER_RETENTION_SECONDS = 14 * 86400;
/** How long SQS reuses a data key before asking KMS again: fewer KMS requests, at SQS's default. */
const DATA_KEY_REUSE_SECONDS = 300;
/** Long polling: a receive waits up to 20 seconds for a message, so idle consumers make few empty receives. */
const RECEIVE_WAIT_SECONDS = 20;

/**
 * Escape hatches: arguments merged over each resource's defaults. The data-security pack checks
 * the merged arguments, so an override that weakens a control fails the program with the finding.
 */
export interface SecureQueueOverrides {
  /** Merged over the KMS key's arguments. @default - none */
  readonly key?: Partial<aws.kms.KeyArgs>;
  /** Merged over the queue's arguments. @default - none */
  readonly queue?: Partial<aws.sqs.QueueArgs>;
  /** Merged over the dead-letter queue's arguments. @default - none */
  readonly deadLetterQueue?: Partial<aws.sqs.QueueArgs>;
  /** Merged over the queue policy's arguments. @default - none */
  readonly queuePolicy?: Partial<aws.sqs.QueuePolicyArgs>;
  /** Merged over the dead-letter queue policy's arguments. @default - none */
  readonly deadLetterQueuePolicy?: Partial<aws.sqs.QueuePolicyArgs>;
  /** Merged over the KEDA scaler role's arguments. @default - none */
  readonly scalerRole?: Partial<aws.iam.RoleArgs>;
  /** Merged over the KEDA scaler role's inline policy. @default - none */
  readonly scalerPolicy?: Partial<aws.iam.RolePolicyArgs>;
  /** Merged over the connection secret's arguments. @default - none */
  readonly secret?: Partial<aws.secretsmanager.SecretArgs>;
}

/** Props of a `SecureQueue`. */
export interface SecureQueueArgs {
  /** The declaration, from the cdk8s app. */
  readonly dependency: QueueDependency;
  /** The cluster's OIDC provider, which the KEDA scaler role trusts. */
  readonly cluster: CloudCluster;
  /**
   * The names of the services that use the queue, for the `service` tag (set when exactly one does).
   *
   * @default - none
   */
  readonly services?: string[];
  /** Escape hatches, checked by the data-security pack. @default - none */
  readonly overrides?: SecureQueueOverrides;
}

/**
 * The cloud side of a `QueueDependency`: an SQS queue named `dependency.queueName` and its
 * dead-letter queue, secure by default.
 *
 * - Both encrypted at rest with the dependency's own rotating KMS key (not SQS-managed SSE, so
 *   that a role reads messages only with a grant on this key, and every use is in CloudTrail).
 * - A redrive policy moving a message to the dead-letter queue after
 *   `dependency.maxReceiveCount` receives; the dead-letter queue's `redriveAllowPolicy` admits
 *   this queue alone as a source, and it keeps messages 14 days.
 * - Queue policies that only deny requests made without TLS: no statement grants anything, so
 *   access comes from IAM roles of the account alone.
 * - A scaler role for KEDA: assumable only by the platform's KEDA operator service account
 *   (`aws.kedaServiceAccount`) through the cluster's OIDC provider, allowed only
 *   `sqs:GetQueueAttributes` on this queue.
 * - A connection secret at `dependency.cloudSecretName` holding `url`, `arn` and `region`.
 *
 * Queue and dead-letter ARNs are literal (derived from the platform's account and region by the
 * naming contract), so the redrive policies are verified before deployment rather than trusted.
 * Services send and receive through their `ServiceRole`, on this queue and this key only.
 */
export class SecureQueue extends pulumi.ComponentResource {
  /** The declaration. */
  public readonly dependency: QueueDependency;
  /** The queue. */
  public readonly queue: aws.sqs.Queue;
  /** Where messages go after `maxReceiveCount` failed receives. */
  public readonly deadLetterQueue: aws.sqs.Queue;
  /** The key encrypting both queues' messages and the connection secret. */
  public readonly key: aws.kms.Key;
  /** The role KEDA assumes to read the queue's length. */
  public readonly scalerRole: aws.iam.Role;
  /** Where the connection details are written. */
  public readonly connectionSecret: ConnectionSecret;

  constructor(name: string, args: SecureQueueArgs, opts?: pulumi.ComponentResourceOptions) {
    const dependency = args.dependency;
    const base = requireCloudDependency(dependency);
    const [kedaNamespace, kedaName] = base.platform.aws!.kedaServiceAccount.split(':');
    const subject: PolicySubject = { ...base, cluster: args.cluster, serviceAccountSubject: `system:serviceaccount:${kedaNamespace}:${kedaName}` };
    refuseEngineTransforms(subject.path, opts);
    super('paved:cloud:SecureQueue', name, {}, opts);
    guardChildren(this, subject);
    this.dependency = dependency;
    const production = dependency.environment.tier.isAtLeast(Tier.PRODUCTION);
    const overrides = args.overrides ?? {};
    const scope: ResourceScope = { subject, tags: dependencyTags(dependency, args.services ?? []), options: childOptions(this, opts) };

    this.key = createDataKey(`${name}-key`, `Paved: ${subject.path} (SQS messages, secret)`, scope, overrides.key);
    const encryption = { kmsMasterKeyId: this.key.arn, kmsDataKeyReusePeriodSeconds: DATA_KEY_REUSE_SECONDS };
    const fifo = dependency.fifo ? { fifoQueue: true } : {};

    const deadLetterArgs: aws.sqs.QueueArgs = {
      name: dependency.deadLetterQueueName,
      ...fifo,
      ...encryption,
      messageRetentionSeconds: DEAD_LETTER_RETENTION_SECONDS,
      redriveAllowPolicy: JSON.stringify({ redrivePermission: 'byQueue', sourceQueueArns: [dependency.queueArn] }),
      tags: scope.tags,
      ...overrides.deadLetterQueue,
    };
    this.deadLetterQueue = new aws.sqs.Queue(`${name}-dlq`, deadLetterArgs, scope.options);

    const queueArgs: aws.sqs.QueueArgs = {
      name: dependency.queueName,
      ...fifo,
      ...encryption,
      visibilityTimeoutSeconds: dependency.visibilityTimeoutSeconds,
      messageRetentionSeconds: dependency.retentionSeconds,
      receiveWaitTimeSeconds: RECEIVE_WAIT_SECONDS,
      redrivePolicy: JSON.stringify({ deadLetterTargetArn: dependency.deadLetterQueueArn, maxReceiveCount: dependency.maxReceiveCount }),
      tags: scope.tags,
      ...overrides.queue,
    };
    // The redrive policy names the dead-letter queue by its literal ARN, so the order is explicit.
    this.queue = new aws.sqs.Queue(name, queueArgs, { ...scope.options, dependsOn: after(scope.options.dependsOn, this.deadLetterQueue) });

    new aws.sqs.QueuePolicy(`${name}-policy`, { queueUrl: this.queue.url, policy: tlsOnly(dependency.queueArn), ...overrides.queuePolicy }, scope.options);
    new aws.sqs.QueuePolicy(`${name}-dlq-policy`, { queueUrl: this.deadLetterQueue.url, policy: tlsOnly(dependency.deadLetterQueueArn), ...overrides.deadLetterQueuePolicy }, scope.options);

    const scalerRoleArgs: aws.iam.RoleArgs = {
      name: dependency.scalerRoleName,
      description: `Paved: ${subject.path} (KEDA reads the queue length)`,
      assumeRolePolicy: {
        Version: '2012-10-17',
        Statement: [{
          Effect: 'Allow',
          Principal: { Federated: args.cluster.oidcProviderArn },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { [`${oidcIssuer(args.cluster)}:sub`]: subject.serviceAccountSubject!, [`${oidcIssuer(args.cluster)}:aud`]: STS_AUDIENCE } },
        }],
      },
      maxSessionDuration: 3600,
      tags: scope.tags,
      ...overrides.scalerRole,
    };
    this.scalerRole = new aws.iam.Role(`${name}-scaler`, scalerRoleArgs, scope.options);
    const scalerPolicyArgs: aws.iam.RolePolicyArgs = {
      role: this.scalerRole.id,
      name: 'paved-queue-length',
      // GetQueueAttributes reads counts, not messages: no key grant is needed.
      policy: { Version: '2012-10-17', Statement: [{ Sid: 'QueueLength', Effect: 'Allow', Action: ['sqs:GetQueueAttributes'], Resource: [dependency.queueArn] }] },
      ...overrides.scalerPolicy,
    };
    new aws.iam.RolePolicy(`${name}-scaler-policy`, scalerPolicyArgs, scope.options);

    this.connectionSecret = new ConnectionSecret(`${name}-connection`, {
      secretName: dependency.cloudSecretName,
      values: { url: this.queue.url, arn: this.queue.arn, region: subject.platform.aws!.region },
      kmsKeyId: this.key.arn,
      scope,
      recoveryWindowInDays: production ? 30 : 7,
      override: overrides.secret,
    }, { parent: this });

    this.registerOutputs({ queueUrl: this.queue.url, deadLetterQueueUrl: this.deadLetterQueue.url, secretArn: this.connectionSecret.secret.arn });
  }
}

/** A queue policy that denies every request made without TLS, and grants nothing. */
function tlsOnly(queueArn: string): aws.iam.PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [{
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 'sqs:*',
      Resource: queueArn,
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    }],
  };
}

/** `dependsOn` of the options, and `resource`. */
function after(dependsOn: pulumi.CustomResourceOptions['dependsOn'], resource: pulumi.Resource): pulumi.CustomResourceOptions['dependsOn'] {
  if (dependsOn === undefined) return [resource];
  // PavedCloud's account check: a promise of the resources to wait for.
  const earlier: Promise<unknown> = Promise.resolve(dependsOn);
  const all: Promise<pulumi.Input<pulumi.Resource>[]> = earlier.then((d) => [
    ...(Array.isArray(d) ? d : [d as pulumi.Input<pulumi.Resource>]),
    resource,
  ]);
  return all;
}
