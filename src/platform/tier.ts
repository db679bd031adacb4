/**
 * The stage an environment serves. The tier drives the defaults Paved picks for everything in
 * that environment: replica floors, disruption budgets, spread, quotas, and how strictly policy
 * is enforced.
 *
 * The four tiers are fixed; what each one means (its `TierSettings`) is the platform's to tune.
 */
export class Tier {
  /** Short-lived environments, one per pull request: one replica, small quota, disposable. */
  public static readonly PREVIEW = new Tier('preview', 0);
  /** Shared development environments: cheap, one replica, no disruption budget. */
  public static readonly DEVELOPMENT = new Tier('development', 1);
  /** Production-like rehearsal: the same shape as production, smaller quota. */
  public static readonly STAGING = new Tier('staging', 2);
  /** Serves customers: at least two replicas, disruption budgets, strict spread. */
  public static readonly PRODUCTION = new Tier('production', 3);

  /** Every tier, from least to most critical. */
  public static all(): Tier[] {
    return [Tier.PREVIEW, Tier.DEVELOPMENT, Tier.STAGING, Tier.PRODUCTION];
  }

  /**
   * The tier with the given name.
   *
   * @returns undefined when no tier has that name
   */
  public static tryOf(name: string): Tier | undefined {
    return Tier.all().find((t) => t.name === name);
  }

  private constructor(
    /** The tier's name as it appears in labels and reports: `preview`, `development`, `staging`, `production`. */
    public readonly name: string,
    /** Position from least (0) to most (3) critical; lets policy say "staging and above". */
    public readonly rank: number,
  ) {}

  /** Whether this tier is at least as critical as `other`. */
  public isAtLeast(other: Tier): boolean {
    return this.rank >= other.rank;
  }

  public toString(): string {
    return this.name;
  }
}
