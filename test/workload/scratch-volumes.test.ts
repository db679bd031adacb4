import { Size } from 'cdk8s';
import { bareWorkload, objectsOf, podSpecOf } from './fixtures';
import { Environment } from '../../src/environment/environment';
import { Errors } from '../../src/errors';
import { resolveConfigFiles } from '../../src/workload/config-files';
import { addScratchVolumes, MAX_SCRATCH, resolveScratchVolumes } from '../../src/workload/scratch-volumes';
import { errorOf } from '../support/errors';
import { validateAgainstSchemas } from '../support/schema';

function wired(scratch: unknown) {
  const workload = bareWorkload();
  const resolved = resolveScratchVolumes(workload.path, scratch);
  if (resolved) addScratchVolumes(workload.scope, workload.container, resolved);
  return { resolved, objects: objectsOf(Environment.enclosing(workload.scope)) };
}

function failure(scratch: unknown, files?: { [path: string]: string }): string {
  const workload = bareWorkload();
  const resolvedFiles = files && resolveConfigFiles(workload.path, workload.name, files);
  const e = errorOf(() => resolveScratchVolumes(workload.path, scratch, resolvedFiles));
  expect(Errors.isPavedError(e)).toBe(true);
  expect(e.path).toBe('payments-production/orders-worker');
  return e.message;
}

describe('scratch volumes', () => {
  test('become writable emptyDirs bounded by their size, in order of path', () => {
    const { objects, resolved } = wired({ '/var/cache/app': Size.mebibytes(512), '/var/lib/app/spool': Size.gibibytes(2) });
    const pod = podSpecOf(objects);
    expect(pod.containers[0].volumeMounts).toEqual([
      { mountPath: '/var/cache/app', name: 'scratch-0' },
      { mountPath: '/var/lib/app/spool', name: 'scratch-1' },
    ]);
    expect(pod.volumes).toMatchSnapshot();
    // 2560 MiB, rounded up to whole GiB.
    expect(resolved!.ephemeralStorageRequest.toGibibytes()).toBe(3);
    expect(() => validateAgainstSchemas(objects)).not.toThrow();
  });

  test.each([undefined, {}])('mount nothing for %j', (scratch) => {
    const { resolved, objects } = wired(scratch);
    expect(resolved).toBeUndefined();
    expect(podSpecOf(objects).volumes).toBeUndefined();
  });

  test('take up to the maximum together, and refuse more', () => {
    const half = MAX_SCRATCH.toMebibytes() / 2;
    expect(resolveScratchVolumes('p', { '/a': Size.mebibytes(half), '/b': Size.mebibytes(half) })!.ephemeralStorageRequest.toGibibytes()).toBe(MAX_SCRATCH.toGibibytes());
    expect(resolveScratchVolumes('p', { '/a': Size.mebibytes(1) })!.ephemeralStorageRequest.toGibibytes()).toBe(1);
    expect(failure({ '/a': Size.mebibytes(half), '/b': Size.mebibytes(half + 1) })).toContain('scratch adds up to 10241Mi, more than 10Gi');
  });

  test.each([
    ['zero', Size.mebibytes(0), '0 MiB'],
    ['a fraction of a MiB', Size.kibibytes(1536), '1536 KiB'],
    ['a number', 512, '512'],
    ['a string', '512Mi', '"512Mi"'],
  ])('refuse %s as a size, naming the path and the value', (_what, size, shown) => {
    expect(failure({ '/var/cache/app': size })).toContain(`scratch["/var/cache/app"] (${shown}) must be a Size of at least 1 MiB, in whole MiB`);
  });

  test.each([
    ['/tmp', 'overlaps /tmp'],
    ['/tmp/cache', 'overlaps /tmp'],
    ['var/cache', 'must be an absolute path'],
    ['/var/../cache', 'must be a normal absolute path'],
    ['/dev/shm', 'overlaps /dev'],
  ])('refuse the path %s', (path, message) => {
    expect(failure({ [path]: Size.mebibytes(64) })).toContain(`scratch key ${JSON.stringify(path)} ${message}`);
  });

  test('refuse a directory nested in another', () => {
    expect(failure({ '/var/cache': Size.mebibytes(64), '/var/cache/app': Size.mebibytes(64) })).toContain('scratch key "/var/cache/app" lies inside scratch key "/var/cache"');
  });

  test.each(['/etc/app', '/etc/app/config.yaml', '/etc/app/config.yaml/x'])('refuse %s, which overlaps a config file', (path) => {
    expect(failure({ [path]: Size.mebibytes(64) }, { '/etc/app/config.yaml': 'a: 1\n' })).toContain(`scratch key ${JSON.stringify(path)} overlaps files key "/etc/app/config.yaml"`);
  });

  test('take a directory beside the config files', () => {
    const workload = bareWorkload();
    const files = resolveConfigFiles(workload.path, workload.name, { '/etc/app/config.yaml': 'a: 1\n' });
    expect(() => resolveScratchVolumes(workload.path, { '/etc/app-cache': Size.mebibytes(64) }, files)).not.toThrow();
  });

  test.each([['a list', []], ['a Size', Size.mebibytes(64)], ['null', null]])('refuse %s where the map belongs', (_what, scratch) => {
    expect(failure(scratch)).toContain('must be a map of absolute paths to size limits');
  });
});
