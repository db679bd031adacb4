import { PavedError } from '../errors';
import { show } from '../validate';

/**
 * Checks a CronJob time zone: a name from the IANA time zone database, as the controller loads
 * it (Go's `time.LoadLocation`, case-sensitive, no `Local`, no offsets such as `+01:00`).
 * Node's ICU knows the same database, so a name it does not resolve is not one. ICU ignores
 * capitals and the controller does not, so the capitals are checked too: each part of an IANA
 * name starts with one (`Europe/London`, `Etc/GMT+5`, `UTC`), and a name is written as the zone
 * writes it (an alias in other capitals, `US/EASTERN`, is the one miss).
 */
export function requireTimeZone(path: string, prop: string, value: string): void {
  const fail = (why: string): never => {
    throw new PavedError(path, `${prop} ${show(value)} ${why}: use a name from the IANA time zone database, e.g. "Etc/UTC", "Europe/Berlin" or "America/New_York"`);
  };
  if (typeof value !== 'string') fail('must be a string');
  if (!/^[A-Z][A-Za-z0-9_+-]*(\/[A-Z][A-Za-z0-9_+-]*)*$/.test(value)) fail('is not written as an IANA time zone name');
  if (value === 'Local') fail('is the controller\'s own time zone, which Kubernetes rejects');
  let resolved: string | undefined;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    resolved = undefined;
  }
  if (resolved === undefined) fail('is not a known time zone');
  // ICU resolves names whatever their capitals, the controller's file lookup does not: a name that
  // resolves to itself in other capitals (`AFRICA/ABIDJAN`) is refused. An alias resolves to
  // another name (`US/Eastern` to `America/New_York`) and is taken as written.
  if (resolved !== value && resolved!.toLowerCase() === value.toLowerCase()) fail(`is written in other capitals than the zone's name, ${JSON.stringify(resolved)}`);
}

/**
 * Whether clocks in `zone` move during the year (daylight saving): their runs then come an hour
 * early or late once or twice a year, which the missed-run alert allows for.
 */
export function observesDaylightSaving(zone: string): boolean {
  const offset = (month: number) => new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(new Date(Date.UTC(2001, month, 15)))
    .find((p) => p.type === 'timeZoneName')!.value;
  return offset(0) !== offset(6);
}
