import { Duration } from 'cdk8s';
import * as fc from 'fast-check';
import { argoDuration, CanaryOptions, Rollout } from '../../src/delivery/rollout';
import { Errors } from '../../src/errors';
import { Tier } from '../../src/platform/tier';
import { errorOf } from '../support/errors';
import { find, findAll, synth, testEnvironment, testService } from '../support/fixtures';

/** The error a canary service with `options` raises in production, or undefined when it is accepted. */
function rejection(options: Partial<CanaryOptions>, props: any = {}): any {
  const env = testEnvironment();
  return errorOf(() => testService(env, { rollout: Rollout.canary({ steps: [10, 100], ...options } as CanaryOptions), ...props }));
}

function expectRejected(options: Partial<CanaryOptions>, message: string, props: any = {}) {
  const e = rejection(options, props);
  expect(Errors.isPavedError(e)).toBe(true);
  expect(e.message).toBe(`payments-production/orders-api: ${message}`);
}

describe('Rollout', () => {
  test('rolling() and canary() are Rollouts, nothing else is', () => {
    expect(Rollout.rolling().strategy).toBe('rolling');
    expect(Rollout.canary({ steps: [100] }).strategy).toBe('canary');
    expect(Rollout.canary({ steps: [100] }).canaryOptions).toEqual({ steps: [100] });
    expect(Rollout.isRollout(Rollout.rolling())).toBe(true);
    expect(Rollout.isRollout({ strategy: 'canary' })).toBe(false);
  });

  test('durations are written the way Argo Rollouts reads them', () => {
    expect([Duration.seconds(90), Duration.minutes(5), Duration.hours(2), Duration.seconds(3600)].map(argoDuration)).toEqual(['90s', '5m', '2h', '1h']);
  });
});

describe('rollout validation, where the prop enters', () => {
  test('rejects what is not a Rollout', () => {
    const e = errorOf(() => testService(testEnvironment(), { rollout: { strategy: 'canary', canaryOptions: { steps: [100] } } as any }));
    expect(e.message).toBe('payments-production/orders-api: rollout ({"strategy":"canary","canaryOptions":{"steps":[100]}}) must be Rollout.rolling() or Rollout.canary({ steps: [...] })');
    expect(errorOf(() => testService(testEnvironment(), { rollout: 'canary' as any })).message).toMatch(/rollout \("canary"\) must be Rollout.rolling\(\)/);
  });

  test('rejects empty or missing steps', () => {
    expectRejected({ steps: [] }, 'rollout.steps ([]) must be a non-empty list of traffic weights in percent ending at 100, e.g. [10, 50, 100]');
    expectRejected({ steps: undefined }, 'rollout.steps (undefined) must be a non-empty list of traffic weights in percent ending at 100, e.g. [10, 50, 100]');
  });

  test('rejects weights that are not whole numbers from 1 to 100', () => {
    expectRejected({ steps: [0, 100] }, 'rollout.steps[0] (0) must be a whole number from 1 to 100');
    expectRejected({ steps: [12.5, 100] }, 'rollout.steps[0] (12.5) must be a whole number from 1 to 100');
    expectRejected({ steps: [10, 150] }, 'rollout.steps[1] (150) must be a whole number from 1 to 100');
    expectRejected({ steps: ['10', 100] as any }, 'rollout.steps[0] ("10") must be a whole number from 1 to 100');
  });

  test('rejects weights that do not increase', () => {
    expectRejected({ steps: [50, 10, 100] }, 'rollout.steps ([50, 10, 100]) must be strictly increasing: 10 at [1] does not exceed 50');
    expectRejected({ steps: [10, 10, 100] }, 'rollout.steps ([10, 10, 100]) must be strictly increasing: 10 at [1] does not exceed 10');
  });

  test('rejects steps that do not end at 100', () => {
    expectRejected({ steps: [10, 50] }, 'rollout.steps ([10, 50]) must end at 100: reaching 100 is what completes the rollout');
  });

  test('rejects error-rate shares outside (0, 1]', () => {
    for (const maxErrorRate of [0, -0.1, 1.5]) {
      expectRejected({ analysis: { maxErrorRate } }, `rollout.analysis.maxErrorRate (${maxErrorRate}) must be a share above 0 and at most 1, e.g. 0.01`);
    }
    expectRejected({ analysis: { maxErrorRate: '1%' as any } }, 'rollout.analysis.maxErrorRate ("1%") must be a share above 0 and at most 1, e.g. 0.01');
  });

  test('rejects an analysis that is not an object', () => {
    expectRejected({ analysis: 'strict' as any }, 'rollout.analysis ("strict") must be an object: { maxErrorRate?, maxLatencyP99?, interval?, failureLimit? }');
  });

  test('rejects a latency that is not a positive Duration', () => {
    expectRejected({ analysis: { maxLatencyP99: Duration.millis(0) } }, 'rollout.analysis.maxLatencyP99 (0ms) must be a Duration above zero (e.g. Duration.millis(300))');
    expectRejected({ analysis: { maxLatencyP99: 300 as any } }, 'rollout.analysis.maxLatencyP99 (300) must be a Duration above zero (e.g. Duration.millis(300))');
  });

  test('rejects an interval or pause that is not whole seconds', () => {
    expectRejected({ analysis: { interval: Duration.millis(1500) } }, 'rollout.analysis.interval (1500ms) must be a Duration of whole seconds, at least one second (e.g. Duration.minutes(1))');
    expectRejected({ analysis: { interval: Duration.millis(0) } }, 'rollout.analysis.interval (0ms) must be a Duration of whole seconds, at least one second (e.g. Duration.minutes(1))');
    expectRejected({ pause: Duration.millis(500) }, 'rollout.pause (500ms) must be a Duration of whole seconds, at least one second (e.g. Duration.minutes(1))');
    expectRejected({ pause: '5m' as any }, 'rollout.pause ("5m") must be a Duration of whole seconds, at least one second (e.g. Duration.minutes(1))');
  });

  test('rejects a failure limit that is not a whole number from 0 to 100', () => {
    expectRejected({ analysis: { failureLimit: -1 } }, 'rollout.analysis.failureLimit (-1) must be a whole number from 0 to 100');
    expectRejected({ analysis: { failureLimit: 1.5 } }, 'rollout.analysis.failureLimit (1.5) must be a whole number from 0 to 100');
    expectRejected({ analysis: { failureLimit: 101 } }, 'rollout.analysis.failureLimit (101) must be a whole number from 0 to 100');
  });

  test('rejects a fromTier that is not a Tier', () => {
    expectRejected({ fromTier: 'staging' as any }, 'rollout.fromTier ("staging") must be a Tier (Tier.PREVIEW, Tier.DEVELOPMENT, Tier.STAGING, Tier.PRODUCTION)');
  });

  test('rejects a canary without metrics to judge it by', () => {
    expectRejected({}, 'rollout: a canary is judged by the service\'s own metrics, so it needs observability enabled; turn observability back on or use Rollout.rolling()',
      { observability: { enabled: false } });
  });

  test('rejects a name too long for the canary and stable Services', () => {
    const name = `a${'b'.repeat(56)}`;
    const e = errorOf(() => testService(testEnvironment(), { name, rollout: Rollout.canary({ steps: [100] }) }));
    expect(e.message).toBe(`payments-production/orders-api: name "${name}" is too long for a canary rollout: its canary and stable Services are named "<name>-canary" and "<name>-stable", so the name may have at most 56 characters (it has 57)`);
    expect(() => testService(testEnvironment(), { name: name.slice(1), rollout: Rollout.canary({ steps: [100] }) })).not.toThrow();
  });

  test('checks every option in every tier, even where the canary does not apply', () => {
    const e = errorOf(() => testService(testEnvironment(Tier.PREVIEW), { rollout: Rollout.canary({ steps: [10, 50] }) }));
    expect(e.message).toBe('payments-preview/orders-api: rollout.steps ([10, 50]) must end at 100: reaching 100 is what completes the rollout');
  });

  test('a rejected service leaves nothing behind', () => {
    const env = testEnvironment();
    errorOf(() => testService(env, { rollout: Rollout.canary({ steps: [10, 50] }) }));
    expect(env.node.tryFindChild('orders-api')).toBeUndefined();
    testService(env, { rollout: Rollout.canary({ steps: [10, 100] }) });
  });
});

