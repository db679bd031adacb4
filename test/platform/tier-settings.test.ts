import { Testing } from 'cdk8s';
import { ResourcePreset } from '../../src/platform/resource-preset';
import { Tier } from '../../src/platform/tier';
import { TierDefaults } from '../../src/platform/tier-settings';
import { PolicyTesting } from '../../src/policy/policy-testing';
import { RulePacks } from '../../src/policy/rule-packs';
import { testEnvironment, testService } from '../support/fixtures';

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

  // Found against a real API server: at 2× the CPU requests, the staging quota's CPU limits
  // refused the second standard service from its 7th replica.
  test.each(Tier.all().map((t) => [t.name, t] as const))('%s: the quota holds three standard services at the default replica ceiling', (_name, tier) => {
    const env = testEnvironment(tier, {}, Testing.app());
    for (const id of ['a', 'b', 'c']) testService(env, { resources: ResourcePreset.STANDARD }, id);
    const findings = PolicyTesting.findings(env, { packs: [RulePacks.PRODUCTION_READINESS] }).filter((f) => f.ruleId === 'workload.quota-at-max-replicas');
    expect(findings).toEqual([]);
  });

  test('CPU limits are four times the requests, memory limits twice', () => {
    for (const tier of Tier.all()) {
      const q = TierDefaults.of(tier).quota;
      expect(q.cpuLimits.amount).toBe(String(Number(q.cpuRequests.amount) * 4));
      expect(q.memoryLimits.toMebibytes()).toBe(q.memoryRequests.toMebibytes() * 2);
    }
  });
});
