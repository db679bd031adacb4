import { ApiObject, App, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { cloudConnectionSecret } from '../../src/dependencies/cloud-connection-secret';
import { Dependency, DependencyConnection, DependencyKind } from '../../src/dependencies/dependency';
import { QueueKedaTrigger, QueueScalerSource, QueueTriggerOptions } from '../../src/dependencies/queue-source';
import { Environment } from '../../src/environment/environment';
import { Platform, PlatformProps } from '../../src/platform/platform';
import { Tier } from '../../src/platform/tier';
import { Worker } from '../../src/worker/worker';
import { WorkerProps } from '../../src/worker/worker-props';
import { WorkerScaling } from '../../src/worker/worker-scaling';

/**
 * A queue for tests: a Dependency implementing the Worker's queue contract the way an SQS queue
 * does (KEDA's aws-sqs-queue scaler read with a scaler role of the queue's, CloudWatch's age of the
 * oldest message and dead-letter depth). The real QueueDependency lives in src/dependencies; this one stands in for it
 * so the Worker is tested against the contract alone.
 */
export class TestQueue extends Dependency implements QueueScalerSource {
  /** The workloads recorded as consumers. */
  public readonly consumers = new Set<string>();
  public readonly externalSecret: ApiObject;
  public readonly queueUrl: string;
  public readonly retentionSeconds: number;

  constructor(
    scope: Construct, id: string,
    private readonly options: { readonly podIdentity?: boolean; readonly needsRole?: boolean; readonly retentionSeconds?: number } = {},
  ) {
    // A bucket's traits (HTTPS to an AWS endpoint, with a role) are a queue's too.
    super(scope, id, DependencyKind.BUCKET, {});
    const aws = this.environment.platform.aws!;
    this.queueUrl = `https://sqs.${aws.region}.amazonaws.com/${aws.accountId}/${this.cloudResourceName}`;
    this.retentionSeconds = options.retentionSeconds ?? 4 * 86_400;
    this.externalSecret = cloudConnectionSecret(this, {
      name: this.secretName,
      labels: this._labels,
      secretStore: aws.secretStore!,
      remoteKey: this.cloudSecretName,
      properties: ['url', 'region'],
    });
  }

  /** @internal */
  public _connection(): DependencyConnection {
    return {
      variables: [{ name: 'QUEUE_URL', secretKey: 'url' }, { name: 'AWS_REGION', secretKey: 'region' }],
      egress: { internet: `HTTPS to SQS for queue ${this.cloudResourceName}: NetworkPolicies cannot select AWS endpoints by name` },
      needsRole: this.options.needsRole ?? true,
    };
  }

  /** @internal */
  public _kedaTrigger(options: QueueTriggerOptions): QueueKedaTrigger {
    return {
      type: 'aws-sqs-queue',
      metadata: {
        queueURL: this.queueUrl,
        queueLength: String(options.messagesPerReplica),
        activationQueueLength: String(options.activationMessages),
        awsRegion: this.environment.platform.aws!.region,
      },
      ...(this.options.podIdentity === false ? {} : {
        authenticationRef: { name: this.name, kind: 'TriggerAuthentication' },
        triggerAuthentication: this.triggerAuthentication(),
      }),
    };
  }

  /** @internal */
  public _deadLetterDepthExpression(): string {
    return `max(aws_sqs_approximate_number_of_messages_visible_maximum{queue_name="${this.cloudResourceName}-dlq"})`;
  }

  /** @internal */
  public _addConsumer(workload: string): void {
    this.consumers.add(workload);
  }

  /** One TriggerAuthentication in the queue's scope, shared like QueueDependency's, with a scaler role of its own. */
  private triggerAuthentication(): ApiObject {
    const existing = this.node.tryFindChild('TriggerAuthentication') as ApiObject | undefined;
    return existing ?? new ApiObject(this, 'TriggerAuthentication', {
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'TriggerAuthentication',
      metadata: { name: this.name, labels: this._labels },
      spec: { podIdentity: { provider: 'aws', roleArn: `arn:aws:iam::123456789012:role/${this.name}-scaler` } },
    });
  }

  /** @internal */
  public _oldestMessageAgeExpression(): string {
    return `max(aws_sqs_approximate_age_of_oldest_message_maximum{queue_name="${this.cloudResourceName}"})`;
  }
}

/** A platform with AWS settings, as a queue needs. */
export function workerPlatform(overrides: Partial<PlatformProps> = {}): Platform {
  return new Platform({
    name: 'acme',
    domain: 'apps.acme.dev',
    registries: ['registry.acme.dev'],
    aws: { accountId: '123456789012', region: 'eu-west-1', privateNetworkCidrs: ['10.0.0.0/16'] },
    ...overrides,
  });
}

/** An environment of `tier` on `workerPlatform()`, namespace `payments-<tier>`. */
export function workerEnvironment(tier: Tier = Tier.PRODUCTION, app: App = Testing.app(), overrides: Partial<PlatformProps> = {}): Environment {
  return new Environment(app, `payments-${tier.name}`, { platform: workerPlatform(overrides), tier, team: 'payments' });
}

export const INVOICER: WorkerProps = {
  image: 'registry.acme.dev/payments/invoicer:2.3.1',
};

/** A worker consuming its own TestQueue `invoices`, scaled on it unless `props` says otherwise. */
export function queueWorker(env: Environment, props: Partial<WorkerProps> = {}, queue = new TestQueue(env, 'invoices')): { worker: Worker; queue: TestQueue } {
  const worker = new Worker(env, 'invoicer', {
    ...INVOICER,
    dependencies: [queue],
    scaling: WorkerScaling.queue(queue),
    ...props,
  });
  return { worker, queue };
}
