import { ApiObject, JsonPatch, Testing } from 'cdk8s';
import { everyPack } from './support/fixtures';
import { exampleApps, fullEnvironment } from './support/golden-path';
import { manifestsOf, validateAgainstSchemas } from './support/schema';
import { Tier } from '../src/platform/tier';
import { PolicyTesting } from '../src/policy/policy-testing';
import { PlatformService } from '../src/service/platform-service';

// Baseline is part of restricted; checking both also proves the two packs agree on the golden path.

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

  test.each(tiers)('%s: passes every rule pack without a single finding, warnings included', (_name, tier) => {
    PolicyTesting.assertPasses(fullEnvironment(tier), { packs: everyPack() });
  });

  test.each(exampleApps())('example %s: passes every rule pack without a single finding, warnings included', (_name, app) => {
    PolicyTesting.assertPasses(app, { packs: everyPack() });
  });

  test('an escape hatch that breaks a restricted control fails the synth, naming the construct, object and field', () => {
    const app = Testing.app();
    const env = fullEnvironment(Tier.PRODUCTION, app);
    const api = env.node.findChild('orders-api') as PlatformService;
    ApiObject.of(api.deployment).addJsonPatch(JsonPatch.replace('/spec/template/spec/securityContext/runAsNonRoot', false));

    const report = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(() => app.synth()).toThrow(
        /pss\.restricted\.run-as-non-root  shop-production\/orders-api  Deployment\/orders-api in shop-production\n\s+spec\.template\.spec\.securityContext\.runAsNonRoot is false/,
      );
    } finally {
      report.mockRestore();
    }
  });

  test.each(tiers)('%s: synthesizing twice gives identical output', (_name, tier) => {
    expect(fullEnvironment(tier).toJson()).toEqual(fullEnvironment(tier).toJson());
  });
});
