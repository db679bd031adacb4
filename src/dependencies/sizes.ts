import { ResourcePreset } from '../platform/resource-preset';

/**
 * How big a Postgres dependency is. In staging and production it picks the RDS instance class
 * and storage; in preview and development, the in-cluster container's preset and volume.
 */
export class DatabaseSize {
  /** db.t4g.small, 20 GiB growing to 100 GiB; in-cluster: small preset, 1 GiB volume. */
  public static readonly SMALL = new DatabaseSize('small', 'db.t4g.small', 20, 100, ResourcePreset.SMALL, 1);
  /** db.m7g.large, 100 GiB growing to 500 GiB; in-cluster: standard preset, 5 GiB volume. */
  public static readonly MEDIUM = new DatabaseSize('medium', 'db.m7g.large', 100, 500, ResourcePreset.STANDARD, 5);
  /** db.r7g.xlarge, 500 GiB growing to 2 TiB; in-cluster: large preset, 10 GiB volume. */
  public static readonly LARGE = new DatabaseSize('large', 'db.r7g.xlarge', 500, 2048, ResourcePreset.LARGE, 10);

  /** Every size, smallest first. */
  public static all(): DatabaseSize[] {
    return [DatabaseSize.SMALL, DatabaseSize.MEDIUM, DatabaseSize.LARGE];
  }

  private constructor(
    /** The size's name: `small`, `medium` or `large`. */
    public readonly name: string,
    /** The RDS instance class. */
    public readonly instanceClass: string,
    /** Storage allocated at creation, in GiB. */
    public readonly allocatedStorageGib: number,
    /** The ceiling storage autoscaling may grow to, in GiB. */
    public readonly maxAllocatedStorageGib: number,
    /** The preset of the in-cluster Postgres container. */
    public readonly inClusterResources: ResourcePreset,
    /** The in-cluster volume, in GiB. */
    public readonly inClusterStorageGib: number,
  ) {}
}

/**
 * How big a Redis dependency is. In staging and production it picks the ElastiCache node type;
 * in preview and development, the in-cluster container's preset.
 */
export class CacheSize {
  /** cache.t4g.small; in-cluster: small preset. */
  public static readonly SMALL = new CacheSize('small', 'cache.t4g.small', ResourcePreset.SMALL);
  /** cache.m7g.large; in-cluster: standard preset. */
  public static readonly MEDIUM = new CacheSize('medium', 'cache.m7g.large', ResourcePreset.STANDARD);
  /** cache.r7g.xlarge; in-cluster: large preset. */
  public static readonly LARGE = new CacheSize('large', 'cache.r7g.xlarge', ResourcePreset.LARGE);

  /** Every size, smallest first. */
  public static all(): CacheSize[] {
    return [CacheSize.SMALL, CacheSize.MEDIUM, CacheSize.LARGE];
  }

  private constructor(
    /** The size's name: `small`, `medium` or `large`. */
    public readonly name: string,
    /** The ElastiCache node type. */
    public readonly nodeType: string,
    /** The preset of the in-cluster Redis container. */
    public readonly inClusterResources: ResourcePreset,
  ) {}
}
