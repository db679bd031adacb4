import * as fs from 'fs';
import * as path from 'path';
import { Duration, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { Rollout } from '../src/delivery/rollout';
import { PostgresDependency } from '../src/dependencies/postgres-dependency';
import { Environment } from '../src/environment/environment';
import { PreviewEnvironment } from '../src/environment/preview-environment';
import { Errors } from '../src/errors';
import { requireKnownProps } from '../src/known-props';
import { errorOf } from './support/errors';
import { ORDERS, testEnvironment, testPlatform, testService } from './support/fixtures';
import { Platform } from '../src/platform/platform';
import { Tier } from '../src/platform/tier';
import { Policy } from '../src/policy/policy';

function refusal(run: () => unknown): string {
  const error = errorOf(run);
  expect(Errors.isPavedError(error)).toBe(true);
  return error.message;
}

describe('requireKnownProps', () => {
  test('a misspelt prop is refused naming the construct, the prop and the nearest real one', () => {
    const env = testEnvironment();
    expect(refusal(() => testService(env, { replica: { min: 2, max: 4 } } as any)))
      .toBe('payments-production/orders-api: props.replica is not a prop of PlatformServiceProps: did you mean "replicas"?');
    expect(refusal(() => testService(env, { ingres: { host: 'orders.apps.acme.dev' } } as any)))
      .toMatch(/props\.ingres is not a prop of PlatformServiceProps: did you mean "ingress"\?/);
  });

  test('nested structs are checked too, in objects, maps and lists', () => {
    const env = testEnvironment();
    expect(refusal(() => testService(env, { ingress: { hots: 'orders.apps.acme.dev' } } as any)))
      .toMatch(/props\.ingress\.hots is not a prop of ServiceIngressOptions: did you mean "host"\?/);
    expect(refusal(() => testPlatform({ tiers: { production: { minReplica: 3 } } } as any)))
      .toMatch(/^Platform\(acme\): props\.tiers\.production\.minReplica is not a prop of TierSettings/);
  });

  test('every entry point that takes props checks them', () => {
    const app = Testing.app();
    const platform = testPlatform();
    expect(refusal(() => new Platform({ name: 'acme', domain: 'apps.acme.dev', registries: ['r.acme.dev'], registry: 'x' } as any)))
      .toMatch(/Platform\(acme\): props\.registry is not a prop of PlatformProps: did you mean "registries"\?/);
    expect(refusal(() => new Environment(app, 'payments-prod', { platform, tier: Tier.PRODUCTION, team: 'payments', teir: 1 } as any)))
      .toMatch(/payments-prod: props\.teir is not a prop of EnvironmentProps: did you mean "team", "tier"\?/);
    expect(refusal(() => new PreviewEnvironment(app, 'payments-pr-1', { platform, team: 'payments', pullRequest: 1, tll: Duration.days(1) } as any)))
      .toMatch(/payments-pr-1: props\.tll is not a prop of PreviewEnvironmentProps: did you mean "ttl"\?/);
    const env = testEnvironment(Tier.PRODUCTION, {}, Testing.app());
    expect(refusal(() => new PostgresDependency(env, 'orders-db', { verison: '16' } as any)))
      .toMatch(/payments-production\/orders-db: props\.verison is not a prop of PostgresDependencyProps: did you mean "version"\?/);
    expect(refusal(() => Rollout.canary({ steps: [10, 100], anaylsis: {} } as any)))
      .toMatch(/Rollout\.canary: props\.anaylsis is not a prop of CanaryOptions: did you mean "analysis"\?/);
    expect(refusal(() => Policy.suppress(env, 'workload.read-only-root-fs', { reason: 'x', expiry: '2027-01-01' } as any)))
      .toMatch(/props\.expiry is not a prop of SuppressionOptions: did you mean "expires"\?/);
  });

  test('the passing twin: every real prop, at every depth, is accepted', () => {
    expect(() => testService(testEnvironment(), {
      ingress: { host: 'orders.apps.acme.dev', path: '/' },
      replicas: { min: 2, max: 4 },
      owner: { onCall: 'payments-primary', runbook: 'https://runbooks.acme.dev/orders-api' },
    })).not.toThrow();
  });

  test('a key far from every real prop lists the real ones', () => {
    expect(refusal(() => testService(testEnvironment(), { zzzzzzzzzz: 1 } as any))).toMatch(/known: args, command, dependencies, env, files, image, ingress, name, observability, owner, port, replicas, resources, rollout, scratch, secrets, system$/);
  });

  test('any key that is not a prop of the struct is refused, whatever it is (property)', () => {
    const assembly = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '.jsii'), 'utf8'));
    // The struct's own props and those it inherits (WorkloadProps).
    const propsOf = (fqn: string): string[] => [
      ...(assembly.types[fqn].interfaces ?? []).flatMap(propsOf),
      ...assembly.types[fqn].properties.map((p: any) => p.name),
    ];
    const known = new Set<string>(propsOf('paved.PlatformServiceProps'));
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !known.has(k) && k !== '__proto__'), (key) => {
      const message = refusal(() => requireKnownProps('x', 'PlatformServiceProps', { ...ORDERS, [key]: true }));
      expect(message).toContain(`props.${key} is not a prop of PlatformServiceProps`);
    }), { numRuns: 200 });
  });
});
