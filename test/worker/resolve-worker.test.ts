import { Duration, Testing } from 'cdk8s';
import { INVOICER, TestQueue, workerEnvironment } from './fixtures';
import { BucketDependency } from '../../src/dependencies/bucket-dependency';
import { Errors } from '../../src/errors';
import { Tier } from '../../src/platform/tier';
import { resolveWorkerProps } from '../../src/worker/resolve-worker';
import { WorkerHealth } from '../../src/worker/worker-health';
import { WorkerScaling } from '../../src/worker/worker-scaling';
import { errorOf } from '../support/errors';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Resolves `props` for a worker `invoicer` consuming queue `invoices`, scaled on it unless `props` says otherwise. */
function resolve(props: any, tier = Tier.PRODUCTION, queueOptions = {}) {
  const env = workerEnvironment(tier, Testing.app());
  const queue = new TestQueue(env, 'invoices', queueOptions);
  const built = typeof props === 'function' ? props(queue, env) : props;
  return resolveWorkerProps(env, 'invoicer', { ...INVOICER, dependencies: [queue], scaling: WorkerScaling.queue(queue), ...built });
}

describe('resolveWorkerProps defaults', () => {
  test('scales on CPU at 70 % of the request when no scaling is given', () => {
    expect(resolve({ scaling: undefined }).scaling).toEqual({ kind: 'cpu', targetUtilization: 70 });
  });

  test('fills the queue scaling with KEDA\'s defaults and asks the queue for its trigger', () => {
    const resolved = resolve({});
    expect(resolved.scaling).toMatchObject({ kind: 'queue', cooldownSeconds: 300, pollingSeconds: 30 });
    expect((resolved.scaling as any).trigger.metadata).toMatchObject({ queueLength: '5', activationQueueLength: '0' });
  });

  test('probes HTTP on port 8080 at the platform\'s paths, and gives consumers a minute to finish', () => {
    const resolved = resolve({});
    expect(resolved.health).toEqual({ kind: 'http', port: 8080, readinessPath: '/readyz', livenessPath: '/livez' });
    expect(resolved.terminationGraceSeconds).toBe(60);
  });

  test('exec health reuses the liveness command for readiness unless told', () => {
    expect(resolve({ health: WorkerHealth.exec({ livenessCommand: ['/app/health'] }) }).health)
      .toEqual({ kind: 'exec', livenessCommand: ['/app/health'], readinessCommand: ['/app/health'] });
  });

  test('alerts after 3 restarts an hour and 15 minutes of message age, the worker\'s own thresholds winning', () => {
    expect(resolve({}).observability).toEqual({ enabled: true, metricsPort: undefined, metricsPath: '/metrics', restartsPerHour: 3, maxMessageAgeSeconds: 900 });
    expect(resolve({ observability: { restartsPerHour: 5, maxMessageAge: Duration.minutes(2) } }).observability)
      .toMatchObject({ restartsPerHour: 5, maxMessageAgeSeconds: 120 });
  });

  test('takes the platform\'s restart threshold for the tier over the built-in one', () => {
    const env = workerEnvironment(Tier.PRODUCTION, Testing.app(), { observability: { alertThresholds: { production: { restartsPerHour: 7 } } } });
    expect(resolveWorkerProps(env, 'invoicer', { ...INVOICER }).observability.restartsPerHour).toBe(7);
  });

  test('caps the declared range at the tier\'s ceiling: a preview runs one replica at most', () => {
    expect(resolve({ replicas: { min: 0, max: 10 } }, Tier.PREVIEW).replicas).toEqual({ min: 0, max: 1 });
  });
});

