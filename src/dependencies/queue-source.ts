import { ApiObject } from 'cdk8s';
import { Dependency } from './dependency';

// The contract between a Worker and the queue it is scaled on. QueueDependency implements it;
// the Worker reads nothing else of the queue, so the two can change apart. Internal: teams pass a
// queue to `WorkerScaling.queue(...)` as a Dependency, and the Worker checks it with
// `isQueueScalerSource` where the props enter.

/** What the Worker asks of the queue's trigger: both already validated. */
export interface QueueTriggerOptions {
  /** Messages one replica is expected to keep up with: KEDA runs ceil(visible messages / this) replicas. */
  readonly messagesPerReplica: number;
  /** Messages that wake a worker scaled to zero; at or below it KEDA keeps zero replicas. */
  readonly activationMessages: number;
}

/** A KEDA trigger: one entry of a ScaledObject's `spec.triggers`, and how it authenticates. */
export interface QueueKedaTrigger {
  /** The scaler, e.g. `aws-sqs-queue`. */
  readonly type: string;
  /**
   * The scaler's metadata, every value a string as KEDA requires; for `aws-sqs-queue`:
   * `queueURL`, `queueLength`, `activationQueueLength`, `awsRegion`.
   */
  readonly metadata: { readonly [key: string]: string };
  /**
   * The TriggerAuthentication the trigger names, when the scaler authenticates.
   *
   * @default - none
   */
  readonly authenticationRef?: { readonly name: string; readonly kind: string };
  /**
   * The TriggerAuthentication itself, created by the queue (once, shared by every workload
   * scaled on it): KEDA assumes the queue's scaler role, which may only read the queue's
   * attributes, rather than the workload's role, which may receive and delete.
   *
   * @default - none
   */
  readonly triggerAuthentication?: ApiObject;
}

/** A dependency a Worker can be scaled on and alerted for. */
export interface QueueScalerSource {
  /**
   * How long the queue keeps a message, in seconds: a message never grows older than this, so an
   * age alert at or past it could never fire.
   */
  readonly retentionSeconds: number;
  /**
   * The KEDA trigger that measures this queue's length for a worker consuming it.
   *
   * @internal
   */
  _kedaTrigger(options: QueueTriggerOptions): QueueKedaTrigger;
  /**
   * A PromQL expression, in seconds, of the age of the oldest message in this queue, as the
   * platform's monitoring exports it (for SQS, CloudWatch's `ApproximateAgeOfOldestMessage`),
   * aggregated to one series without the exporter's labels (queue name, ARN, region, account), so
   * an alert on it carries the labels every Paved alert has and one Alertmanager route serves all.
   *
   * @internal
   */
  _oldestMessageAgeExpression(): string;
  /**
   * A PromQL expression of the number of messages in this queue's dead-letter queue: messages
   * that failed every receive; one series, as the age.
   *
   * @internal
   */
  _deadLetterDepthExpression(): string;
  /**
   * Records `workload` as a consumer of the queue, so its role may receive and delete.
   *
   * @internal
   */
  _addConsumer(workload: string): void;
}

/** Whether `x` is a dependency a Worker can be scaled on: a Dependency implementing `QueueScalerSource`. */
export function isQueueScalerSource(x: unknown): x is Dependency & QueueScalerSource {
  return Dependency.isDependency(x)
    && typeof (x as any)._kedaTrigger === 'function'
    && typeof (x as any)._oldestMessageAgeExpression === 'function'
    && typeof (x as any)._deadLetterDepthExpression === 'function'
    && typeof (x as any)._addConsumer === 'function'
    && typeof (x as any).retentionSeconds === 'number';
}
