import { Errors } from '../../src/errors';
import { overlaps, requireMountPath, TMP_PATH } from '../../src/workload/mount-paths';
import { errorOf } from '../support/errors';

const fail = (value: unknown) => {
  const e = errorOf(() => requireMountPath('env/app', 'files key', value as string));
  expect(Errors.isPavedError(e)).toBe(true);
  expect(e.path).toBe('env/app');
  return e.message as string;
};

describe('mount paths', () => {
  test.each(['/etc/app/config.yaml', '/var/cache/app', '/srv/data-1/a_b.c', '/tmpfiles', '/etc/hosts.d/x'])('accepts %s', (path) => {
    expect(() => requireMountPath('env/app', 'files key', path)).not.toThrow();
  });

  test.each([
    ['etc/app/config.yaml', 'must be an absolute path'],
    ['', 'must be an absolute path'],
    [`/${'a'.repeat(1024)}`, 'must be an absolute path'],
    ['/', 'must be a normal absolute path'],
    ['/etc/app/', 'must be a normal absolute path'],
    ['/etc//app', 'must be a normal absolute path'],
    ['/etc/./app', 'must be a normal absolute path'],
    ['/etc/app/../passwd', 'must be a normal absolute path'],
    ['/etc/app/my config.yaml', 'must be a normal absolute path'],
    ['/etc/app/$(HOME)', 'must be a normal absolute path'],
  ])('refuses %j, naming the prop and the value', (path, message) => {
    expect(fail(path)).toContain(`files key ${JSON.stringify(path.length > 80 ? `${path.slice(0, 77)}...` : path)} ${message}`);
  });

  test('refuses what is not a string', () => {
    expect(fail(7)).toContain('files key 7 must be an absolute path');
  });

  test.each([TMP_PATH, '/tmp/app.conf'])('refuses %s, under the scratch directory Paved mounts', (path) => {
    expect(fail(path)).toContain('overlaps /tmp, the writable scratch directory Paved mounts in every pod');
  });

  test.each([
    ['/proc/self', '/proc'],
    ['/etc/resolv.conf', '/etc/resolv.conf'],
    ['/etc', '/etc/hosts'],
    ['/var/run/secrets/kubernetes.io/serviceaccount/token', '/var/run/secrets'],
    ['/run', '/run/secrets'],
  ])('refuses %s, which covers or lies in %s', (path, system) => {
    expect(fail(path)).toContain(`overlaps ${system} (`);
  });

  test('overlaps: the same path, or one inside the other, and not a shared prefix of a name', () => {
    expect(overlaps('/a/b', '/a/b')).toBe(true);
    expect(overlaps('/a/b/c', '/a/b')).toBe(true);
    expect(overlaps('/a/b', '/a/b/c')).toBe(true);
    expect(overlaps('/a/bc', '/a/b')).toBe(false);
    expect(overlaps('/a/b', '/a/c')).toBe(false);
  });
});