describe('resolveWorkerProps errors', () => {
  const cases: Array<[string, any, string | RegExp, Tier?, object?]> = [
    ['min above max', { replicas: { min: 5, max: 2 } }, 'payments-production/invoicer: replicas.min (5) must not exceed replicas.max (2)'],
    ['min below the tier floor', { replicas: { min: 1, max: 3 } }, "replicas.min (1) is below the production tier's floor of 2"],
    ['scale to zero in production', { replicas: { min: 0, max: 3 } }, "replicas.min (0) is below the production tier's floor of 2: a worker scales to zero only where the tier's floor is at most 1"],
    ['scale to zero on CPU', { replicas: { min: 0, max: 3 }, scaling: WorkerScaling.cpu() }, 'replicas.min (0) needs WorkerScaling.queue(...)', Tier.STAGING],
    ['a fractional replica count', { replicas: { min: 2.5, max: 3 } }, /replicas.min \(2.5\) must be a whole number from 0 to 1000/],
    ['replicas that are not an object', { replicas: 3 }, 'replicas (3) must be an object: { min, max }'],
    ['scaling that is not a WorkerScaling', { scaling: { kind: 'cpu' } }, 'scaling ({"kind":"cpu"}) must be WorkerScaling.queue(queue, options) or WorkerScaling.cpu(options)'],
    ['a CPU target out of range', { scaling: WorkerScaling.cpu({ targetUtilization: 150 }) }, 'scaling.targetUtilization (150) must be a whole number from 1 to 100'],
    ['no messages per replica', (q: TestQueue) => ({ scaling: WorkerScaling.queue(q, { messagesPerReplica: 0 }) }), 'scaling.messagesPerReplica (0) must be a whole number from 1 to 100000'],
    ['a negative activation', (q: TestQueue) => ({ scaling: WorkerScaling.queue(q, { activationMessages: -1 }) }), 'scaling.activationMessages (-1) must be a whole number from 0 to 100000'],
    ['a cooldown of a fraction of a second', (q: TestQueue) => ({ scaling: WorkerScaling.queue(q, { cooldown: Duration.millis(1500) }) }), 'scaling.cooldown (1500ms) must be a Duration of whole seconds from 0 to 86400 seconds'],
    ['a polling interval below 5 seconds', (q: TestQueue) => ({ scaling: WorkerScaling.queue(q, { pollingInterval: Duration.seconds(1) }) }), 'scaling.pollingInterval (1000ms) must be a Duration of whole seconds from 5 to 3600'],
    ['a misspelt queue option', (q: TestQueue) => ({ scaling: WorkerScaling.queue(q, { messagesPerReplicas: 3 } as any) }), /props.messagesPerReplicas is not a prop of QueueScalingOptions: did you mean "messagesPerReplica"\?/],
    ['a queue that is not one of the dependencies', (q: TestQueue, env: any) => ({ scaling: WorkerScaling.queue(new TestQueue(env, 'refunds')), dependencies: [q] }),
      'scaling: queue payments-production/refunds is not one of the worker\'s dependencies; add it to dependencies'],
    ['a dependency that is not a queue', (_q: TestQueue, env: any) => {
      const bucket = new BucketDependency(env, 'receipts');
      return { scaling: WorkerScaling.queue(bucket), dependencies: [bucket] };
    }, 'scaling: WorkerScaling.queue(BucketDependency payments-production/receipts) needs a queue dependency'],
    ['health that is not a WorkerHealth', { health: { port: 8080 } }, 'health ({"port":8080}) must be WorkerHealth.http(options) or WorkerHealth.exec(options)'],
    ['a privileged health port', { health: WorkerHealth.http({ port: 80 }) }, 'health.port (80) must be a whole number from 1024 to 65535'],
    ['a relative health path', { health: WorkerHealth.http({ readinessPath: 'ready' }) }, 'health.readinessPath "ready" must be an absolute URL path'],
    ['an empty liveness command', { health: WorkerHealth.exec({ livenessCommand: [] }) }, 'health.livenessCommand ([]) must be a non-empty list of strings, the program first'],
    ['a misspelt health option', { health: WorkerHealth.http({ prot: 9000 } as any) }, /props.prot is not a prop of WorkerHttpHealthOptions: did you mean "port"\?/],
    ['a grace period of zero', { terminationGracePeriod: Duration.seconds(0) }, 'terminationGracePeriod (0ms) must be a Duration of whole seconds from 1 to 3600 seconds'],
    ['a grace period that is not a Duration', { terminationGracePeriod: 30 }, 'terminationGracePeriod (30) must be a Duration of whole seconds'],
    ['a privileged metrics port', { observability: { metricsPort: 443 } }, 'observability.metricsPort (443) must be a whole number from 1024 to 65535'],
    ['a relative metrics path', { observability: { metricsPort: 9090, metricsPath: 'metrics' } }, 'observability.metricsPath "metrics" must be an absolute URL path'],
    ['no restarts allowed', { observability: { restartsPerHour: 0 } }, 'observability.restartsPerHour (0) must be a whole number from 1 to 1000'],
    ['a message age the queue\'s retention never reaches', { observability: { maxMessageAge: Duration.hours(1) } },
      'observability.maxMessageAge (3600s) must be under the retention of queue invoices (3600s): SQS deletes a message before it grows that old', Tier.PRODUCTION, { retentionSeconds: 3600 }],
    ['enabled that is not a boolean', { observability: { enabled: 'yes' } }, 'observability.enabled ("yes") must be true or false'],
    ['a misspelt prop', { replica: { min: 2, max: 3 } }, /props.replica is not a prop of WorkerProps: did you mean "replicas"\?/],
    ['an image outside the registries', { image: 'docker.io/library/busybox:1.36' }, 'payments-production/invoicer: image "docker.io/library/busybox:1.36" is not from an allowed registry'],
  ];

  test.each(cases)('rejects %s, naming the path, prop and value', (_what, props, message, tier = Tier.PRODUCTION, queueOptions = {}) => {
    const error = errorOf(() => resolve(props, tier, queueOptions));
    expect(Errors.isPavedError(error)).toBe(true);
    expect(error.message).toMatch(typeof message === 'string' ? new RegExp(escape(message)) : message);
  });

  test('claims the name only for valid input, so a rejected worker leaves it free', () => {
    const env = workerEnvironment(Tier.PRODUCTION, Testing.app());
    expect(() => resolveWorkerProps(env, 'invoicer', { ...INVOICER, replicas: { min: 5, max: 1 } })).toThrow();
    expect(() => resolveWorkerProps(env, 'invoicer', { ...INVOICER })).not.toThrow();
    expect(() => resolveWorkerProps(env, 'invoicer', { ...INVOICER })).toThrow(/invoicer/);
  });
});
