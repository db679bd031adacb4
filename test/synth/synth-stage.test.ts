import { registerSynthStage, synthStages } from '../../src/synth/synth-stage';

describe('registerSynthStage', () => {
  test('the composition root registers policy, catalog, cost and previews, in that order', () => {
    // test/support/synth-stages.ts loads src/index.ts before every test file, as an app loads 'paved'.
    expect(synthStages().map((s) => s.name)).toEqual(['policy', 'catalog', 'cost', 'previews']);
  });

  test('a name registered again keeps the first stage, so loading the root twice runs each stage once', () => {
    const first = synthStages().find((s) => s.name === 'cost');
    registerSynthStage({ name: 'cost' }, { name: 'extra' });

    expect(synthStages().find((s) => s.name === 'cost')).toBe(first);
    expect(synthStages().map((s) => s.name)).toEqual(['policy', 'catalog', 'cost', 'previews', 'extra']);
  });
});
