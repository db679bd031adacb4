import { Tier } from '../../src/platform/tier';
import { TierDefaults } from '../../src/platform/tier-settings';

describe('TierDefaults', () => {
  test('production and staging default to 2..10 replicas, the others to one', () => {
    expect(Tier.all().map((t) => TierDefaults.of(t).defaultReplicas)).toEqual([
      { min: 1, max: 1 }, { min: 1, max: 1 }, { min: 2, max: 10 }, { min: 2, max: 10 },
    ]);
  });

  test('only production has a replica floor of two', () => {
    expect(Tier.all().map((t) => TierDefaults.of(t).minReplicas)).toEqual([1, 1, 1, 2]);
  });

  test('every tier but preview gets disruption budgets', () => {
    expect(Tier.all().map((t) => TierDefaults.of(t).disruptionBudget)).toEqual([false, true, true, true]);
  });

  test('staging and production spread strictly across nodes', () => {
    expect(Tier.all().map((t) => TierDefaults.of(t).strictSpread)).toEqual([false, false, true, true]);
  });
});
