import { Testing } from 'cdk8s';
import { buildApp } from './main';

// The team's snapshot test is how it takes an upgrade of @acme/platform: the pull request that
// bumps the version fails here with the diff of every object the new conventions change, and
// `npm run test:update` accepts it once reviewed.
describe('payments on @acme/platform', () => {
  const app = buildApp(Testing.app());

  test.each(app.charts.map((c) => [c.node.id, c] as const))('%s matches its snapshot', (_id, chart) => {
    expect(Testing.synth(chart)).toMatchSnapshot();
  });
});
