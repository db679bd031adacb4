import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { PavedError } from './errors';
import { guardChildren, refuseEngineTransforms } from './guard';
import { CloudCluster } from './network';
import { PolicySubject, oidcIssuer } from './policy-gate';
import { childOptions } from './resource-scope';
import { SecureBucket } from './secure-bucket';
import { SecureQueue } from './secure-queue';
import { serviceSubject } from './subject';
import { serviceTags } from './tags';
import type { Workload } from 'paved';
import { CloudNames } from 'paved';

/** The audience EKS projects into service account tokens meant for STS. */
const STS_AUDIENCE = 'sts.amazonaws.com';

/**
 * Escape hatches: arguments merged over each resource's defaults. The data-security pack checks
 * the merged arguments, so an override that widens trust or permissions fails the program.
 */
export interface ServiceRoleOverrides {
  /** Merged over the role's arguments. @default - none */
  readonly role?: Partial<aws.iam.RoleArgs>;
  /** Merged over the inline policy's arguments. @default - none */
  readonly policy?: Partial<aws.iam.RolePolicyArgs>;
}

/**
 * What a service may do with one queue: `send` for a producer; `receive` for a consumer (named in
 * the queue's `consumers`), which receives, deletes, extends visibility and reads attributes.
 */
export type QueueAccess = 'send' | 'receive';

/** One queue a service uses, and how. */
export interface QueueGrant {
  /** The queue. */
  readonly queue: SecureQueue;
  /** What the service may do with it. */
  readonly access: QueueAccess;
}

/** The SQS actions of each access: a producer cannot take messages, a consumer cannot add them. */
const QUEUE_ACTIONS: { [access in QueueAccess]: string[] } = {
  send: ['sqs:SendMessage'],
  receive: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'],
};
/**
 * The KMS actions on a queue's key: sending encrypts with a data key SQS generates (and decrypts
 * to reuse); receiving decrypts.
 */
const QUEUE_KEY_ACTIONS: { [access in QueueAccess]: string[] } = {
  send: ['kms:GenerateDataKey', 'kms:Decrypt'],
  receive: ['kms:Decrypt'],
};

/** Props of a `ServiceRole`. */
export interface ServiceRoleArgs {
  /** The service, from the cdk8s app. */
  readonly service: Workload;
  /** The cluster's OIDC provider. */
  readonly cluster: CloudCluster;
  /** The buckets the service uses; the role may use these (and its queues) and nothing else. */
  readonly buckets: SecureBucket[];
  /** The queues the service uses, each with its access. @default - none */
  readonly queues?: QueueGrant[];
  /** Escape hatches, checked by the data-security pack. @default - none */
  readonly overrides?: ServiceRoleOverrides;
}

/**
 * The IAM role a service's pods assume through IRSA, named `CloudNames.serviceRoleName(namespace,
 * service)` so it matches the `eks.amazonaws.com/role-arn` annotation the Kubernetes side writes.
 *
 * - Trust: `sts:AssumeRoleWithWebIdentity` from the cluster's OIDC provider only, when the token's
 *   subject is exactly `system:serviceaccount:<namespace>:<service account>` and its audience is
 *   `sts.amazonaws.com`.
 * - Permissions, one inline policy: get, put and delete objects in its buckets, list those
 *   buckets, and decrypt and generate data keys with those buckets' keys; send to the queues it
 *   produces to, receive from (and delete, extend visibility on, read attributes of) the queues
 *   it consumes, with the KMS actions each needs on those queues' keys. Nothing else: no
 *   dead-letter queue, no other queue or key.
 */
export class ServiceRole extends pulumi.ComponentResource {
  /** The role's name. */
  public readonly roleName: string;
  /** The role. */
  public readonly role: aws.iam.Role;
  /** Its permissions. */
  public readonly policy: aws.iam.RolePolicy;

  constructor(name: string, args: ServiceRoleArgs, opts?: pulumi.ComponentResourceOptions) {
    const service = args.service;
    const namespace = service.environment.namespace!;
    const serviceAccountSubject = `system:serviceaccount:${namespace}:${service.serviceAccount.name}`;
    const subject: PolicySubject = { ...serviceSubject(service), cluster: args.cluster, serviceAccountSubject };
    refuseEngineTransforms(subject.path, opts);
    super('paved:cloud:ServiceRole', name, {}, opts);
    guardChildren(this, subject);
    const queues = args.queues ?? [];
    if (args.buckets.length === 0 && queues.length === 0) {
      throw new PavedError(subject.path, 'a service role needs at least one bucket or queue: services without cloud buckets or queues need no AWS permissions');
    }
    const overrides = args.overrides ?? {};
    const options = childOptions(this, opts);
    const issuer = oidcIssuer(args.cluster);
    this.roleName = CloudNames.serviceRoleName(namespace, service.name);

    const roleArgs: aws.iam.RoleArgs = {
      name: this.roleName,
      description: `Paved: ${subject.path} (IRSA)`,
      assumeRolePolicy: {
        Version: '2012-10-17',
        Statement: [{
          Effect: 'Allow',
          Principal: { Federated: args.cluster.oidcProviderArn },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: {
              [`${issuer}:sub`]: serviceAccountSubject,
              [`${issuer}:aud`]: STS_AUDIENCE,
            },
          },
        }],
      },
      maxSessionDuration: 3600,
      tags: serviceTags(service),
      ...overrides.role,
    };
    this.role = new aws.iam.Role(name, roleArgs, options);

    const bucketArns = args.buckets.map((b) => `arn:aws:s3:::${b.bucketName}`);
    const bucketStatements: aws.iam.PolicyStatement[] = bucketArns.length === 0 ? [] : [
      { Sid: 'Objects', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], Resource: bucketArns.map((arn) => `${arn}/*`) },
      { Sid: 'List', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: bucketArns },
      // SSE-KMS: reading needs Decrypt, writing needs GenerateDataKey, on exactly these buckets' keys.
      { Sid: 'BucketKeys', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: args.buckets.map((b) => b.key.arn) },
    ];
    const queueStatements = (['send', 'receive'] as QueueAccess[]).flatMap((access): aws.iam.PolicyStatement[] => {
      const granted = queues.filter((q) => q.access === access);
      if (granted.length === 0) return [];
      const sid = access === 'send' ? 'QueueSend' : 'QueueReceive';
      return [
        { Sid: sid, Effect: 'Allow', Action: QUEUE_ACTIONS[access], Resource: granted.map((q) => q.queue.dependency.queueArn) },
        { Sid: `${sid}Keys`, Effect: 'Allow', Action: QUEUE_KEY_ACTIONS[access], Resource: granted.map((q) => q.queue.key.arn) },
      ];
    });
    const policyArgs: aws.iam.RolePolicyArgs = {
      role: this.role.id,
      name: 'paved-dependencies',
      policy: {
        Version: '2012-10-17',
        Statement: [...bucketStatements, ...queueStatements],
      },
      ...overrides.policy,
    };
    this.policy = new aws.iam.RolePolicy(`${name}-policy`, policyArgs, options);

    this.registerOutputs({ roleArn: this.role.arn });
  }
}