describe('rollout steps over their input space', () => {
  const validSteps = fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { maxLength: 8 }).map((ws) => [...ws.sort((a, b) => a - b), 100]);

  test('every strictly increasing list ending at 100 is accepted and emitted in order, pausing between weights', () => {
    fc.assert(fc.property(validSteps, (steps) => {
      const env = testEnvironment();
      testService(env, { rollout: Rollout.canary({ steps }) });
      const emitted = find(synth(env), 'Rollout', 'orders-api').spec.strategy.canary.steps;
      expect(emitted.filter((s: any) => 'setWeight' in s).map((s: any) => s.setWeight)).toEqual(steps);
      expect(emitted.filter((s: any) => 'pause' in s)).toHaveLength(steps.length - 1);
      expect(emitted[emitted.length - 1]).toEqual({ setWeight: 100 });
    }), { numRuns: 40 });
  });

  test('every other list is rejected with a PavedError naming rollout.steps', () => {
    const anyList = fc.array(fc.oneof(fc.integer({ min: -10, max: 120 }), fc.double({ min: 0, max: 100, noNaN: true })), { maxLength: 6 });
    const invalid = anyList.filter((steps) => !(steps.length > 0 && steps.every((s) => Number.isInteger(s) && s >= 1 && s <= 100)
      && steps.every((s, i) => i === 0 || s > steps[i - 1]) && steps[steps.length - 1] === 100));
    fc.assert(fc.property(invalid, (steps) => {
      const env = testEnvironment();
      const e = errorOf(() => testService(env, { rollout: Rollout.canary({ steps }) }));
      expect(Errors.isPavedError(e)).toBe(true);
      expect(e.message).toMatch(/^payments-production\/orders-api: rollout\.steps/);
      expect(findAll(synth(env), 'Rollout')).toEqual([]);
    }), { numRuns: 100 });
  });
});
