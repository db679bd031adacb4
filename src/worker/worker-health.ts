/** Where a worker answers its health probes over HTTP. */
export interface WorkerHttpHealthOptions {
  /**
   * The TCP port the worker's health endpoint listens on; 1024 or above, because the container
   * runs without root or capabilities. Only the kubelet calls it: no Service or peer reaches it.
   *
   * @default 8080
   */
  readonly port?: number;
  /**
   * The HTTP path that answers 2xx while the worker can take work (connected to its queue).
   *
   * @default - the platform's readiness path (`ProbeSettings.readinessPath`, "/readyz")
   */
  readonly readinessPath?: string;
  /**
   * The HTTP path that answers 2xx while the process is healthy; failing it restarts the container.
   *
   * @default - the platform's liveness path (`ProbeSettings.livenessPath`, "/livez")
   */
  readonly livenessPath?: string;
}

/** How a worker without an HTTP endpoint reports its health: commands run in its container. */
export interface WorkerExecHealthOptions {
  /** The command that exits 0 while the worker is alive (e.g. `["/app/healthcheck", "--live"]`); failing it restarts the container. */
  readonly livenessCommand: string[];
  /**
   * The command that exits 0 while the worker can take work.
   *
   * @default - the liveness command
   */
  readonly readinessCommand?: string[];
}

/**
 * How the kubelet asks a worker whether it is alive and ready. A worker serves no traffic, but a
 * stuck consumer must still be restarted and a starting one must not count as available: every
 * long-running container on the golden path has readiness and liveness probes
 * (`workload.probes`), and a startup probe gives it the platform's start-up grace first.
 */
export class WorkerHealth {
  /** Whether `x` is a WorkerHealth (works across copies of the library). */
  public static isWorkerHealth(x: any): x is WorkerHealth {
    return x !== null && typeof x === 'object' && (x as any)[WORKER_HEALTH_SYMBOL] === true;
  }

  /**
   * HTTP probes on a small health endpoint, the platform's paths by default. The default health
   * of a worker: `WorkerHealth.http()` probes port 8080.
   */
  public static http(options: WorkerHttpHealthOptions = {}): WorkerHealth {
    return new WorkerHealth({ kind: 'http', ...options });
  }

  /**
   * Probes that run a command in the container, for a worker with no HTTP server. The command
   * must be in the image: a distroless image has no shell to run `sh -c`.
   */
  public static exec(options: WorkerExecHealthOptions): WorkerHealth {
    return new WorkerHealth({ kind: 'exec', ...options });
  }

  /** @internal */
  public readonly _spec: HealthSpec;

  private constructor(spec: HealthSpec) {
    this._spec = spec;
    Object.defineProperty(this, WORKER_HEALTH_SYMBOL, { value: true });
  }
}

/** How a WorkerHealth is recognised across copies of the library. */
const WORKER_HEALTH_SYMBOL = Symbol.for('paved.WorkerHealth');

/** What a WorkerHealth holds, not yet validated. */
export type HealthSpec =
  | ({ readonly kind: 'http' } & WorkerHttpHealthOptions)
  | ({ readonly kind: 'exec' } & WorkerExecHealthOptions);
