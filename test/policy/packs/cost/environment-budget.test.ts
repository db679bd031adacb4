import { Testing } from 'cdk8s';
import { Tier } from '../../../../src/platform/tier';
import { Policy } from '../../../../src/policy/policy';
import { PolicyTesting } from '../../../../src/policy/policy-testing';
import { Enforcement } from '../../../../src/policy/rule';
import { RulePacks } from '../../../../src/policy/rule-packs';
import { errorOf } from '../../../support/errors';
import { testEnvironment, testService } from '../../../support/fixtures';

/** A production environment whose one service may cost $135.78 a month at its ceiling. */
function withBudget(monthlyUsd: number | undefined, tier: Tier = Tier.PRODUCTION) {
  const app = Testing.app();
  Policy.of(app).configureReports({ console: false });
  const env = testEnvironment(tier, monthlyUsd === undefined ? {} : { budget: { monthlyUsd } }, app);
  testService(env, { replicas: { min: 2, max: 20 } });
  return { app, env };
}

describe('cost.environment-budget', () => {
  test('passes an environment within its budget', () => {
    PolicyTesting.assertPasses(withBudget(135.78).env, { packs: [RulePacks.COST] });
  });

  test('passes an environment without a budget', () => {
    PolicyTesting.assertPasses(withBudget(undefined).env, { packs: [RulePacks.COST] });
  });

  test('finds an estimate over the budget, naming the figures', () => {
    const [finding] = PolicyTesting.findings(withBudget(100).env, { packs: [RulePacks.COST] });
    expect(finding).toMatchObject({
      ruleId: 'cost.environment-budget',
      path: 'payments-production',
      kind: 'Namespace',
      field: 'metadata.annotations["paved.dev/monthly-estimate-usd"]',
      found: '$135.78 a month with every service at its replica ceiling',
      expected: 'at most the budget of $100.00 (paved.dev/monthly-budget-usd)',
    });
  });

  test('enforced from the platform\'s enforceFrom tier: the synth fails naming the environment', () => {
    const { app } = withBudget(100);
    expect(errorOf(() => app.synth()).message).toMatch(/✖ cost\.environment-budget {2}payments-production {2}Namespace\/payments-production/);
  });

  test('a warning below it: the synth goes on and reports', () => {
    const { app } = withBudget(100, Tier.DEVELOPMENT);
    app.synth();
    // Twenty replicas outgrow the development quota too, which is its own warning there.
    const costFindings = Policy.of(app).findings().filter((f) => f.ruleId.startsWith('cost.'));
    expect(costFindings).toEqual([expect.objectContaining({ ruleId: 'cost.environment-budget', enforcement: Enforcement.WARN })]);
  });

  test('a platform or app chooses: warn in production too', () => {
    const { app } = withBudget(100);
    Policy.of(app).configure('cost.environment-budget', { enforcement: Enforcement.WARN });
    expect(() => app.synth()).not.toThrow();
  });
});
