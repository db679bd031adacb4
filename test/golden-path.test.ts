import { Testing } from 'cdk8s';
import { exampleApps, fullEnvironment } from './support/golden-path';
import { manifestsOf, validateAgainstSchemas } from './support/schema';
import { Tier } from '../src/platform/tier';

// Whole-output guarantees: every tier and every example yields objects that the Kubernetes API
// server would accept. A snapshot per tier makes every change to generated output reviewable.
describe('the golden path', () => {
  const tiers = Tier.all().map((t) => [t.name, t] as const);

  test.each(tiers)('%s: every object validates against the upstream Kubernetes schemas', (_name, tier) => {
    validateAgainstSchemas(manifestsOf(fullEnvironment(tier)));
  });

  test.each(tiers)('%s: matches its snapshot', (_name, tier) => {
    expect(Testing.synth(fullEnvironment(tier))).toMatchSnapshot();
  });

  test.each(exampleApps())('example %s: every object validates against the upstream Kubernetes schemas', (_name, app) => {
    const objects = manifestsOf(app);
    expect(objects.length).toBeGreaterThan(0);
    validateAgainstSchemas(objects);
  });

  test.each(tiers)('%s: synthesizing twice gives identical output', (_name, tier) => {
    expect(fullEnvironment(tier).toJson()).toEqual(fullEnvironment(tier).toJson());
  });
});
