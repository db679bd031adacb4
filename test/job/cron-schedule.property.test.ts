import * as fc from 'fast-check';
import { PavedError } from '../../src/errors';
import { parseSchedule } from '../../src/job/cron-schedule';
import { requireTimeZone } from '../../src/job/time-zone';
import { errorOf } from '../support/errors';

/** The ranges of the five fields, in order. */
const RANGES: Array<[string, number, number]> = [['minute', 0, 59], ['hour', 0, 23], ['day of month', 1, 31], ['month', 1, 12], ['day of week', 0, 6]];
/** The average month of the 28-year cycle, in seconds. */
const MONTH_SECONDS = (10227 * 86400) / 336;

/** One element of a field: a value, a range, or either with a step; "*" and "*\/n" too. */
function element(min: number, max: number): fc.Arbitrary<string> {
  const value = fc.integer({ min, max });
  const step = fc.integer({ min: 1, max: max - min + 1 });
  return fc.oneof(
    fc.constant('*'),
    step.map((s) => `*/${s}`),
    value.map(String),
    fc.tuple(value, value).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
    fc.tuple(value, value, step).map(([a, b, s]) => `${Math.min(a, b)}-${Math.max(a, b)}/${s}`),
  );
}
const field = (min: number, max: number) => fc.array(element(min, max), { minLength: 1, maxLength: 3 }).map((e) => e.join(','));
// Days up to 28 exist in every month, so every generated schedule runs.
const schedule = fc.tuple(field(0, 59), field(0, 23), field(1, 28), field(1, 12), field(0, 6)).map((f) => f.join(' '));

describe('schedules over their input space', () => {
  test('every well-formed schedule is accepted, and its average gap lies between its shortest and longest', () => {
    fc.assert(fc.property(schedule, (expression) => {
      const parsed = parseSchedule('app/job', 'schedule', expression);
      expect(parsed.expression).toBe(expression);
      expect(parsed.runsPerMonth).toBeGreaterThan(0);
      expect(parsed.shortestGapSeconds).toBeGreaterThanOrEqual(60);
      expect(parsed.shortestGapSeconds).toBeLessThanOrEqual(parsed.longestGapSeconds);
      const average = MONTH_SECONDS / parsed.runsPerMonth;
      expect(average).toBeGreaterThanOrEqual(parsed.shortestGapSeconds - 1e-6);
      expect(average).toBeLessThanOrEqual(parsed.longestGapSeconds + 1e-6);
    }), { numRuns: 150 });
  });

  test('a value outside its field\'s range is refused, naming the field, the value and the range', () => {
    const outOfRange = fc.integer({ min: 0, max: 4 }).chain((i) => {
      const [, min, max] = RANGES[i];
      const above = fc.integer({ min: max + 1, max: 99 });
      return fc.tuple(fc.constant(i), min > 0 ? fc.oneof(above, fc.integer({ min: 0, max: min - 1 })) : above);
    });
    fc.assert(fc.property(outOfRange, ([i, value]) => {
      const fields = ['0', '0', '1', '1', '*'];
      fields[i] = String(value);
      const error = errorOf(() => parseSchedule('app/job', 'schedule', fields.join(' ')));
      expect(error).toBeInstanceOf(PavedError);
      const [name, min, max] = RANGES[i];
      expect(error.message).toContain(`"${value}" in its ${name} field, outside ${min}-${max}`);
    }), { numRuns: 100 });
  });

  test('a schedule of any other number of fields is refused, naming how many it has', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 9 }).filter((n) => n !== 5), (n) => {
      const error = errorOf(() => parseSchedule('app/job', 'schedule', Array(n).fill('0').join(' ')));
      expect(error.message).toContain(`has ${n} field(s), not 5`);
    }));
  });
});

describe('time zones over their input space', () => {
  const zones = Intl.supportedValuesOf('timeZone');

  test('every zone the runtime knows is accepted', () => {
    for (const zone of zones) expect(() => requireTimeZone('app/job', 'timeZone', zone)).not.toThrow();
  });

  test('a known zone written in other capitals is refused: the controller looks names up case-sensitively', () => {
    fc.assert(fc.property(fc.constantFrom(...zones), fc.constantFrom('lower', 'upper'), (zone, how) => {
      const written = how === 'lower' ? zone.toLowerCase() : zone.toUpperCase();
      fc.pre(written !== zone && !zones.includes(written));
      const error = errorOf(() => requireTimeZone('app/job', 'timeZone', written));
      expect(error).toBeInstanceOf(PavedError);
      expect(error.message).toContain(`timeZone ${JSON.stringify(written)}`);
    }), { numRuns: 100 });
  });
});
