import { Testing } from 'cdk8s';
import { buildApp } from './main';

// The team's own snapshot test: every object of the four workload kinds, reviewed as it changes.
describe('billing platform', () => {
  const app = buildApp(Testing.app());

  test.each(app.charts.map((c) => [c.node.id, c] as const))('%s matches its snapshot', (_id, chart) => {
    expect(Testing.synth(chart)).toMatchSnapshot();
  });
});
