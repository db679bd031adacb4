import { ApiObject, JsonPatch, Size, Testing } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-28';
import { Environment } from '../../../../src/environment/environment';
import { ResourcePreset } from '../../../../src/platform/resource-preset';
import { Tier } from '../../../../src/platform/tier';
import { TierDefaults } from '../../../../src/platform/tier-settings';
import { QUOTA_AT_MAX_REPLICAS } from '../../../../src/policy/packs/production-readiness/quota-capacity';
import { Policy } from '../../../../src/policy/policy';
import { PolicyTesting } from '../../../../src/policy/policy-testing';
import { Enforcement } from '../../../../src/policy/rule';
import { RulePacks } from '../../../../src/policy/rule-packs';
import { errorOf } from '../../../support/errors';
import { testEnvironment, testPlatform, testService } from '../../../support/fixtures';

const packs = [RulePacks.PRODUCTION_READINESS];

/** A staging quota of 8 cores requested, 16 limited, 100 pods. Standard pods request 250m and limit 1 core. */
const QUOTA = {
  cpuRequests: Cpu.units(8), cpuLimits: Cpu.units(16), memoryRequests: Size.gibibytes(16), memoryLimits: Size.gibibytes(32), pods: 100,
};
const withQuota = (quota = QUOTA) => testPlatform({ tiers: { staging: { ...TierDefaults.of(Tier.STAGING), quota } } });

function staging(maxes: number[]) {
  const app = Testing.app();
  Policy.of(app).configureReports({ console: false });
  const env = new Environment(app, 'payments-staging', { platform: withQuota(), tier: Tier.STAGING, team: 'payments' });
  maxes.forEach((max, i) => testService(env, { replicas: { min: 2, max }, resources: ResourcePreset.STANDARD }, `svc-${i}`));
  return { app, env };
}

const quotaFindings = (env: Environment) =>
  PolicyTesting.findings(env, { packs }).filter((f) => f.ruleId === QUOTA_AT_MAX_REPLICAS.id);

describe('workload.quota-at-max-replicas', () => {
  test('passes when every service fits at its ceiling, exactly at the quota included', () => {
    // 16 pods × 1 core limit = 16 cores: the limits quota, to the core.
    expect(quotaFindings(staging([8, 8]).env)).toEqual([]);
  });

  test('names the service the quota would refuse, and from which replica', () => {
    // Limits: 10 + 10 cores of 16: svc-1 fits 6 replicas, its 7th is refused.
    const findings = quotaFindings(staging([10, 10]).env);
    expect(findings).toEqual([expect.objectContaining({
      kind: 'ResourceQuota',
      name: 'paved-quota',
      field: 'spec.hard["limits.cpu"]',
      found: '20 with every workload at its replica ceiling (Deployment/svc-0 10 × 1, Deployment/svc-1 10 × 1): Deployment/svc-1 would be refused from replica 7 of 10',
      expected: 'at most 16, the namespace\'s quota',
    })]);
  });

  test('reports each quota entry that would be exceeded', () => {
    // 40 × 250m = 10 cores requested of 8; 40 × 1 core limited of 16.
    const fields = quotaFindings(staging([20, 20]).env).map((f) => f.field).sort();
    expect(fields).toEqual(['spec.hard["limits.cpu"]', 'spec.hard["requests.cpu"]']);
  });

  test('counts the pod quota too', () => {
    const app = Testing.app();
    Policy.of(app).configureReports({ console: false });
    const platform = withQuota({ ...QUOTA, pods: 5 });
    const env = new Environment(app, 'payments-staging', { platform, tier: Tier.STAGING, team: 'payments' });
    testService(env, { replicas: { min: 2, max: 3 } }, 'a');
    testService(env, { replicas: { min: 2, max: 3 } }, 'b');
    expect(quotaFindings(env)).toEqual([expect.objectContaining({
      field: 'spec.hard.pods',
      found: '6 with every workload at its replica ceiling (Deployment/a 3 × 1, Deployment/b 3 × 1): Deployment/b would be refused from replica 3 of 3',
    })]);
  });

  test('a container without resources is charged the LimitRange defaults', () => {
    const app = Testing.app();
    Policy.of(app).configureReports({ console: false });
    const platform = withQuota();
    const env = new Environment(app, 'payments-staging', { platform, tier: Tier.STAGING, team: 'payments' });
    const svc = testService(env, { replicas: { min: 2, max: 40 } });
    // Drop the container's own resources: the namespace's LimitRange (small: 500m limit) applies.
    ApiObject.of(svc.deployment).addJsonPatch(JsonPatch.remove('/spec/template/spec/containers/0/resources'));
    const [finding] = quotaFindings(env);
    expect(finding.field).toBe('spec.hard["limits.cpu"]');
    expect(finding.found).toMatch(/^20 with every workload at its replica ceiling \(Deployment\/orders-api 40 × 500m\)/);
  });

  test('enforced from staging: the synth fails naming the service', () => {
    const { app } = staging([10, 10]);
    expect(errorOf(() => app.synth()).message).toMatch(/✖ workload\.quota-at-max-replicas {2}payments-staging {2}ResourceQuota\/paved-quota in payments-staging\n.*Deployment\/svc-1 would be refused from replica 7 of 10/);
  });

  test('a warning below staging: the synth goes on and reports it', () => {
    const app = Testing.app();
    Policy.of(app).configureReports({ console: false });
    const env = testEnvironment(Tier.DEVELOPMENT, {}, app);
    testService(env, { replicas: { min: 1, max: 20 }, resources: ResourcePreset.LARGE });
    app.synth();
    const findings = Policy.of(app).findings();
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) expect(f).toMatchObject({ ruleId: QUOTA_AT_MAX_REPLICAS.id, enforcement: Enforcement.WARN });
  });
});
