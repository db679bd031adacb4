import { PavedError } from '../errors';
import { Tier } from '../platform/tier';
import { show } from '../validate';
import { CHECKABLE_RULE, CHECKABLE_RULE_ID } from './checked-objects';
import { compareStrings } from '../compare';
import { defaultPacks } from './default-packs';
import { unknownIdHint } from '../nearest-ids';
import { PolicyContext } from './policy-context';
import { POD_SECURITY_PREFIX, RuleConfiguration } from './policy-settings';
import { Enforcement, IRule, RuleCategory } from './rule';
import { RulePack } from './rule-pack';

/**
 * What an app chose with `Policy.of(app)`, layered over each platform's settings.
 *
 * @internal
 */
export interface AppPolicyChoices {
  /** Where the choices were made, for errors about them. */
  readonly path: string;
  readonly packs: RulePack[];
  readonly rules: IRule[];
  readonly configurations: ConfiguredRule[];
}

/** @internal */
export interface ConfiguredRule {
  readonly ruleId: string;
  readonly configuration: RuleConfiguration;
}

/**
 * A rule as it applies in one context, with its enforcement there.
 *
 * @internal
 */
export interface ActiveRule {
  readonly rule: IRule;
  readonly enforcement: Enforcement;
}

/**
 * A rule set below what it would do without one setting: by a platform's override (below the
 * rule's default in the tier) or by an app's `configure` (below what the platform left it at).
 *
 * @internal
 */
export interface Relaxation {
  readonly rule: IRule;
  /** Where it was set: `Platform(<name>)` or `Policy.of(app)`. */
  readonly configuredBy: string;
  /** The tier the relaxation holds in. */
  readonly tier: Tier;
  /** What the rule does now. */
  readonly enforcement: Enforcement;
  /** What the rule would do without this setting. */
  readonly defaultEnforcement: Enforcement;
}

/** The rules of one context, indexed by kind so each object meets only the rules that look at it. */
class ContextRules {
  private readonly byKind = new Map<string, ActiveRule[]>();
  private readonly wildcard: ActiveRule[];
  private readonly merged = new Map<string, ActiveRule[]>();

  constructor(readonly active: ActiveRule[], readonly relaxations: Relaxation[]) {
    this.wildcard = active.filter((a) => a.rule.kinds.includes('*'));
    for (const a of active) {
      for (const kind of a.rule.kinds) {
        if (kind === '*') continue;
        const list = this.byKind.get(kind) ?? [];
        list.push(a);
        this.byKind.set(kind, list);
      }
    }
  }

  forKind(kind: string): ActiveRule[] {
    let rules = this.merged.get(kind);
    if (!rules) {
      rules = [...(this.byKind.get(kind) ?? []), ...this.wildcard];
      this.merged.set(kind, rules);
    }
    return rules;
  }
}

const STRENGTH: Record<Enforcement, number> = {
  [Enforcement.OFF]: 0,
  [Enforcement.WARN]: 1,
  [Enforcement.ENFORCE]: 2,
};

/**
 * Decides which rules apply where, and how strictly: the platform's packs and rules (or the
 * built-in default), the app's additions, and enforcement layered from the rule's category, the
 * platform's settings and the app's `configure` calls, in that order.
 *
 * Resolution is shared by every environment of one platform in one tier, so an app of a thousand
 * services resolves its rules a handful of times.
 *
 * @internal
 */
export class RuleBook {
  private readonly resolved = new Map<object | undefined, Map<string, ContextRules>>();
  private readonly known = new Map<string, IRule>();

  /**
   * @param app the app's choices
   * @param only check exactly these rules, never skipping one that is off (the testing harness)
   */
  constructor(private readonly app: AppPolicyChoices, private readonly only?: IRule[]) {
    this.learn([CHECKABLE_RULE], app.path);
    this.learn(only ?? [], app.path);
    this.learn(packRules(defaultPacks()), app.path);
    this.learn(packRules(app.packs), app.path);
    this.learn(app.rules, app.path);
  }

  /** Every rule id in use anywhere the book has looked, for "unknown id" checks. */
  public knownIds(): ReadonlySet<string> {
    return new Set(this.known.keys());
  }

  /** The rule with this id, if any. */
  public rule(id: string): IRule | undefined {
    return this.known.get(id);
  }

