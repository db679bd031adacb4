import { Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-28';

/** The CPU and memory one container requests and may use at most. */
export interface ResourceSpec {
  /** CPU the scheduler reserves for the container. */
  readonly cpuRequest: Cpu;
  /** CPU the container may burst to before it is throttled. */
  readonly cpuLimit: Cpu;
  /** Memory the scheduler reserves for the container. */
  readonly memoryRequest: Size;
  /** Memory above which the container is OOM-killed. */
  readonly memoryLimit: Size;
}

/**
 * A named size for a service's container. Services refer to presets by name and the platform
 * decides what each name means, so resizing `standard` is a one-line change for the whole
 * organisation.
 */
export class ResourcePreset {
  /** 100m/500m CPU, 128Mi/256Mi memory by default: sidecars, workers, low-traffic APIs. */
  public static readonly SMALL = new ResourcePreset('small');
  /** 250m/1 CPU, 256Mi/512Mi memory by default: a typical API. */
  public static readonly STANDARD = new ResourcePreset('standard');
  /** 1/2 CPU, 1Gi/2Gi memory by default: busy or memory-hungry services. */
  public static readonly LARGE = new ResourcePreset('large');

  /** A preset the platform defines under `name` (see `PlatformProps.presets`). */
  public static named(name: string): ResourcePreset {
    return new ResourcePreset(name);
  }

  /** The built-in sizes of `small`, `standard` and `large`, which a platform may override. */
  public static defaults(): { [name: string]: ResourceSpec } {
    return {
      small: { cpuRequest: Cpu.millis(100), cpuLimit: Cpu.millis(500), memoryRequest: Size.mebibytes(128), memoryLimit: Size.mebibytes(256) },
      standard: { cpuRequest: Cpu.millis(250), cpuLimit: Cpu.units(1), memoryRequest: Size.mebibytes(256), memoryLimit: Size.mebibytes(512) },
      large: { cpuRequest: Cpu.units(1), cpuLimit: Cpu.units(2), memoryRequest: Size.gibibytes(1), memoryLimit: Size.gibibytes(2) },
    };
  }

  private constructor(
    /** The preset's name, resolved against the platform's presets. */
    public readonly name: string,
  ) {}
}

/** CPU in millicores, for arithmetic and comparisons (`Cpu.amount` is "250m" or "1"). */
export function cpuMillis(cpu: Cpu): number {
  const amount = cpu.amount;
  return amount.endsWith('m') ? Number(amount.slice(0, -1)) : Math.round(Number(amount) * 1000);
}

/** Renders CPU millicores the way Kubernetes prints them. */
export function formatCpu(millis: number): string {
  return millis % 1000 === 0 ? String(millis / 1000) : `${millis}m`;
}

/** Renders a size in mebibytes, the unit every preset is a whole multiple of. */
export function formatMemory(size: Size): string {
  const mib = size.toMebibytes();
  return mib % 1024 === 0 ? `${mib / 1024}Gi` : `${mib}Mi`;
}
