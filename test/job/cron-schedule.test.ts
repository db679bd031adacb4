import { PavedError } from '../../src/errors';
import { parseSchedule } from '../../src/job/cron-schedule';
import { errorOf } from '../support/errors';

const parse = (value: string) => parseSchedule('app/env/job', 'schedule', value);
const HOUR = 3600;
const DAY = 24 * HOUR;

describe('parseSchedule: the rhythm of a schedule', () => {
  test.each([
    // expression, runs a month, shortest gap, longest gap
    ['30 2 * * *', 10227 / 336, DAY, DAY],
    ['*/15 * * * *', 96 * 10227 / 336, 15 * 60, 15 * 60],
    ['0 9 * * MON-FRI', undefined, DAY, 3 * DAY],
    ['0 0 1 * *', 1, 28 * DAY, 31 * DAY],
    // Leap days only: every four years of the cycle.
    ['0 0 29 2 *', 7 / 336, 1461 * DAY, 1461 * DAY],
    ['0 8,20 * * *', undefined, 12 * HOUR, 12 * HOUR],
    ['0 0 * * 0', undefined, 7 * DAY, 7 * DAY],
  ])('%s', (expression, runs, shortest, longest) => {
    const schedule = parse(expression);
    if (runs !== undefined) expect(schedule.runsPerMonth).toBeCloseTo(runs, 6);
    expect(schedule.shortestGapSeconds).toBe(shortest);
    expect(schedule.longestGapSeconds).toBe(longest);
  });

  test('a day schedule runs about 30.4 times a month, an hourly one 730.5 times', () => {
    expect(parse('30 2 * * *').runsPerMonth).toBeCloseTo(10227 / 336, 9);
    expect(parse('@hourly').runsPerMonth).toBeCloseTo(24 * 10227 / 336, 9);
  });

  test('both day fields restricted: a day matches either (the controller\'s rule)', () => {
    // The 1st of each month, and every Monday: more runs than Mondays alone.
    const either = parse('0 0 1 * 1').runsPerMonth;
    const mondays = parse('0 0 * * 1').runsPerMonth;
    expect(either).toBeGreaterThan(mondays);
    // "*/1" is still "any", so the two fields combine with "and" again.
    expect(parse('0 0 1 * */1').runsPerMonth).toBeCloseTo(1, 9);
    // "*/2" is a list of weekdays, so "or" it is.
    expect(parse('0 0 1 * */2').runsPerMonth).toBeGreaterThan(1);
  });

  test('descriptors become the fields they stand for; spacing is normalised', () => {
    expect(parse('@daily')).toMatchObject({ expression: '0 0 * * *', fields: ['0', '0', '*', '*', '*'] });
    expect(parse('@weekly').expression).toBe('0 0 * * 0');
    expect(parse('@yearly').expression).toBe('0 0 1 1 *');
    expect(parse('  30   2 * * * ').expression).toBe('30 2 * * *');
  });

  test('month and weekday names, in any case; "N/step" runs from N to the end', () => {
    expect(parse('0 0 * jan,Jul sun').runsPerMonth).toBeCloseTo(parse('0 0 * 1,7 0').runsPerMonth, 9);
    // 5, 30, 55, then 5 past the next hour.
    expect(parse('5/25 * * * *').shortestGapSeconds).toBe(10 * 60);
    expect(parse('5/25 * * * *').longestGapSeconds).toBe(25 * 60);
  });
});

describe('parseSchedule: errors name the prop, the value and what is allowed', () => {
  test.each([
    ['0 2 * *', /has 4 field\(s\), not 5/],
    ['60 * * * *', /"60" in its minute field, outside 0-59/],
    ['0 24 * * *', /"24" in its hour field, outside 0-23/],
    ['0 0 0 * *', /"0" in its day of month field, outside 1-31/],
    ['0 0 * 13 *', /"13" in its month field, outside 1-12 or JAN-DEC/],
    ['0 0 * * 7', /"7" in its day of week field, outside 0-6 or SUN-SAT/],
    ['0 0 * * FUN', /"FUN" in its day of week field/],
    ['30-10 * * * *', /range 30-10 in its minute field, which runs backwards/],
    ['*/0 * * * *', /step 0 in its minute field/],
    ['? * * * *', /"\?" in its minute field, where only the day fields allow it/],
    ['0 0 31 2 *', /never runs/],
    ['@every 1h', /counts from whenever the controller last ran it/],
    ['@Daily', /is not a descriptor the CronJob controller knows/],
    ['CRON_TZ=Europe/Berlin 0 2 * * *', /set timeZone instead/],
    ['0 0 * * 1,', /has "" in its day of week field/],
  ])('%s', (value, message) => {
    const error = errorOf(() => parse(value));
    expect(error).toBeInstanceOf(PavedError);
    expect(error.message).toMatch(/^app\/env\/job: schedule /);
    expect(error.message).toContain(JSON.stringify(value));
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/a schedule is five fields/);
  });

  test('a schedule that is not a string', () => {
    expect(errorOf(() => parse(42 as any)).message).toMatch(/schedule 42 must be a string/);
  });
});
