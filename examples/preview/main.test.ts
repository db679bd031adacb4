import { Testing } from 'cdk8s';
import { buildApp } from './main';

// The team's own snapshot test: production, the preview of one pull request, and the GitOps objects.
describe('payments with previews', () => {
  const app = buildApp(Testing.app(), 142);

  test.each(app.charts.map((c) => [c.node.id, c] as const))('%s matches its snapshot', (_id, chart) => {
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('without a pull request there is no preview, and the ApplicationSet still watches for them', () => {
    const ids = buildApp(Testing.app(), undefined).charts.map((c) => c.node.id);
    expect(ids).toEqual(['payments-prod', 'gitops']);
  });
});
