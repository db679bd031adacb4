import { Dependency } from '../dependencies/dependency';

// The contract between a Worker and the queue it is scaled on. A queue dependency implements it;
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

/** A KEDA trigger (one entry of a ScaledObject's `spec.triggers`), before the Worker adds its `authenticationRef`. */
export interface QueueKedaTrigger {
  /** The scaler, e.g. `aws-sqs-queue`. */
  readonly type: string;
  /**
   * The scaler's metadata, every value a string as KEDA requires; for `aws-sqs-queue`:
   * `queueURL`, `queueLength`, `activationQueueLength`, `awsRegion`.
   */
  readonly metadata: { readonly [key: string]: string };
  /**
   * The KEDA pod-identity provider the scaler authenticates with (`aws`), when it needs one. The
   * Worker then writes a TriggerAuthentication `{ podIdentity: { provider, identityOwner: workload } }`:
   * KEDA reads the queue with the worker's own role, not with a role of its operator.
   *
   * @default - no TriggerAuthentication
   */
  readonly podIdentityProvider?: string;
}

/** A dependency a Worker can be scaled on and alerted for. */
export interface QueueScalerSource {
  /**
   * The KEDA trigger that measures this queue's length for a worker consuming it.
   *
   * @internal
   */
  _kedaTrigger(options: QueueTriggerOptions): QueueKedaTrigger;
  /**
   * A PromQL expression, in seconds, of the age of the oldest message in this queue, as the
   * platform's monitoring exports it (for SQS, CloudWatch's `ApproximateAgeOfOldestMessage`).
   *
   * @internal
   */
  _oldestMessageAgeExpression(): string;
}

/** Whether `x` is a dependency a Worker can be scaled on: a Dependency implementing `QueueScalerSource`. */
export function isQueueScalerSource(x: unknown): x is Dependency & QueueScalerSource {
  return Dependency.isDependency(x)
    && typeof (x as any)._kedaTrigger === 'function'
    && typeof (x as any)._oldestMessageAgeExpression === 'function';
}
