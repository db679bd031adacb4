import { PavedError } from '../errors';
import { Tier } from '../platform/tier';
import { requireNonEmpty, show } from '../validate';
import { Enforcement, IRule } from './rule';
import { RulePack } from './rule-pack';
import { validateRule } from './rule-validation';

/** How strictly one rule is applied, optionally only in some tiers. */
export interface RuleConfiguration {
  /** What the rule does when it finds a violation. */
  readonly enforcement: Enforcement;
  /**
   * The tiers this applies to; other tiers keep their enforcement.
   *
   * @default - every tier
   */
  readonly tiers?: Tier[];
}

/** A platform's choice of enforcement for one rule. */
export interface RuleOverride extends RuleConfiguration {
  /** The rule the override applies to, e.g. `workload.read-only-root-fs`. */
  readonly ruleId: string;
}

/**
 * A platform's policy: which rules every environment on the platform is checked against and how
 * strictly. Product teams inherit it; `Policy.of(app)` layers the app's own choices on top.
 */
export interface PolicySettings {
  /**
   * The rule packs every environment is checked against. Packs an app adds with
   * `Policy.of(app).use(...)` are checked as well; an app cannot drop a platform's pack.
   *
   * @default - every built-in pack
   */
  readonly packs?: RulePack[];
  /**
   * The platform's own rules, checked in every environment next to the packs.
   *
   * @default - none
   */
  readonly rules?: IRule[];
  /**
   * The first tier in which rules that are not security rules fail the synth; below it they
   * warn. Security rules enforce in every tier unless an override says otherwise.
   *
   * @default Tier.STAGING - teams see reliability findings early without being blocked in preview and development
   */
  readonly enforceFrom?: Tier;
  /**
   * Per-rule enforcement, applied in order (a later entry wins where two apply to one tier).
   *
   * @default - none
   */
  readonly overrides?: RuleOverride[];
  /**
   * Rule ids no one may suppress or relax: `Policy.suppress` fails for them, and so does an app's
   * `configure` that weakens them below the platform's enforcement.
   *
   * @default - none
   */
  readonly unsuppressible?: string[];
  /**
   * Pod Security rules (`pss.*`) that may go below enforce, each named explicitly: by this
   * platform's `overrides`, or by an app's `Policy.of(app).configure`. Every other Pod Security
   * rule enforces in every tier, and a setting that would relax one fails naming the rule. Each
   * relaxation, allowed or not, is listed in every report.
   *
   * @default - none: every Pod Security rule enforces in every tier
   */
  readonly relaxable?: string[];
}

const ENFORCEMENTS = Object.values(Enforcement) as string[];

/**
 * The prefix of Pod Security rule ids: only a platform may let these go below enforce, one named
 * rule at a time (`relaxable`).
 *
 * @internal
 */
export const POD_SECURITY_PREFIX = 'pss.';

/**
 * Checks a `RuleConfiguration` where it enters (a platform's settings or `Policy.configure`).
 * Whether its rule id exists is checked at synth, once every rule is known.
 *
 * @internal
 */
export function validateRuleConfiguration(path: string, prop: string, configuration: RuleConfiguration): void {
  if (configuration === null || typeof configuration !== 'object') {
    throw new PavedError(path, `${prop} ${show(configuration)} must be an object with an enforcement (${ENFORCEMENTS.join(', ')})`);
  }
  if (!ENFORCEMENTS.includes(configuration.enforcement)) {
    throw new PavedError(path, `${prop}.enforcement ${show(configuration.enforcement)} must be one of ${ENFORCEMENTS.join(', ')}`);
  }
  if (configuration.tiers !== undefined) {
    if (!Array.isArray(configuration.tiers) || configuration.tiers.length === 0) {
      throw new PavedError(path, `${prop}.tiers ${show(configuration.tiers)} must list at least one Tier, or be left out to mean every tier`);
    }
    configuration.tiers.forEach((tier, i) => requireTier(path, `${prop}.tiers[${i}]`, tier));
  }
}

/**
 * Checks a platform's `PolicySettings`; the Platform calls it where the settings enter.
 *
 * @internal
 */
export function validatePolicySettings(path: string, settings: PolicySettings): void {
  const prop = 'policy';
  if (settings.packs !== undefined) {
    requireArray(path, `${prop}.packs`, settings.packs);
    settings.packs.forEach((pack, i) => {
      if (!(pack instanceof RulePack)) {
        throw new PavedError(path, `${prop}.packs[${i}] ${show(pack)} must be a RulePack (e.g. RulePacks.POD_SECURITY_RESTRICTED)`);
      }
    });
  }
  if (settings.rules !== undefined) {
    requireArray(path, `${prop}.rules`, settings.rules);
    settings.rules.forEach((rule, i) => validateRule(path, `${prop}.rules[${i}]`, rule));
  }
  if (settings.enforceFrom !== undefined) requireTier(path, `${prop}.enforceFrom`, settings.enforceFrom);
  if (settings.overrides !== undefined) {
    requireArray(path, `${prop}.overrides`, settings.overrides);
    settings.overrides.forEach((override, i) => {
      validateRuleConfiguration(path, `${prop}.overrides[${i}]`, override);
      requireNonEmpty(path, `${prop}.overrides[${i}].ruleId`, override.ruleId);
    });
  }
  if (settings.unsuppressible !== undefined) {
    requireArray(path, `${prop}.unsuppressible`, settings.unsuppressible);
    settings.unsuppressible.forEach((id, i) => requireNonEmpty(path, `${prop}.unsuppressible[${i}]`, id));
  }
  if (settings.relaxable !== undefined) {
    requireArray(path, `${prop}.relaxable`, settings.relaxable);
    settings.relaxable.forEach((id, i) => {
      requireNonEmpty(path, `${prop}.relaxable[${i}]`, id);
      if (!id.startsWith(POD_SECURITY_PREFIX)) {
        throw new PavedError(path, `${prop}.relaxable[${i}] ${show(id)} is not a Pod Security rule; only "pss.*" rules need allowing, every other rule can be relaxed with overrides or configure`);
      }
      if (settings.unsuppressible?.includes(id)) {
        throw new PavedError(path, `${prop}.relaxable[${i}] ${show(id)} is also in ${prop}.unsuppressible; a rule is either relaxable or locked`);
      }
    });
  }
  (settings.overrides ?? []).forEach((override, i) => {
    const relaxes = override.enforcement !== Enforcement.ENFORCE;
    if (relaxes && override.ruleId.startsWith(POD_SECURITY_PREFIX) && !settings.relaxable?.includes(override.ruleId)) {
      throw new PavedError(path, `${prop}.overrides[${i}] sets Pod Security rule ${show(override.ruleId)} to ${override.enforcement}: Pod Security rules enforce unless ${prop}.relaxable names them; add ${show(override.ruleId)} to ${prop}.relaxable to allow it`);
    }
  });
}

function requireTier(path: string, prop: string, tier: Tier): void {
  if (!(tier instanceof Tier)) {
    throw new PavedError(path, `${prop} ${show(tier)} must be a Tier (${Tier.all().join(', ')})`);
  }
}

function requireArray(path: string, prop: string, value: unknown): void {
  if (!Array.isArray(value)) {
    throw new PavedError(path, `${prop} ${show(value)} must be a list`);
  }
}
