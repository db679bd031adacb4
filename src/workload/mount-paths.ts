import { PavedError } from '../errors';
import { show } from '../validate';

/** The writable scratch directory every Paved pod mounts on its read-only root filesystem. */
export const TMP_PATH = '/tmp';

/**
 * Paths a team's mount may not cover, with why: the kernel's and the kubelet's own, and the
 * directories service account tokens and Secrets are mounted under.
 */
const SYSTEM_PATHS: ReadonlyArray<[string, string]> = [
  ['/proc', 'the kernel\'s process filesystem'],
  ['/sys', 'the kernel\'s sysfs'],
  ['/dev', 'the container\'s devices'],
  ['/etc/hosts', 'written by the kubelet'],
  ['/etc/hostname', 'written by the kubelet'],
  ['/etc/resolv.conf', 'written by the kubelet for cluster DNS'],
  ['/run/secrets', 'where tokens and Secrets are mounted'],
  ['/var/run/secrets', 'where tokens and Secrets are mounted'],
];

/** `/`-separated parts of letters, digits and `._-`: names that need no quoting anywhere. */
const SEGMENT = /^[A-Za-z0-9._-]+$/;
const MAX_PATH = 1024;

/** Whether `a` and `b` are the same path or one lies inside the other. */
export function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
}

/**
 * Checks a path a team mounts something at: absolute, normal (no `.`, `..`, empty parts or
 * trailing `/`), plain characters, and clear of the kernel's, the kubelet's and Paved's own
 * mounts (`/tmp`). `prop` names where it was written, e.g. `files key`.
 */
export function requireMountPath(path: string, prop: string, value: string): void {
  if (typeof value !== 'string' || !value.startsWith('/') || value.length > MAX_PATH) {
    throw new PavedError(path, `${prop} ${show(value)} must be an absolute path (starting with "/"), at most ${MAX_PATH} characters`);
  }
  const segments = value.slice(1).split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..' || !SEGMENT.test(s))) {
    throw new PavedError(path, `${prop} ${show(value)} must be a normal absolute path: "/"-separated names of letters, digits and "._-", with no ".", ".." or empty part and no trailing "/"`);
  }
  if (overlaps(value, TMP_PATH)) {
    throw new PavedError(path, `${prop} ${show(value)} overlaps ${TMP_PATH}, the writable scratch directory Paved mounts in every pod: choose a path outside it`);
  }
  for (const [system, why] of SYSTEM_PATHS) {
    if (overlaps(value, system)) {
      throw new PavedError(path, `${prop} ${show(value)} overlaps ${system} (${why}): choose a path outside it`);
    }
  }
}
