import { WorkerHealth } from '../../src/worker/worker-health';

describe('WorkerHealth', () => {
  test('http() holds its options, none by default', () => {
    expect(WorkerHealth.http()._spec).toEqual({ kind: 'http' });
    expect(WorkerHealth.http({ port: 9000, livenessPath: '/alive' })._spec).toEqual({ kind: 'http', port: 9000, livenessPath: '/alive' });
  });

  test('exec() holds its commands', () => {
    expect(WorkerHealth.exec({ livenessCommand: ['/app/healthcheck'] })._spec).toEqual({ kind: 'exec', livenessCommand: ['/app/healthcheck'] });
  });

  test('isWorkerHealth recognises its own instances only', () => {
    expect(WorkerHealth.isWorkerHealth(WorkerHealth.http())).toBe(true);
    expect(WorkerHealth.isWorkerHealth({ _spec: { kind: 'http' } })).toBe(false);
    expect(WorkerHealth.isWorkerHealth(undefined)).toBe(false);
  });
});