  /** The rules that apply to an object of `kind` in `context`. */
  public rulesFor(context: PolicyContext, kind: string): ActiveRule[] {
    return this.contextRules(context).forKind(kind);
  }

  /** Every rule that applies in `context`, whatever the kind. */
  public activeRules(context: PolicyContext): ActiveRule[] {
    return this.contextRules(context).active;
  }

  /** Every rule relaxed in `context`, by whom, to what, from what. */
  public relaxations(context: PolicyContext): Relaxation[] {
    return this.contextRules(context).relaxations;
  }

  /** Whether the context's platform forbids suppressing or relaxing the rule. */
  public isLocked(context: PolicyContext, ruleId: string): boolean {
    return context.settings?.unsuppressible?.includes(ruleId) ?? false;
  }

  /**
   * Fails on any rule id in the app's or a platform's settings that names no rule in use, with the
   * nearest ids. Call once every context has been resolved, when the set of rules is final.
   */
  public checkIds(contexts: PolicyContext[]): void {
    const known = this.knownIds();
    for (const { ruleId } of this.app.configurations) {
      if (!known.has(ruleId)) {
        throw new PavedError(this.app.path, `configure(${show(ruleId)}): no rule has this id; ${unknownIdHint(ruleId, known)}`);
      }
      if (ruleId === CHECKABLE_RULE_ID) throw reservedRuleError(this.app.path, `configure(${show(ruleId)})`);
    }
    const platforms = new Set<object>();
    for (const context of contexts) {
      if (!context.platform || platforms.has(context.platform)) continue;
      platforms.add(context.platform);
      const path = `Platform(${context.platformName})`;
      (context.settings?.overrides ?? []).forEach(({ ruleId }, i) => {
        if (!known.has(ruleId)) {
          throw new PavedError(path, `policy.overrides[${i}].ruleId ${show(ruleId)} names no rule; ${unknownIdHint(ruleId, known)}`);
        }
        if (ruleId === CHECKABLE_RULE_ID) throw reservedRuleError(path, `policy.overrides[${i}].ruleId`);
      });
      (context.settings?.unsuppressible ?? []).forEach((ruleId, i) => {
        if (!known.has(ruleId)) {
          throw new PavedError(path, `policy.unsuppressible[${i}] ${show(ruleId)} names no rule; ${unknownIdHint(ruleId, known)}`);
        }
      });
      (context.settings?.relaxable ?? []).forEach((ruleId, i) => {
        if (!known.has(ruleId)) {
          throw new PavedError(path, `policy.relaxable[${i}] ${show(ruleId)} names no rule; ${unknownIdHint(ruleId, known)}`);
        }
      });
    }
  }

  private contextRules(context: PolicyContext): ContextRules {
    let byTier = this.resolved.get(context.platform);
    if (!byTier) {
      byTier = new Map();
      this.resolved.set(context.platform, byTier);
    }
    let rules = byTier.get(context.tier.name);
    if (!rules) {
      rules = this.resolve(context);
      byTier.set(context.tier.name, rules);
    }
    return rules;
  }

  private resolve(context: PolicyContext): ContextRules {
    // Resolved even when checking only given rules: the platform's rules must be known to check its ids.
    const inContext = this.rulesInContext(context);
    const rules = this.only ?? inContext;
    const active: ActiveRule[] = [];
    const relaxations: Relaxation[] = [];
    for (const rule of rules) {
      const enforcement = this.enforcementOf(rule, context, relaxations);
      if (enforcement !== Enforcement.OFF || this.only) active.push({ rule, enforcement });
    }
    const byId = (a: { rule: IRule }, b: { rule: IRule }) => compareStrings(a.rule.id, b.rule.id);
    return new ContextRules(active.sort(byId), relaxations.sort(byId));
  }

  private rulesInContext(context: PolicyContext): IRule[] {
    const platformPath = `Platform(${context.platformName})`;
    const platformRules = context.platform
      ? [...packRules(context.settings?.packs ?? defaultPacks()), ...(context.settings?.rules ?? [])]
      : [];
    this.learn(platformRules, platformPath);
    // Outside any Environment there is no platform choice to keep: the app's packs replace the default.
    const packs = context.platform || this.app.packs.length > 0 ? this.app.packs : defaultPacks();
    const unique = new Map<string, IRule>();
    for (const rule of [...platformRules, ...packRules(packs), ...this.app.rules]) unique.set(rule.id, rule);
    return [...unique.values()];
  }

