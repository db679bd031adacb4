import { PavedError } from '../../src/errors';
import { observesDaylightSaving, requireTimeZone } from '../../src/job/time-zone';
import { errorOf } from '../support/errors';

const check = (zone: any) => requireTimeZone('app/env/job', 'timeZone', zone);

describe('requireTimeZone', () => {
  test.each(['Etc/UTC', 'UTC', 'Europe/Berlin', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5', 'US/Eastern', 'America/Port-au-Prince'])('accepts %s', (zone) => {
    expect(() => check(zone)).not.toThrow();
  });

  test.each([
    ['europe/berlin', /is not written as an IANA time zone name/],
    ['EUROPE/BERLIN', /is written in other capitals than the zone's name, "Europe\/Berlin"/],
    ['Local', /the controller's own time zone/],
    ['+01:00', /is not written as an IANA time zone name/],
    ['Mars/Olympus_Mons', /is not a known time zone/],
    ['Europe/', /is not written as an IANA time zone name/],
    ['', /is not written as an IANA time zone name/],
  ])('refuses %j, naming the prop and the value', (zone, message) => {
    const error = errorOf(() => check(zone));
    expect(error).toBeInstanceOf(PavedError);
    expect(error.message).toMatch(/^app\/env\/job: timeZone /);
    expect(error.message).toContain(JSON.stringify(zone));
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/use a name from the IANA time zone database/);
  });

  test('refuses what is not a string', () => {
    expect(errorOf(() => check(3600)).message).toMatch(/timeZone 3600 must be a string/);
  });
});

describe('observesDaylightSaving', () => {
  test.each([['Etc/UTC', false], ['Asia/Tokyo', false], ['Europe/Berlin', true], ['Australia/Sydney', true]])('%s: %s', (zone, expected) => {
    expect(observesDaylightSaving(zone as string)).toBe(expected);
  });
});
