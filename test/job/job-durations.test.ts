import { Duration } from 'cdk8s';
import { PavedError } from '../../src/errors';
import { requireSeconds, secondsText } from '../../src/job/job-durations';
import { errorOf } from '../support/errors';

describe('requireSeconds', () => {
  test('returns the whole seconds of a Duration', () => {
    expect(requireSeconds('app/job', 'timeout', Duration.minutes(15), 1)).toBe(900);
    expect(requireSeconds('app/job', 'startingDeadline', Duration.seconds(10), 10)).toBe(10);
  });

  test.each([
    [Duration.millis(1500), 1, /timeout \(1.5s\) must be a whole number of seconds, at least 1s/],
    [Duration.seconds(5), 10, /timeout \(5s\) must be a whole number of seconds, at least 10s/],
    [600 as any, 1, /timeout \(600\) must be a Duration, e.g. Duration.minutes\(10\)/],
    [undefined as any, 1, /timeout \(undefined\) must be a Duration/],
  ])('refuses %p', (value, min, message) => {
    const error = errorOf(() => requireSeconds('app/job', 'timeout', value, min));
    expect(error).toBeInstanceOf(PavedError);
    expect(error.message).toMatch(/^app\/job: /);
    expect(error.message).toMatch(message);
  });
});

test('secondsText writes the largest unit that divides exactly', () => {
  expect([90, 600, 3600, 90000, 172800].map(secondsText)).toEqual(['90s', '10m', '1h', '25h', '2d']);
});
