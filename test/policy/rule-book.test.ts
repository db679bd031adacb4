import { Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { DEMO_PACK, FakeEnvironment, NO_PRIVILEGED, OWNER_LABEL, TWO_REPLICAS } from './fixtures';
import { Errors } from '../../src/errors';
import { Tier } from '../../src/platform/tier';
import { PolicyContext, policyContextOf } from '../../src/policy/policy-context';
import { PolicySettings } from '../../src/policy/policy-settings';
import { Enforcement, RuleCategory } from '../../src/policy/rule';
import { AppPolicyChoices, RuleBook } from '../../src/policy/rule-book';
import { RulePack } from '../../src/policy/rule-pack';

const NO_CHOICES: AppPolicyChoices = { path: 'Policy.of(app)', packs: [], rules: [], configurations: [] };

function contextOf(tier: Tier, settings: PolicySettings = { packs: [DEMO_PACK] }): PolicyContext {
  return policyContextOf(new FakeEnvironment(Testing.app(), 'env', tier, settings));
}

function enforcements(book: RuleBook, context: PolicyContext): Record<string, Enforcement> {
  return Object.fromEntries(book.activeRules(context).map((a) => [a.rule.id, a.enforcement]));
}

describe('RuleBook', () => {
  test('by default security rules enforce in every tier, others from staging up and warn below', () => {
    const book = new RuleBook(NO_CHOICES);
    const table = Tier.all().map((tier) => [tier.name, enforcements(book, contextOf(tier))]);

    expect(table).toEqual([
      ['preview', { 'demo.no-privileged': 'enforce', 'demo.owner-label': 'warn', 'demo.replicas': 'warn' }],
      ['development', { 'demo.no-privileged': 'enforce', 'demo.owner-label': 'warn', 'demo.replicas': 'warn' }],
      ['staging', { 'demo.no-privileged': 'enforce', 'demo.owner-label': 'enforce', 'demo.replicas': 'enforce' }],
      ['production', { 'demo.no-privileged': 'enforce', 'demo.owner-label': 'enforce', 'demo.replicas': 'enforce' }],
    ]);
  });

  test('advisory rules warn in every tier, wherever enforcement starts, unless the platform enforces them', () => {
    const advice = { ...TWO_REPLICAS, id: 'demo.advice', category: RuleCategory.ADVISORY };
    const pack = new RulePack('advice', [advice, TWO_REPLICAS]);
    const book = new RuleBook(NO_CHOICES);
    for (const tier of Tier.all()) {
      const found = enforcements(book, contextOf(tier, { packs: [pack], enforceFrom: Tier.PREVIEW }));
      expect(found).toEqual({ 'demo.advice': 'warn', 'demo.replicas': 'enforce' });
    }
    const enforced = { packs: [pack], overrides: [{ ruleId: 'demo.advice', enforcement: Enforcement.ENFORCE }] };
    expect(enforcements(book, contextOf(Tier.PRODUCTION, enforced))['demo.advice']).toBe('enforce');
  });

  test('a platform moves where non-security rules start to enforce', () => {
    const book = new RuleBook(NO_CHOICES);
    const settings = { packs: [DEMO_PACK], enforceFrom: Tier.DEVELOPMENT };

    expect(enforcements(book, contextOf(Tier.PREVIEW, settings))['demo.replicas']).toBe('warn');
    expect(enforcements(book, contextOf(Tier.DEVELOPMENT, settings))['demo.replicas']).toBe('enforce');
  });

  test('platform overrides apply in order; the app\'s configure is layered on top', () => {
    const settings: PolicySettings = {
      packs: [DEMO_PACK],
      overrides: [
        { ruleId: 'demo.replicas', enforcement: Enforcement.OFF },
        { ruleId: 'demo.replicas', enforcement: Enforcement.WARN, tiers: [Tier.PRODUCTION] },
      ],
    };
    const platformOnly = new RuleBook(NO_CHOICES);
    expect(enforcements(platformOnly, contextOf(Tier.STAGING, settings))['demo.replicas']).toBeUndefined();
    expect(enforcements(platformOnly, contextOf(Tier.PRODUCTION, settings))['demo.replicas']).toBe('warn');

    const withApp = new RuleBook({ ...NO_CHOICES, configurations: [{ ruleId: 'demo.replicas', configuration: { enforcement: Enforcement.ENFORCE } }] });
    expect(enforcements(withApp, contextOf(Tier.STAGING, settings))['demo.replicas']).toBe('enforce');
  });

  test('an app may tighten a rule the platform marks unsuppressible', () => {
    const settings = { packs: [DEMO_PACK], unsuppressible: ['demo.replicas'] };
    const book = new RuleBook({ ...NO_CHOICES, configurations: [{ ruleId: 'demo.replicas', configuration: { enforcement: Enforcement.ENFORCE } }] });

    expect(enforcements(book, contextOf(Tier.PREVIEW, settings))['demo.replicas']).toBe('enforce');
    expect(book.isLocked(contextOf(Tier.PREVIEW, settings), 'demo.replicas')).toBe(true);
  });

  test('a platform\'s rules join its packs; the app\'s packs and rules join both', () => {
    const book = new RuleBook({ ...NO_CHOICES, packs: [new RulePack('r', [TWO_REPLICAS])], rules: [OWNER_LABEL] });
    const context = contextOf(Tier.PRODUCTION, { packs: [], rules: [NO_PRIVILEGED] });

    expect(book.activeRules(context).map((a) => a.rule.id)).toEqual(['demo.no-privileged', 'demo.owner-label', 'demo.replicas']);
  });

  test('indexes rules by kind, wildcard rules included for every kind', () => {
    const book = new RuleBook(NO_CHOICES);
    const context = contextOf(Tier.PRODUCTION);

    expect(book.rulesFor(context, 'Deployment').map((a) => a.rule.id).sort()).toEqual(['demo.no-privileged', 'demo.owner-label', 'demo.replicas']);
    expect(book.rulesFor(context, 'ConfigMap').map((a) => a.rule.id)).toEqual(['demo.owner-label']);
  });

  test('resolves once per platform and tier', () => {
    const book = new RuleBook(NO_CHOICES);
    const context = contextOf(Tier.PRODUCTION);

    expect(book.activeRules(context)).toBe(book.activeRules({ ...context }));
  });

  test('two different rules under one id are refused', () => {
    const impostor = { ...TWO_REPLICAS, title: 'Something else' };
    const error = (() => {
      try {
        new RuleBook({ ...NO_CHOICES, packs: [DEMO_PACK], rules: [impostor] });
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();

    expect(Errors.isPavedError(error)).toBe(true);
    expect(error?.message).toBe('Policy.of(app): rule id "demo.replicas" is used by two different rules ("Run at least two replicas" and "Something else"); give the custom rule its own id, e.g. "<org>.demo.replicas"');
  });

  test('a platform override of an unknown rule fails naming the platform and the nearest ids', () => {
    const book = new RuleBook(NO_CHOICES);
    const context = contextOf(Tier.PRODUCTION, { packs: [DEMO_PACK], overrides: [{ ruleId: 'demo.replica', enforcement: Enforcement.WARN }] });
    book.activeRules(context);

    expect(() => book.checkIds([context])).toThrow(/^Platform\(acme\): policy\.overrides\[0\]\.ruleId "demo\.replica" names no rule; did you mean "demo\.replicas"/);
  });

  test('an unknown unsuppressible id fails the same way', () => {
    const book = new RuleBook(NO_CHOICES);
    const context = contextOf(Tier.PRODUCTION, { packs: [DEMO_PACK], unsuppressible: ['owner-label'] });
    book.activeRules(context);

    expect(() => book.checkIds([context])).toThrow(/^Platform\(acme\): policy\.unsuppressible\[0\] "owner-label" names no rule; did you mean [^?]*"demo\.owner-label"/);
  });

  test('given only some rules, checks exactly those, off ones included', () => {
    const book = new RuleBook({ ...NO_CHOICES, configurations: [{ ruleId: 'demo.replicas', configuration: { enforcement: Enforcement.OFF } }] }, [TWO_REPLICAS]);

    expect(enforcements(book, contextOf(Tier.PRODUCTION))).toEqual({ 'demo.replicas': 'off' });
  });
});

/** A Pod Security rule, by id: the engine treats every `pss.*` rule alike. */
const PSS_RULE = { ...NO_PRIVILEGED, id: 'pss.demo.privileged' };
const PSS_PACK = new RulePack('pss-demo', [PSS_RULE, TWO_REPLICAS]);
const appConfigures = (ruleId: string, enforcement: Enforcement, tiers?: Tier[]) =>
  new RuleBook({ ...NO_CHOICES, configurations: [{ ruleId, configuration: { enforcement, tiers } }] });
const relaxations = (book: RuleBook, context: PolicyContext) =>
  book.relaxations(context).map((r) => `${r.rule.id} ${r.configuredBy} ${r.tier.name} ${r.enforcement}<${r.defaultEnforcement}`);

describe('relaxations', () => {
  test('passing twin: with no setting below its default, nothing is relaxed', () => {
    const book = appConfigures('demo.replicas', Enforcement.ENFORCE);
    expect(relaxations(book, contextOf(Tier.PREVIEW))).toEqual([]);
  });

  test('records a platform\'s and an app\'s relaxations, each against the layer below it', () => {
    const settings = { packs: [DEMO_PACK], overrides: [{ ruleId: 'demo.replicas', enforcement: Enforcement.WARN }] };
    const book = appConfigures('demo.replicas', Enforcement.OFF);

    expect(relaxations(book, contextOf(Tier.PRODUCTION, settings))).toEqual([
      'demo.replicas Platform(acme) production warn<enforce',
      'demo.replicas Policy.of(app) production off<warn',
    ]);
  });

  test('a Pod Security rule enforces in every tier: an app cannot relax it where the platform does not allow it', () => {
    const book = appConfigures(PSS_RULE.id, Enforcement.WARN, [Tier.PREVIEW]);

    expect(() => book.activeRules(contextOf(Tier.PREVIEW, { packs: [PSS_PACK] }))).toThrow(
      'Policy.of(app): configure("pss.demo.privileged"): Pod Security rule "pss.demo.privileged" cannot be set to warn in preview: Pod Security rules enforce unless the platform names them in policy.relaxable, and platform "acme" does not list it in policy.relaxable (it allows none)');
    expect(() => book.activeRules(contextOf(Tier.PREVIEW, { packs: [PSS_PACK], relaxable: ['pss.other'] }))).toThrow('(it allows only "pss.other")');
    // Not in a tier the configuration names: nothing is relaxed there, so nothing to refuse.
    expect(enforcements(book, contextOf(Tier.PRODUCTION, { packs: [PSS_PACK] }))[PSS_RULE.id]).toBe('enforce');
  });

  test('nor anywhere outside an Environment, where no platform can allow it', () => {
    const configurations = [{ ruleId: PSS_RULE.id, configuration: { enforcement: Enforcement.OFF } }];
    const book = new RuleBook({ ...NO_CHOICES, packs: [PSS_PACK], configurations });
    expect(() => book.activeRules(policyContextOf(Testing.chart()))).toThrow(/cannot be set to off in production: .* outside any Environment no platform can allow it$/);
  });

  test('a platform that names the rule in relaxable lets it and its apps relax it, and the relaxation is recorded', () => {
    const book = appConfigures(PSS_RULE.id, Enforcement.OFF, [Tier.PREVIEW]);
    const context = contextOf(Tier.PREVIEW, { packs: [PSS_PACK], relaxable: [PSS_RULE.id] });

    expect(enforcements(book, context)[PSS_RULE.id]).toBeUndefined();
    expect(relaxations(book, context)).toEqual(['pss.demo.privileged Policy.of(app) preview off<enforce']);
  });

  test('the engine refuses a platform-shaped setting that relaxes a Pod Security rule it did not name, whatever validated it', () => {
    const context = contextOf(Tier.PREVIEW, { packs: [PSS_PACK], overrides: [{ ruleId: PSS_RULE.id, enforcement: Enforcement.WARN }] });
    expect(() => new RuleBook(NO_CHOICES).activeRules(context)).toThrow(/^Platform\(acme\): policy.overrides: Pod Security rule "pss.demo.privileged" cannot be set to warn in preview/);
  });

  test('an unknown relaxable id fails naming the nearest ids', () => {
    const book = new RuleBook(NO_CHOICES);
    const context = contextOf(Tier.PRODUCTION, { packs: [PSS_PACK], relaxable: ['pss.demo.privilegd'] });
    book.activeRules(context);
    expect(() => book.checkIds([context])).toThrow(/^Platform\(acme\): policy\.relaxable\[0\] "pss\.demo\.privilegd" names no rule; did you mean [^?]*"pss\.demo\.privileged"/);
  });

  test('property: a rule ending below its default is recorded as relaxed; a Pod Security rule gets there only if the platform allows it', () => {
    const enforcement = fc.constantFrom(Enforcement.ENFORCE, Enforcement.WARN, Enforcement.OFF);
    const strength = { enforce: 2, warn: 1, off: 0 };
    fc.assert(fc.property(
      fc.constantFrom(PSS_RULE, TWO_REPLICAS, OWNER_LABEL), fc.constantFrom(...Tier.all()),
      fc.option(enforcement, { nil: undefined }), fc.option(enforcement, { nil: undefined }), fc.boolean(),
      (rule, tier, byPlatform, byApp, allowed) => {
        const settings: PolicySettings = {
          packs: [new RulePack('p', [rule])],
          overrides: byPlatform ? [{ ruleId: rule.id, enforcement: byPlatform }] : [],
          relaxable: allowed && rule === PSS_RULE ? [rule.id] : [],
        };
        const book = new RuleBook({ ...NO_CHOICES, configurations: byApp ? [{ ruleId: rule.id, configuration: { enforcement: byApp } }] : [] });
        const context = contextOf(tier, settings);
        const defaultEnforcement = rule.category === 'security' || tier.isAtLeast(Tier.STAGING) ? Enforcement.ENFORCE : Enforcement.WARN;
        const final = byApp ?? byPlatform ?? defaultEnforcement;
        const setsBelowEnforce = [byPlatform, byApp].some((e) => e !== undefined && e !== Enforcement.ENFORCE);
        if (rule === PSS_RULE && !allowed && setsBelowEnforce) {
          expect(() => book.activeRules(context)).toThrow(/Pod Security rule "pss.demo.privileged" cannot be set to/);
          return;
        }
        const resolved = book.activeRules(context).find((a) => a.rule.id === rule.id)?.enforcement ?? Enforcement.OFF;
        expect(resolved).toBe(final);
        const recorded = book.relaxations(context);
        if (strength[final] < strength[defaultEnforcement]) expect(recorded.length).toBeGreaterThan(0);
        for (const r of recorded) expect(strength[r.enforcement]).toBeLessThan(strength[r.defaultEnforcement]);
        if (strength[final] >= strength[defaultEnforcement] && !byPlatform) expect(recorded).toEqual([]);
      },
    ), { numRuns: 300 });
  });
});
