import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ResolvedConfigFiles } from './config-files';
import { overlaps, requireMountPath } from './mount-paths';
import { compareStrings } from '../compare';
import { PavedError } from '../errors';
import { formatMemory } from '../platform/resource-preset';
import { show } from '../validate';

/**
 * The most scratch space a workload may ask for, all volumes together. Scratch lives on the
 * node's own disk beside every other pod's; more than this is data worth keeping, which belongs
 * on a persistent volume or in a bucket.
 */
export const MAX_SCRATCH = Size.gibibytes(10);

/** One writable directory. */
export interface ScratchVolume {
  /** Where the container sees it. */
  readonly path: string;
  /** The volume's name in the pod: `scratch-<n>`, in order of path. */
  readonly name: string;
  /** The most it may hold: the kubelet evicts the pod beyond it. */
  readonly sizeLimit: Size;
}

/** A workload's scratch volumes, validated. */
export interface ResolvedScratchVolumes {
  /** Every volume, by path. */
  readonly volumes: ScratchVolume[];
  /**
   * The container's `ephemeral-storage` request: the volumes' sizes together, rounded up to whole
   * GiB (the unit cdk8s-plus renders it in), so the scheduler places the pod only on a node with
   * that much local disk to spare. The workload states it in the container's resources
   * (`resources.ephemeralStorage.request`); no limit goes with it, as each volume is bounded already.
   */
  readonly ephemeralStorageRequest: Size;
}

/**
 * Checks a workload's `scratch` (absolute path → size limit) where it enters: each path clear of
 * `/tmp`, of the system's paths, of the workload's files and of the other scratch directories,
 * each size a whole number of MiB above zero, and all of them at most `MAX_SCRATCH`. Nothing
 * when there is no scratch.
 *
 * @param path the workload's construct path, for errors
 * @param files the workload's files, which no scratch directory may cover
 */
export function resolveScratchVolumes(path: string, scratch: unknown, files?: ResolvedConfigFiles): ResolvedScratchVolumes | undefined {
  if (scratch === undefined) return undefined;
  if (!isPlainMap(scratch)) {
    throw new PavedError(path, `scratch (${show(scratch)}) must be a map of absolute paths to size limits, e.g. { "/var/cache/app": Size.mebibytes(512) }`);
  }
  const paths = Object.keys(scratch).sort(compareStrings);
  if (paths.length === 0) return undefined;
  let totalMib = 0;
  const volumes = paths.map((dir, i): ScratchVolume => {
    requireMountPath(path, 'scratch key', dir);
    const file = files?.files.find((f) => overlaps(f.path, dir));
    if (file) {
      throw new PavedError(path, `scratch key ${show(dir)} overlaps files key ${show(file.path)}: a directory is either written to or holds read-only files`);
    }
    const other = paths.slice(i + 1).find((p) => overlaps(p, dir));
    if (other) {
      throw new PavedError(path, `scratch key ${show(other)} lies inside scratch key ${show(dir)}: one volume is enough`);
    }
    const size = (scratch as { [p: string]: unknown })[dir];
    const mib = wholeMebibytes(size);
    if (mib === undefined || mib < 1) {
      throw new PavedError(path, `scratch[${show(dir)}] (${describeSize(size)}) must be a Size of at least 1 MiB, in whole MiB (e.g. Size.mebibytes(512))`);
    }
    totalMib += mib;
    return { path: dir, name: `scratch-${i}`, sizeLimit: Size.mebibytes(mib) };
  });
  if (totalMib > MAX_SCRATCH.toMebibytes()) {
    throw new PavedError(path, `scratch adds up to ${formatMemory(Size.mebibytes(totalMib))}, more than ${formatMemory(MAX_SCRATCH)}: keep what must outlive a pod on a persistent volume or in a bucket`);
  }
  return { volumes, ephemeralStorageRequest: Size.gibibytes(Math.ceil(totalMib / 1024)) };
}

/** Mounts each scratch volume, writable, as an `emptyDir` bounded by its size limit. */
export function addScratchVolumes(scope: Construct, container: kplus.Container, resolved: ResolvedScratchVolumes): void {
  for (const v of resolved.volumes) {
    container.mount(v.path, kplus.Volume.fromEmptyDir(scope, `Scratch${v.name.slice('scratch-'.length)}`, v.name, { sizeLimit: v.sizeLimit }));
  }
}

/** Whether `value` is a map written as an object literal (not a list, a Size or another class's instance). */
function isPlainMap(value: unknown): value is object {
  return value !== null && typeof value === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(value));
}

/** The size in whole MiB, or undefined when `size` is not a Size or not a whole number of MiB. */
function wholeMebibytes(size: unknown): number | undefined {
  // Duck-typed: a Size from another copy of cdk8s is a Size too.
  if (size === null || typeof size !== 'object' || typeof (size as Size).toMebibytes !== 'function') return undefined;
  try {
    const mib = (size as Size).toMebibytes();
    return Number.isFinite(mib) ? mib : undefined;
  } catch {
    // Size refuses to round a fractional conversion (Size.kibibytes(1)), and says so by throwing.
    return undefined;
  }
}

function describeSize(size: unknown): string {
  const mib = wholeMebibytes(size);
  if (mib !== undefined) return `${mib} MiB`;
  if (size !== null && typeof size === 'object' && typeof (size as Size).toKibibytes === 'function') return `${(size as Size).toKibibytes()} KiB`;
  return show(size);
}
