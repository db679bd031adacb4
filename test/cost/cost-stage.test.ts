import { Chart, Testing } from 'cdk8s';
import { CostEstimate } from '../../src/cost/cost-estimate';
import { COST_SYNTH_STAGE } from '../../src/cost/cost-stage';
import { ESTIMATE_ANNOTATION } from '../../src/platform/annotations';
import { Tier } from '../../src/platform/tier';
import { find, synth, testEnvironment, testService } from '../support/fixtures';

describe('the cost stage', () => {
  test('annotates each Environment\'s Namespace with its estimate at the ceiling, services added later included', () => {
    const env = testEnvironment(Tier.PRODUCTION);
    const before = find(synth(env), 'Namespace').metadata.annotations[ESTIMATE_ANNOTATION];
    testService(env);
    const after = find(synth(env), 'Namespace').metadata.annotations[ESTIMATE_ANNOTATION];

    expect(before).toBe('0.00');
    expect(after).toBe(CostEstimate.of(env).monthlyUsdMax.toFixed(2));
    expect(Number(after)).toBeGreaterThan(0);
  });

  test('a construct that joins but is no Environment is left as it is', () => {
    const chart = new Chart(Testing.app(), 'plain');
    expect(() => COST_SYNTH_STAGE.join!(chart)).not.toThrow();
    expect(chart.node.children).toHaveLength(0);
  });
});
