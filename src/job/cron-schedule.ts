import { PavedError } from '../errors';
import { show } from '../validate';

/**
 * A CronJob schedule once checked, with what the rest of the ScheduledJob derives from it: how
 * often it runs (for the cost estimate) and the shortest and longest wait between two runs (for
 * the starting deadline, the timeout and the missed-run alert).
 */
export interface CronSchedule {
  /** The schedule as the CronJob is given it: five fields, a descriptor written out as the fields it stands for. */
  readonly expression: string;
  /** The five fields: minute, hour, day of month, month, day of week. */
  readonly fields: string[];
  /** Runs in an average month (a 28-year calendar cycle, leap days and weekdays included). */
  readonly runsPerMonth: number;
  /** The shortest wait between two consecutive runs, in seconds, in the schedule's own time zone. */
  readonly shortestGapSeconds: number;
  /** The longest wait between two consecutive runs, in seconds, in the schedule's own time zone. */
  readonly longestGapSeconds: number;
}

// The grammar is the one the CronJob controller parses (robfig/cron's standard parser): five
// fields, each a comma-separated list of `*`, a value or a range, with an optional `/step`; month
// and weekday names; `?` for "any" in the two day fields; and the `@yearly`... descriptors.

interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: string[];
  /** Whether `?` (any) is allowed, as in the two day fields. */
  readonly question?: boolean;
}

const FIELDS: FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31, question: true },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'day of week', min: 0, max: 6, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'], question: true },
];

/** The descriptors the controller accepts, and the fields each one stands for. */
const DESCRIPTORS: { [name: string]: string } = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const ALLOWED = 'five fields (minute 0-59, hour 0-23, day of month 1-31, month 1-12 or JAN-DEC, day of week 0-6 or SUN-SAT), '
  + `each "*", a value, a range "a-b" or a list "a,b", with an optional "/step"; or one of ${Object.keys(DESCRIPTORS).join(', ')}`;

/** One field: the values it allows, and whether it was written as "any" (which changes how the two day fields combine). */
interface Field {
  readonly values: Set<number>;
  readonly any: boolean;
}

/** The calendar cycle runs are counted over: 28 years repeat every weekday and leap-day pattern (2001 to 2028 has no century year). */
const CYCLE_START = Date.UTC(2001, 0, 1);
const CYCLE_DAYS = 28 * 365 + 7;
const DAY_SECONDS = 86400;

/**
 * Checks a CronJob schedule and derives its rhythm; throws a PavedError naming the prop, the
 * value and what is allowed, for a schedule the controller would reject or one that never runs
 * (`0 0 31 2 *`).
 *
 * `@every <duration>` is refused although the controller reads it: its runs are counted from
 * whenever the controller last scheduled one, so neither the times of the runs nor a missed run
 * can be known from the declaration.
 */
export function parseSchedule(path: string, prop: string, value: string): CronSchedule {
  const fail = (why: string): never => {
    throw new PavedError(path, `${prop} ${show(value)} ${why}; a schedule is ${ALLOWED}`);
  };
  if (typeof value !== 'string') return fail('must be a string');
  const trimmed = value.trim();
  if (/^(CRON_)?TZ=/.test(trimmed)) fail('names a time zone in the schedule, which Kubernetes rejects: set timeZone instead');
  if (trimmed.startsWith('@every')) fail('counts from whenever the controller last ran it, so its runs cannot be known in advance: write the times as fields');
  let written = trimmed;
  if (trimmed.startsWith('@')) {
    // Descriptors are matched exactly, as the controller matches them: `@Daily` is an error there.
    written = DESCRIPTORS[trimmed] ?? fail('is not a descriptor the CronJob controller knows');
  }
  const parts = written.split(/\s+/);
  if (parts.length !== 5) fail(`has ${parts.length} field(s), not 5`);
  const fields = parts.map((text, i) => parseField(text, FIELDS[i], fail));
  const rhythm = rhythmOf(fields);
  if (rhythm === undefined) fail('never runs: no date matches its day of month, month and day of week');
  return { expression: parts.join(' '), fields: parts, ...rhythm! };
}

