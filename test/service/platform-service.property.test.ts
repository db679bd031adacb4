import * as fc from 'fast-check';
import { Errors } from '../../src/errors';
import { cpuMillis, ResourcePreset } from '../../src/platform/resource-preset';
import { Tier } from '../../src/platform/tier';
import { PolicyTesting } from '../../src/policy/policy-testing';
import { RulePacks } from '../../src/policy/rule-packs';
import { isSecretName } from '../../src/secret-detector';
import { everyPack, synth, testEnvironment, testService } from '../support/fixtures';
import { manifestsOf, validateAgainstSchemas } from '../support/schema';

const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/).filter((n) => !n.startsWith('paved-'));
const tier = fc.constantFrom(...Tier.all());
// Secret-looking names with literal values are a policy finding, covered by their own property below.
const envKey = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,15}$/).filter((k) => !isSecretName(k));
const validProps = fc.record({
  name,
  tag: fc.stringMatching(/^[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{1,2}$/),
  port: fc.integer({ min: 1024, max: 65535 }),
  min: fc.integer({ min: 2, max: 5 }),
  extra: fc.integer({ min: 0, max: 10 }),
  preset: fc.constantFrom(ResourcePreset.SMALL, ResourcePreset.STANDARD, ResourcePreset.LARGE),
  env: fc.dictionary(envKey, fc.string({ maxLength: 40 }), { maxKeys: 4 }),
  exposed: fc.boolean(),
});

describe('PlatformService over its input space', () => {
  test('every valid input synthesizes schema-valid objects that pass every rule pack (or are refused only for a ceiling above the quota), identically twice', () => {
    fc.assert(fc.property(tier, validProps, (t, p) => {
      const build = () => {
        const env = testEnvironment(t);
        testService(env, {
          name: p.name,
          image: `registry.acme.dev/team/${p.name}:${p.tag}`,
          port: p.port,
          replicas: { min: p.min, max: p.min + p.extra },
          resources: p.preset,
          env: p.env,
          ingress: p.exposed ? { host: `${p.name}.apps.acme.dev` } : undefined,
        });
        return env;
      };
      const env = build();
      validateAgainstSchemas(manifestsOf(env));
      // The one finding a valid input can have: its replica ceiling does not fit the tier's quota,
      // which the cluster would refuse.
      const spec = env.platform.resolvePreset(p.preset, 'test');
      const { quota, maxReplicas } = env.settings;
      const ceiling = Math.min(p.min + p.extra, maxReplicas ?? Infinity);
      const fits = ceiling * cpuMillis(spec.cpuRequest) <= cpuMillis(quota.cpuRequests)
        && ceiling * cpuMillis(spec.cpuLimit) <= cpuMillis(quota.cpuLimits)
        && ceiling * spec.memoryRequest.toMebibytes() <= quota.memoryRequests.toMebibytes()
        && ceiling * spec.memoryLimit.toMebibytes() <= quota.memoryLimits.toMebibytes()
        && ceiling <= quota.pods;
      if (!fits) {
        PolicyTesting.assertYields(env, ['workload.quota-at-max-replicas'], { packs: everyPack() });
        return;
      }
      PolicyTesting.assertPasses(env, { packs: everyPack() });
      expect(JSON.stringify(synth(build()))).toBe(JSON.stringify(synth(env)));
    }), { numRuns: 60 });
  });

  test('any input raises a PavedError or synthesizes, never another error', () => {
    const anyProps = fc.record({
      name: fc.oneof(name, fc.string({ maxLength: 70 })),
      image: fc.oneof(fc.constant('registry.acme.dev/team/app:1.0.0'), fc.string({ maxLength: 60 })),
      port: fc.oneof(fc.integer({ min: -10, max: 70000 }), fc.double()),
      min: fc.integer({ min: -2, max: 12 }),
      max: fc.integer({ min: -2, max: 12 }),
      env: fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }), { maxKeys: 3 }),
      host: fc.option(fc.string({ maxLength: 30 }), { nil: undefined }),
    });
    fc.assert(fc.property(tier, anyProps, (t, p) => {
      const env = testEnvironment(t);
      try {
        testService(env, {
          name: p.name,
          image: p.image,
          port: p.port,
          replicas: { min: p.min, max: p.max },
          env: p.env,
          ingress: p.host === undefined ? undefined : { host: p.host },
        });
      } catch (e) {
        expect(Errors.isPavedError(e)).toBe(true);
        expect(env.node.tryFindChild('orders-api')).toBeUndefined();
        return;
      }
      validateAgainstSchemas(manifestsOf(env));
      // No prop can weaken the pod's security: whatever was accepted still passes restricted.
      PolicyTesting.assertPasses(env, { packs: [RulePacks.POD_SECURITY_RESTRICTED] });
    }), { numRuns: 300 });
  });

  test('a secret-looking variable with a literal value fails the synth at the service', () => {
    const secretKey = fc.tuple(
      fc.constantFrom('DB', 'STRIPE', 'GITHUB', 'APP', ''),
      fc.constantFrom('PASSWORD', 'TOKEN', 'SECRET', 'API_KEY', 'CLIENT_SECRET', 'PRIVATE_KEY'),
    ).map(([prefix, word]) => (prefix ? `${prefix}_${word}` : word));
    fc.assert(fc.property(tier, secretKey, fc.string({ minLength: 1, maxLength: 30 }).filter((v) => !/^\$\(/.test(v)), (t, key, value) => {
      const env = testEnvironment(t);
      testService(env, { env: { [key]: value } });
      expect(() => synth(env)).toThrow(new RegExp(`secrets\\.env-literal  payments-${t.name}/orders-api  Deployment/orders-api`));
    }), { numRuns: 40 });
  });
});
