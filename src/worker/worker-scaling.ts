import { Duration } from 'cdk8s';
import { Dependency } from '../dependencies/dependency';

/** How a worker scales on its queue's length. */
export interface QueueScalingOptions {
  /**
   * Messages one replica keeps up with: KEDA runs one replica per this many visible messages,
   * within `replicas`.
   *
   * @default 5 - KEDA's own default for SQS
   */
  readonly messagesPerReplica?: number;
  /**
   * Messages that wake a worker scaled to zero (`replicas.min: 0`): at or below it no replica
   * runs. It has no effect when the worker keeps at least one replica.
   *
   * @default 0 - the first message wakes the worker
   */
  readonly activationMessages?: number;
  /**
   * How long the queue must stay quiet before replicas are removed: KEDA's `cooldownPeriod` (the
   * wait before scaling to zero) and the autoscaler's scale-down stabilisation window alike, so a
   * worker between two bursts is not stopped and started again.
   *
   * @default Duration.minutes(5)
   */
  readonly cooldown?: Duration;
  /**
   * How often KEDA reads the queue's length.
   *
   * @default Duration.seconds(30)
   */
  readonly pollingInterval?: Duration;
}

/** How a worker scales on CPU. */
export interface CpuScalingOptions {
  /**
   * The average CPU use, in percent of the request, the autoscaler keeps the replicas at.
   *
   * @default 70
   */
  readonly targetUtilization?: number;
}

/**
 * What a worker's replica count follows within its `replicas` range. In both cases the
 * Deployment carries no `replicas` field, so Argo CD does not reset what the scaler decided.
 */
export class WorkerScaling {
  /** Whether `x` is a WorkerScaling (works across copies of the library). */
  public static isWorkerScaling(x: any): x is WorkerScaling {
    return x !== null && typeof x === 'object' && (x as any)[WORKER_SCALING_SYMBOL] === true;
  }

  /**
   * Scales on the length of `queue`, which must be one of the worker's `dependencies`: a KEDA
   * `ScaledObject` with an activation threshold and a cooldown, authenticated by a
   * `TriggerAuthentication` with the worker's own pod identity. Needs KEDA 2.13 or later in the
   * cluster. With `replicas.min: 0` the worker scales to zero when the queue is empty.
   */
  public static queue(queue: Dependency, options: QueueScalingOptions = {}): WorkerScaling {
    return new WorkerScaling({ kind: 'queue', queue, options });
  }

  /** Scales on CPU, as a service does: a HorizontalPodAutoscaler. */
  public static cpu(options: CpuScalingOptions = {}): WorkerScaling {
    return new WorkerScaling({ kind: 'cpu', options });
  }

  /** @internal */
  public readonly _spec: ScalingSpec;

  private constructor(spec: ScalingSpec) {
    this._spec = spec;
    Object.defineProperty(this, WORKER_SCALING_SYMBOL, { value: true });
  }
}

/** How a WorkerScaling is recognised across copies of the library. */
const WORKER_SCALING_SYMBOL = Symbol.for('paved.WorkerScaling');

/** What a WorkerScaling holds, not yet validated. */
export type ScalingSpec =
  | { readonly kind: 'queue'; readonly queue: Dependency; readonly options: QueueScalingOptions }
  | { readonly kind: 'cpu'; readonly options: CpuScalingOptions };