  /**
   * The rule's enforcement in the context, layered: its category's default, the platform's
   * overrides, the app's `configure` calls. Records each layer that weakens the one below it.
   */
  private enforcementOf(rule: IRule, context: PolicyContext, relaxations: Relaxation[]): Enforcement {
    const tier = context.tier;
    const enforceFrom = context.settings?.enforceFrom ?? Tier.STAGING;
    const defaultEnforcement = rule.category === RuleCategory.SECURITY
      || (rule.category !== RuleCategory.ADVISORY && tier.isAtLeast(enforceFrom))
      ? Enforcement.ENFORCE
      : Enforcement.WARN;
    let enforcement = defaultEnforcement;
    for (const override of context.settings?.overrides ?? []) {
      if (override.ruleId === rule.id && appliesIn(override, tier)) enforcement = override.enforcement;
    }
    const platformEnforcement = enforcement;
    if (STRENGTH[platformEnforcement] < STRENGTH[defaultEnforcement]) {
      const configuredBy = `Platform(${context.platformName})`;
      this.requireRelaxable(rule, context, configuredBy, 'policy.overrides', platformEnforcement);
      relaxations.push({ rule, configuredBy, tier, enforcement: platformEnforcement, defaultEnforcement });
    }
    for (const { ruleId, configuration } of this.app.configurations) {
      if (ruleId === rule.id && appliesIn(configuration, tier)) enforcement = configuration.enforcement;
    }
    if (STRENGTH[enforcement] < STRENGTH[platformEnforcement]) {
      if (this.isLocked(context, rule.id)) {
        throw new PavedError(this.app.path, `configure(${show(rule.id)}): platform "${context.platformName}" marks this rule unsuppressible, so it cannot be relaxed from ${platformEnforcement} to ${enforcement} in ${tier.name}`);
      }
      this.requireRelaxable(rule, context, this.app.path, `configure(${show(rule.id)})`, enforcement);
      relaxations.push({ rule, configuredBy: this.app.path, tier, enforcement, defaultEnforcement: platformEnforcement });
    }
    return enforcement;
  }

  /**
   * Pod Security rules go below enforce only where the platform allows it by naming the rule in
   * `policy.relaxable`. Checked here, on the resolved enforcement, as well as where a Platform's
   * settings enter: this is the one place every relaxation passes through.
   */
  private requireRelaxable(rule: IRule, context: PolicyContext, path: string, prop: string, enforcement: Enforcement): void {
    if (!rule.id.startsWith(POD_SECURITY_PREFIX) || context.settings?.relaxable?.includes(rule.id)) return;
    const allowed = context.settings?.relaxable?.length ? `it allows only ${context.settings.relaxable.map((id) => show(id)).join(', ')}` : 'it allows none';
    const platform = context.platform
      ? `platform "${context.platformName}" does not list it in policy.relaxable (${allowed})`
      : 'outside any Environment no platform can allow it';
    throw new PavedError(path, `${prop}: Pod Security rule ${show(rule.id)} cannot be set to ${enforcement} in ${context.tier.name}: Pod Security rules enforce unless the platform names them in policy.relaxable, and ${platform}`);
  }

  /** Records rules by id; two different rules under one id would make every report ambiguous. */
  private learn(rules: IRule[], path: string): void {
    for (const rule of rules) {
      const existing = this.known.get(rule.id);
      if (existing && existing !== rule) {
        throw new PavedError(path, `rule id ${show(rule.id)} is used by two different rules ("${existing.title}" and "${rule.title}"); give the custom rule its own id, e.g. "<org>.${rule.id}"`);
      }
      this.known.set(rule.id, rule);
    }
  }
}

/** @internal */
export function reservedRuleError(path: string, prop: string): PavedError {
  return new PavedError(path, `${prop}: ${show(CHECKABLE_RULE_ID)} is the engine's own guarantee that every object is checked; it always enforces and cannot be configured or suppressed`);
}

function packRules(packs: RulePack[]): IRule[] {
  return packs.flatMap((pack) => pack.rules);
}

function appliesIn(configuration: RuleConfiguration, tier: Tier): boolean {
  return configuration.tiers === undefined || configuration.tiers.some((t) => t.name === tier.name);
}
