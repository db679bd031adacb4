import { Testing } from 'cdk8s';
import { buildApp } from './main';

// A team's own snapshot test: any change to what the platform generates shows up in review.
describe('payments platform with cloud dependencies', () => {
  const app = buildApp(Testing.app());

  test.each(app.charts.map((c) => [c.node.id, c] as const))('%s matches its snapshot', (_id, chart) => {
    expect(Testing.synth(chart)).toMatchSnapshot();
  });
});