function parseField(text: string, spec: FieldSpec, fail: (why: string) => never): Field {
  const values = new Set<number>();
  let any = false;
  for (const element of text.split(',')) {
    const match = /^(\*|\?|[A-Za-z0-9]+(?:-[A-Za-z0-9]+)?)(?:\/([0-9]+))?$/.exec(element);
    if (!match) fail(`has ${JSON.stringify(element)} in its ${spec.name} field`);
    const [, range, stepText] = match!;
    const step = stepText === undefined ? 1 : Number(stepText);
    if (step < 1 || step > spec.max - spec.min + 1) fail(`has step ${stepText} in its ${spec.name} field, outside 1-${spec.max - spec.min + 1}`);
    let low: number;
    let high: number;
    if (range === '*' || range === '?') {
      if (range === '?' && !spec.question) fail(`has "?" in its ${spec.name} field, where only the day fields allow it`);
      [low, high] = [spec.min, spec.max];
      // "*/1" is still "any"; "*/2" is a list of values, as the controller's parser reads them.
      if (step === 1) any = true;
    } else {
      const [from, to] = range.split('-');
      low = valueOf(from, spec, fail);
      // "5/15" means from 5 to the end in steps of 15.
      high = to !== undefined ? valueOf(to, spec, fail) : stepText !== undefined ? spec.max : low;
      if (low > high) fail(`has the range ${range} in its ${spec.name} field, which runs backwards`);
    }
    for (let v = low; v <= high; v += step) values.add(v);
  }
  return { values, any };
}

function valueOf(text: string, spec: FieldSpec, fail: (why: string) => never): number {
  const named = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  const n = named >= 0 ? named + spec.min : /^[0-9]+$/.test(text) ? Number(text) : NaN;
  if (!(n >= spec.min && n <= spec.max)) {
    fail(`has ${JSON.stringify(text)} in its ${spec.name} field, outside ${spec.min}-${spec.max}${spec.names ? ` or ${spec.names[0]}-${spec.names[spec.names.length - 1]}` : ''}`);
  }
  return n;
}

/**
 * Counts runs over the calendar cycle, in the schedule's wall-clock time: each matching day runs
 * at every hour and minute the schedule names, so only days need walking.
 */
function rhythmOf([minute, hour, dom, month, dow]: Field[]): Omit<CronSchedule, 'expression' | 'fields'> | undefined {
  const times = [...hour.values].flatMap((h) => [...minute.values].map((m) => h * 3600 + m * 60)).sort((a, b) => a - b);
  // The controller's rule: when either day field is "any", a day must match both; otherwise either.
  const both = dom.any || dow.any;
  const days: number[] = [];
  for (let d = 0; d < CYCLE_DAYS; d++) {
    const date = new Date(CYCLE_START + d * DAY_SECONDS * 1000);
    if (!month.values.has(date.getUTCMonth() + 1)) continue;
    const domMatch = dom.values.has(date.getUTCDate());
    const dowMatch = dow.values.has(date.getUTCDay());
    if (both ? domMatch && dowMatch : domMatch || dowMatch) days.push(d);
  }
  if (days.length === 0) return undefined;
  let shortest = Infinity;
  let longest = 0;
  const note = (gap: number) => {
    shortest = Math.min(shortest, gap);
    longest = Math.max(longest, gap);
  };
  for (let i = 1; i < times.length; i++) note(times[i] - times[i - 1]);
  // From the last run of one matching day to the first of the next, the cycle wrapping around.
  days.forEach((day, i) => {
    const next = i + 1 < days.length ? days[i + 1] : days[0] + CYCLE_DAYS;
    note((next - day) * DAY_SECONDS + times[0] - times[times.length - 1]);
  });
  return { runsPerMonth: (days.length * times.length) / (28 * 12), shortestGapSeconds: shortest, longestGapSeconds: longest };
}
