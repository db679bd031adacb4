import { ApiObject, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { PavedError } from '../errors';
import { sqsSeries } from '../platform/cloudwatch-exporter';
import { requireInteger, requireServiceName, show } from '../validate';
import { cloudConnectionSecret } from './cloud-connection-secret';
import { CloudNames } from './cloud-names';
import { Dependency, DependencyConnection, DependencyKind, DependencyProps, locateDependency } from './dependency';
import { QueueKedaTrigger, QueueTriggerOptions } from './queue-source';

/** The longest visibility timeout SQS accepts: 12 hours. */
const MAX_VISIBILITY_SECONDS = 12 * 3600;
/** SQS keeps messages from one minute to 14 days. */
const MIN_RETENTION_SECONDS = 60;
const MAX_RETENTION_SECONDS = 14 * 86400;
/** SQS accepts a maxReceiveCount from 1 to 1000. */
const MAX_RECEIVE_COUNT = 1000;

/** Props of a `QueueDependency`. */
export interface QueueDependencyProps extends DependencyProps {
  /**
   * How long a received message stays hidden from other consumers before SQS delivers it again:
   * longer than a consumer takes to process one message. Whole seconds, at most 12 hours.
   *
   * @default Duration.seconds(30)
   */
  readonly visibilityTimeout?: Duration;
  /**
   * How many times a message is received without being deleted before SQS moves it to the
   * dead-letter queue. From 1 to 1000.
   *
   * @default 5
   */
  readonly maxReceiveCount?: number;
  /**
   * How long SQS keeps a message nobody deleted. Whole seconds, from one minute to 14 days. The
   * dead-letter queue keeps its messages 14 days: a message's age there counts from when it was
   * first sent.
   *
   * @default Duration.days(4)
   */
  readonly retention?: Duration;
  /**
   * A FIFO queue: exactly-once processing and order within a message group, at lower throughput
   * and a higher price. Its dead-letter queue is FIFO too, and both names end in `.fifo`.
   *
   * @default false
   */
  readonly fifo?: boolean;
  /**
   * The services (by name) that receive from the queue. They may receive, delete and extend the
   * visibility of its messages and read its attributes; every other service that lists the queue
   * among its dependencies may only send to it.
   *
   * @default - none: every service using the queue only sends
   */
  readonly consumers?: string[];
}

/** What a KEDA `aws-sqs-queue` trigger of a workload scaled on the queue is given. @internal */
export interface QueueScalerOptions {
  /** Messages one replica handles at a time: KEDA runs `ceil(messages / queueLength)` replicas. @default 5 */
  readonly queueLength?: number;
  /** Messages at or below which the workload scales to its minimum (zero, with KEDA). @default 0 */
  readonly activationQueueLength?: number;
}

/** A KEDA trigger on the queue and the TriggerAuthentication it names. @internal */
export interface QueueScaler {
  /** One entry of a ScaledObject's `spec.triggers`. */
  readonly trigger: {
    readonly type: string;
    readonly metadata: { [key: string]: string };
    readonly authenticationRef: { readonly name: string; readonly kind: string };
  };
  /** The queue's TriggerAuthentication: KEDA assumes the queue's scaler role through its own pod identity. */
  readonly triggerAuthentication: ApiObject;
}

/**
 * An SQS queue with a dead-letter queue, created by `paved/pulumi` in every tier, like a bucket.
 *
 * In staging and production the reasons are those of every cloud dependency. In preview and
 * development a queue per environment is still real SQS rather than an in-cluster stand-in
 * (ElasticMQ), because: an idle queue costs nothing (SQS bills requests, not hours; a stand-in
 * would bill a pod all day); it is created in seconds; and only real SQS gives a preview what
 * production has: KMS encryption, the redrive policy and `redriveAllowPolicy`, the service's
 * own IAM role scoped to exactly its queues, KEDA scaling through its pod identity, and the
 * CloudWatch metrics the alerts read. A stand-in would need static credentials and its own
 * endpoint for the service and for KEDA, so a preview would prove less about production.
 *
 * Services get `QUEUE_URL`, `QUEUE_ARN` and `AWS_REGION` from its Secret (prefixed with the
 * queue's name when a service uses two queues), reach SQS with an IAM role of their own (IRSA),
 * send to it, or receive from it when named in `consumers`. The dead-letter queue is not
 * granted to any service: its messages are inspected and redriven by people. NetworkPolicies
 * cannot name SQS or STS, so a service using a queue gets HTTPS egress to any address, declared
 * on its policy with `paved.dev/egress-internet`.
 */
export class QueueDependency extends Dependency {
  /** The queue's name in SQS: `cloudResourceName`, with `.fifo` for a FIFO queue. */
  public readonly queueName: string;
  /** The dead-letter queue's name: `<cloudResourceName>-dlq`, with `.fifo` for a FIFO queue. */
  public readonly deadLetterQueueName: string;
  /** The queue's ARN, derived from the platform's account and region and `queueName`. */
  public readonly queueArn: string;
  /** The queue's URL. */
  public readonly queueUrl: string;
  /** The dead-letter queue's ARN. */
  public readonly deadLetterQueueArn: string;
  /** Seconds a received message stays hidden. */
  public readonly visibilityTimeoutSeconds: number;
  /** Receives before a message moves to the dead-letter queue. */
  public readonly maxReceiveCount: number;
  /** Seconds the queue keeps a message. */
  public readonly retentionSeconds: number;
  /** Whether the queue is FIFO. */
  public readonly fifo: boolean;
  /** The name of the IAM role KEDA assumes to read the queue's length. */
  public readonly scalerRoleName: string;
  /** Writes the connection Secret. */
  public readonly externalSecret: ApiObject;
  private readonly consumerNames: Set<string>;
  private triggerAuthentication?: ApiObject;

  constructor(scope: Construct, id: string, props: QueueDependencyProps = {}) {
    const { path } = locateDependency(scope, id, 'QueueDependency', props);
    const visibilityTimeoutSeconds = wholeSeconds(path, 'visibilityTimeout', props.visibilityTimeout ?? Duration.seconds(30), 0, MAX_VISIBILITY_SECONDS);
    const retentionSeconds = wholeSeconds(path, 'retention', props.retention ?? Duration.days(4), MIN_RETENTION_SECONDS, MAX_RETENTION_SECONDS);
    const maxReceiveCount = props.maxReceiveCount ?? 5;
    requireInteger(path, 'maxReceiveCount', maxReceiveCount, 1, MAX_RECEIVE_COUNT);
    const fifo = props.fifo ?? false;
    if (typeof fifo !== 'boolean') throw new PavedError(path, `fifo ${show(fifo)} must be true or false`);
    const consumers = props.consumers ?? [];
    if (!Array.isArray(consumers)) throw new PavedError(path, `consumers ${show(consumers)} must be a list of service names`);
    consumers.forEach((c, i) => requireServiceName(path, `consumers[${i}]`, c));
    super(scope, id, DependencyKind.QUEUE, props);

    const { accountId, region } = this.environment.platform.aws!;
    const suffix = fifo ? '.fifo' : '';
    this.queueName = `${this.cloudResourceName}${suffix}`;
    this.deadLetterQueueName = `${this.cloudResourceName}-dlq${suffix}`;
    this.queueArn = CloudNames.queueArn(region, accountId, this.queueName);
    this.queueUrl = CloudNames.queueUrl(region, accountId, this.queueName);
    this.deadLetterQueueArn = CloudNames.queueArn(region, accountId, this.deadLetterQueueName);
    this.visibilityTimeoutSeconds = visibilityTimeoutSeconds;
    this.retentionSeconds = retentionSeconds;
    this.maxReceiveCount = maxReceiveCount;
    this.fifo = fifo;
    this.scalerRoleName = CloudNames.queueScalerRoleName(this.environment.namespace!, this.name);
    this.consumerNames = new Set(consumers);
    this.externalSecret = cloudConnectionSecret(this, {
      name: this.secretName,
      labels: this._labels,
      secretStore: this.environment.platform.aws!.secretStore,
      remoteKey: this.cloudSecretName,
      properties: ['url', 'arn', 'region'],
    });
  }

  /** The services that receive from the queue, sorted; every other user only sends. */
  public get consumers(): string[] {
    return [...this.consumerNames].sort();
  }

  /** @internal */
  public _connection(): DependencyConnection {
    return {
      variables: [
        { name: 'QUEUE_URL', secretKey: 'url' },
        { name: 'QUEUE_ARN', secretKey: 'arn' },
        { name: 'AWS_REGION', secretKey: 'region' },
      ],
      egress: { internet: `HTTPS to SQS and STS for queue ${this.queueName}: NetworkPolicies cannot select AWS endpoints by name` },
      needsRole: true,
    };
  }

  /**
   * Makes `workload` a consumer of the queue, as if named in `consumers`: a worker scaled on
   * the queue receives from it. Idempotent.
   *
   * @internal
   */
  public _addConsumer(workload: string): void {
    requireServiceName(this.node.path, 'consumer', workload);
    this.consumerNames.add(workload);
  }

  /**
   * What a KEDA ScaledObject needs to scale a workload on the queue's length: an `aws-sqs-queue`
   * trigger and the TriggerAuthentication it names, created once in the queue's scope and shared
   * by every workload scaled on it. KEDA (2.13 and later) reads the queue with
   * `podIdentity: { provider: aws, roleArn }`: its own IRSA identity assumes the queue's scaler
   * role, which may only read this queue's attributes. (`identityOwner: workload` would make KEDA
   * assume the workload's role, which would then have to trust KEDA and lend it the workload's
   * permission to receive and delete.)
   *
   * @internal
   */
  public _kedaScaler(options: QueueScalerOptions = {}): QueueScaler {
    const path = this.node.path;
    const queueLength = options.queueLength ?? 5;
    const activationQueueLength = options.activationQueueLength ?? 0;
    requireInteger(path, 'queueLength', queueLength, 1, 100000);
    requireInteger(path, 'activationQueueLength', activationQueueLength, 0, 100000);
    const aws = this.environment.platform.aws!;
    if (this.triggerAuthentication === undefined) {
      this.triggerAuthentication = new ApiObject(this, 'TriggerAuthentication', {
        apiVersion: 'keda.sh/v1alpha1',
        kind: 'TriggerAuthentication',
        metadata: { name: this.name, labels: this._labels },
        spec: { podIdentity: { provider: 'aws', roleArn: CloudNames.roleArn(aws.accountId, this.scalerRoleName) } },
      });
    }
    return {
      trigger: {
        type: 'aws-sqs-queue',
        metadata: {
          queueURL: this.queueUrl,
          awsRegion: aws.region,
          queueLength: String(queueLength),
          activationQueueLength: String(activationQueueLength),
        },
        authenticationRef: { name: this.name, kind: 'TriggerAuthentication' },
      },
      triggerAuthentication: this.triggerAuthentication,
    };
  }

  /**
   * The trigger a Worker scaled on the queue is given: `_kedaScaler`'s, with the worker's
   * messages per replica and activation.
   *
   * @internal
   */
  public _kedaTrigger(options: QueueTriggerOptions): QueueKedaTrigger {
    const scaler = this._kedaScaler({ queueLength: options.messagesPerReplica, activationQueueLength: options.activationMessages });
    return { ...scaler.trigger, triggerAuthentication: scaler.triggerAuthentication };
  }

  /** @internal */
  public _oldestMessageAgeExpression(): string {
    return this.oneSeries('ApproximateAgeOfOldestMessage', this.queueName);
  }

  /** @internal */
  public _deadLetterDepthExpression(): string {
    return this.oneSeries('ApproximateNumberOfMessagesVisible', this.deadLetterQueueName);
  }

  /** One SQS metric of one queue as a single series, without the exporter's own labels (the QueueScalerSource contract). */
  private oneSeries(metric: string, queueName: string): string {
    return `max(${sqsSeries(this.environment.platform.observability.cloudWatchExporter, metric, queueName)})`;
  }
}

/** A Duration in whole seconds from `min` to `max`, or the error naming the prop. */
function wholeSeconds(path: string, prop: string, value: Duration, min: number, max: number): number {
  const seconds = value instanceof Duration ? value.toSeconds({ integral: false }) : NaN;
  if (!Number.isInteger(seconds) || seconds < min || seconds > max) {
    const shown = value instanceof Duration ? `${seconds}s` : show(value);
    throw new PavedError(path, `${prop} (${shown}) must be a Duration of whole seconds from ${min}s to ${max}s`);
  }
  return seconds;
}
