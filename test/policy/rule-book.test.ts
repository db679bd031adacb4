import { Testing } from 'cdk8s';
import { DEMO_PACK, FakeEnvironment, NO_PRIVILEGED, OWNER_LABEL, TWO_REPLICAS } from './fixtures';
import { Errors } from '../../src/errors';
import { Tier } from '../../src/platform/tier';
import { PolicyContext, policyContextOf } from '../../src/policy/policy-context';
import { PolicySettings } from '../../src/policy/policy-settings';
import { Enforcement } from '../../src/policy/rule';
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
