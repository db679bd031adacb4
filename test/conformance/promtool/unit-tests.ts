/**
 * `promtool test rules` files for Paved's alerts and canary queries: synthetic series that
 * breach each alert's threshold after a healthy history as long as its window, and healthy
 * series that stay below it. The series' labels come from the selectors the Prometheus parser
 * read in the expression, so a test exercises exactly what the rule selects.
 */

/** What the Prometheus parser read in one expression. */
export interface Parsed {
  readonly name: string;
  readonly type?: string;
  readonly error?: string;
  readonly selectors: Array<{ metric: string; matchers: { [label: string]: string } }>;
  /** Range-vector windows, in seconds. */
  readonly ranges: number[];
}

/** A rule of a PrometheusRule group. */
export interface PromRule {
  readonly alert?: string;
  readonly record?: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels?: { [key: string]: string };
  readonly annotations?: { [key: string]: string };
}

/** One generated unit-test file: the rules it loads and the tests it runs. */
export interface UnitTest {
  readonly name: string;
  readonly rules: any;
  readonly tests: any;
}

/** The requests per minute of the synthetic service: large, so every error count is a whole number. */
const REQUESTS = 1_000_000;

type Phase = 'healthy' | 'breach';
interface Series { readonly series: string; readonly values: string }

/** Minutes in a Prometheus duration such as `1h`, `30m`, `0m`, `1d`. */
export function minutes(duration: string | undefined): number {
  if (!duration) return 0;
  const units: { [unit: string]: number } = { s: 1 / 60, m: 1, h: 60, d: 1440, w: 10080 };
  const parts = [...duration.matchAll(/(\d+)([smhdw])/g)];
  if (parts.map((p) => p[0]).join('') !== duration) throw new Error(`not a duration: ${duration}`);
  return parts.reduce((sum, [, n, unit]) => sum + Number(n) * units[unit], 0);
}

function num(value: number): string {
  const text = String(Number(value.toPrecision(12)));
  if (/e/i.test(text)) throw new Error(`value ${value} would be written in exponent notation`);
  return text;
}

function selectorText(metric: string, labels: { [label: string]: string }): string {
  return `${metric}{${Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}}`;
}

/** The minutes between samples and between evaluations of the test being written. */
let step = 1;

/** Samples in `length` minutes. */
function samples(length: number): number {
  if (length % step !== 0) throw new Error(`${length}m is not a whole number of ${step}m steps`);
  return length / step;
}

/** A counter that increases by `perMinute` for `length` minutes, segment after segment, sampled every step from 0. */
function counter(metric: string, labels: { [label: string]: string }, segments: Array<[number, number]>): Series {
  let current = 0;
  const values = ['0'];
  for (const [length, perMinute] of segments) {
    const perSample = perMinute * step;
    values.push(`${num(current + perSample)}+${num(perSample)}x${samples(length) - 1}`);
    current += samples(length) * perSample;
  }
  return { series: selectorText(metric, labels), values: values.join(' ') };
}

/** A gauge at `value` from 0, then for `length` minutes, segment after segment. */
function gauge(metric: string, labels: { [label: string]: string }, segments: Array<[number, number]>): Series {
  const values = [num(segments[0][1]), ...segments.map(([length, value]) => `${num(value)}+0x${samples(length) - 1}`)];
  return { series: selectorText(metric, labels), values: values.join(' ') };
}

/** The equality matchers of every selector of `metric`: the labels a series needs to be selected. */
function labelsOf(parsed: Parsed[], metric: string): { [label: string]: string } {
  const labels: { [label: string]: string } = {};
  for (const s of parsed.flatMap((p) => p.selectors).filter((x) => x.metric === metric)) {
    for (const [label, value] of Object.entries(s.matchers)) if (!/^(=~|!=|!~)/.test(value)) labels[label] = value;
  }
  return labels;
}

function metricWhere(parsed: Parsed[], test: (s: Parsed['selectors'][number]) => boolean, what: string): Parsed['selectors'][number] {
  const found = parsed.flatMap((p) => p.selectors).find(test);
  if (!found) throw new Error(`no selector of ${what}`);
  return found;
}

/** How one family of alerts is driven: its series, healthy and in breach, from `start` on. */
interface Family {
  series(parsed: Parsed[], threshold: number, phase: Phase, history: number, rest: number): Series[];
  /** The labels the expression itself gives the alert, besides the rule's. @default - none */
  labels?(parsed: Parsed[]): { [label: string]: string };
}

/** The value past a threshold on a share: twice it, or halfway to 1 when twice would pass 1. */
function breachShare(threshold: number): number {
  if (threshold >= 1) throw new Error(`the threshold ${threshold} is a share no series can exceed: the alert can never fire`);
  return Math.min(2 * threshold, (1 + threshold) / 2);
}

/** Two phases: `history` minutes healthy, then `rest` minutes healthy or in breach. */
function phases(healthy: number, breach: number, phase: Phase, history: number, rest: number): Array<[number, number]> {
  return [[history, healthy], [rest, phase === 'breach' ? breach : healthy]];
}

/** A share of requests answered with a 5xx, above the threshold (the label and codes the matcher names). */
const ERROR_RATIO: Family = {
  series: (parsed, threshold, phase, history, rest) => {
    const errors = metricWhere(parsed, (s) => Object.values(s.matchers).includes('=~5..'), 'the 5xx responses');
    const [codeLabel] = Object.entries(errors.matchers).find(([, v]) => v === '=~5..')!;
    const labels = labelsOf(parsed, errors.metric);
    const ratio = phases(threshold / 2, breachShare(threshold), phase, history, rest);
    return [
      counter(errors.metric, { ...labels, [codeLabel]: '500' }, ratio.map(([n, r]) => [n, r * REQUESTS])),
      counter(errors.metric, { ...labels, [codeLabel]: '200' }, ratio.map(([n, r]) => [n, (1 - r) * REQUESTS])),
    ];
  },
};

/** Request durations in histogram buckets: well under the threshold, or all of them past twice it. */
const LATENCY: Family = {
  series: (parsed, threshold, phase, history, rest) => {
    const buckets = metricWhere(parsed, (s) => s.metric.endsWith('_bucket'), 'a histogram');
    const labels = labelsOf(parsed, buckets.metric);
    const bounds = [threshold / 4, threshold / 2, threshold, 2 * threshold, 4 * threshold];
    const per = (le: number, slow: boolean) => (slow ? le >= 4 * threshold : true) ? REQUESTS : 0;
    return [...bounds.map((le) => counter(buckets.metric, { ...labels, le: num(le) }, [[history, per(le, false)], [rest, per(le, phase === 'breach')]])),
      counter(buckets.metric, { ...labels, le: '+Inf' }, [[history + rest, REQUESTS]])];
  },
};

/** Use over a limit of 2 (cores or bytes): a counter of CPU seconds, or a gauge of memory. */
function saturation(kind: 'counter' | 'gauge'): Family {
  return {
    series: (parsed, threshold, phase, history, rest) => {
      const limits = metricWhere(parsed, (s) => 'resource' in s.matchers, 'the resource limits');
      const used = metricWhere(parsed, (s) => s.metric !== limits.metric, 'the resource use');
      const limit = 2;
      const share = phases(threshold / 2, breachShare(threshold), phase, history, rest);
      return [
        gauge(limits.metric, labelsOf(parsed, limits.metric), [[history + rest, limit]]),
        kind === 'counter'
          ? counter(used.metric, labelsOf(parsed, used.metric), share.map(([n, s]) => [n, s * limit * 60]))
          : gauge(used.metric, labelsOf(parsed, used.metric), share.map(([n, s]): [number, number] => [n, s * limit])),
      ];
    },
  };
}

/** Restarts: none while healthy, one a minute in breach. */
const RESTARTS: Family = {
  series: (parsed, _threshold, phase, history, rest) => {
    const restarts = metricWhere(parsed, () => true, 'the restart counter');
    return [counter(restarts.metric, labelsOf(parsed, restarts.metric), phases(0, 1, phase, history, rest))];
  },
};

/** Available replicas: the minimum while healthy, one fewer in breach. */
const AVAILABILITY: Family = {
  series: (parsed, threshold, phase, history, rest) => {
    const available = metricWhere(parsed, () => true, 'the available replicas');
    return [gauge(available.metric, labelsOf(parsed, available.metric), phases(threshold, threshold - 1, phase, history, rest))];
  },
};

/**
 * A worker's replicas. With a floor, as AVAILABILITY. Scaled to zero (the expression also reads
 * the replicas asked for): none asked for and none available through the history, which must not
 * alert; then one asked for, and available while healthy but not in breach.
 */
const WORKER_AVAILABILITY: Family = {
  series: (parsed, threshold, phase, history, rest) => {
    const desired = parsed.flatMap((p) => p.selectors).find((s) => s.metric === 'kube_deployment_spec_replicas');
    if (!desired) return AVAILABILITY.series(parsed, threshold, phase, history, rest);
    const available = metricWhere(parsed, (s) => s.metric === 'kube_deployment_status_replicas_available', 'the available replicas');
    return [
      gauge(desired.metric, labelsOf(parsed, desired.metric), [[history, 0], [rest, threshold]]),
      gauge(available.metric, labelsOf(parsed, available.metric), [[history, 0], [rest, phase === 'breach' ? threshold - 1 : threshold]]),
    ];
  },
};

/** A gauge of a queue (the age of its oldest message, the depth of its dead-letter queue): half the threshold while healthy, past it in breach. */
const QUEUE_GAUGE: Family = {
  series: (parsed, threshold, phase, history, rest) => {
    const { metric } = metricWhere(parsed, () => true, 'the queue\'s metric');
    return [gauge(metric, labelsOf(parsed, metric), phases(threshold / 2, Math.max(2 * threshold, 1), phase, history, rest))];
  },
};

/** A Job name a `job_name=~"<cronjob>-[0-9]+"` matcher selects: the CronJob controller's `<cronjob>-<minutes>`. */
function jobNameOf(parsed: Parsed[], minutesSinceEpoch: number): string {
  const pattern = metricWhere(parsed, (s) => (s.matchers.job_name ?? '').startsWith('=~'), 'a Job name pattern').matchers.job_name;
  const name = `${pattern.slice(2).replace(/-\[0-9\]\+$/, '')}-${minutesSinceEpoch}`;
  if (!new RegExp(`^${pattern.slice(2)}$`).test(name)) throw new Error(`${name} does not match ${pattern}`);
  return name;
}

/**
 * Two runs of a CronJob, 10 and 20 minutes into the test: healthy, the first failed and the second
 * succeeded (a failure superseded); in breach, the first succeeded and the second failed. Each Job
 * with its owner, its Failed and Complete conditions and its start and completion times.
 */
const SCHEDULED_RUN_FAILED: Family = {
  series: (parsed, _threshold, phase, history, rest) => {
    const base = labelsOf(parsed, 'kube_job_owner');
    const ns = { namespace: base.namespace };
    const total = history + rest;
    const runs = [{ at: 10, failed: phase === 'healthy' }, { at: 20, failed: phase === 'breach' }];
    return runs.flatMap(({ at, failed }) => {
      const job = { ...ns, job_name: jobNameOf(parsed, 29_000_000 + at) };
      return [
        gauge('kube_job_owner', { ...base, job_name: job.job_name }, [[total, 1]]),
        gauge('kube_job_failed', { ...job, condition: 'true' }, [[total, failed ? 1 : 0]]),
        gauge('kube_job_complete', { ...job, condition: 'true' }, [[total, failed ? 0 : 1]]),
        gauge('kube_job_status_start_time', job, [[total, at * 60]]),
        ...failed ? [] : [gauge('kube_job_status_completion_time', job, [[total, at * 60 + 30]])],
      ];
    });
  },
  labels: (parsed) => ({ job_name: jobNameOf(parsed, 29_000_020) }),
};

/**
 * A CronJob's last run: healthy, started a minute ago at every sample; in breach, started the
 * alert's threshold and a minute before the breach began. Never suspended.
 */
const SCHEDULED_RUN_MISSED: Family = {
  series: (parsed, threshold, phase, history, rest) => {
    const labels = labelsOf(parsed, 'kube_cronjob_status_last_schedule_time');
    const total = history + rest;
    const last = phase === 'healthy'
      ? { series: selectorText('kube_cronjob_status_last_schedule_time', labels), values: `-60+${num(60 * step)}x${samples(total)}` }
      : gauge('kube_cronjob_status_last_schedule_time', labels, [[history, (history - 1) * 60], [rest, history * 60 - threshold - 60]]);
    return [last, gauge('kube_cronjob_created', labels, [[total, 0]]), gauge('kube_cronjob_spec_suspend', labels, [[total, 0]])];
  },
  labels: (parsed) => {
    const { namespace, cronjob } = labelsOf(parsed, 'kube_cronjob_spec_suspend');
    return { namespace, cronjob };
  },
};

/** A migration's Job: not failed while healthy, its Failed condition true in breach. */
const MIGRATION_FAILED: Family = {
  series: (parsed, _threshold, phase, history, rest) => [gauge('kube_job_failed', labelsOf(parsed, 'kube_job_failed'), phases(0, 1, phase, history, rest))],
};

/** Every alert Paved writes, by name, and how to drive it. An alert missing here fails the suite. */
export const FAMILIES: { [alert: string]: Family } = {
  ServiceHighErrorRate: ERROR_RATIO,
  ServiceErrorBudgetBurn: ERROR_RATIO,
  ServiceErrorBudgetSlowBurn: ERROR_RATIO,
  ServiceHighLatency: LATENCY,
  ServiceLatencyObjectiveMissed: LATENCY,
  ServiceCpuSaturated: saturation('counter'),
  ServiceMemorySaturated: saturation('gauge'),
  ServiceRestarting: RESTARTS,
  ServiceUnavailable: AVAILABILITY,
  ScheduledJobFailed: SCHEDULED_RUN_FAILED,
  ScheduledJobNotScheduled: SCHEDULED_RUN_MISSED,
  MigrationFailed: MIGRATION_FAILED,
  WorkerRestarting: RESTARTS,
  WorkerUnavailable: WORKER_AVAILABILITY,
  WorkerQueueBacklogAging: QUEUE_GAUGE,
  WorkerDeadLetters: QUEUE_GAUGE,
};

/** The threshold an alert compares against: the number after its last comparison. */
export function thresholdOf(expr: string): number {
  const match = /[<>]=?\s*(-?[0-9.]+(?:e-?[0-9]+)?)\s*$/.exec(expr);
  if (!match) throw new Error(`no threshold at the end of ${expr}`);
  return Number(match[1]);
}

/**
 * The unit test of one alerting rule: over series healthy for as long as the rule's window, then
 * healthy or in breach, the alert is not firing before its `for` has passed, fires by its window
 * plus its `for` (and two evaluations) in breach, and never fires on healthy series. Samples and
 * evaluations are a fifth of the shortest range apart (at least a minute).
 */
export function alertTest(name: string, groupName: string, alert: PromRule, recordings: PromRule[], parse: (expr: string) => Parsed): UnitTest {
  const family = FAMILIES[alert.alert!];
  if (!family) throw new Error(`no unit test family for alert ${alert.alert}`);
  const own = parse(alert.expr);
  const used = recordings.filter((r) => own.selectors.some((s) => s.metric === r.record));
  const parsed = used.length > 0 ? used.map((r) => parse(r.expr)) : [own];
  const ranges = [own, ...parsed].flatMap((p) => p.ranges).map((r) => r / 60);
  const window = Math.max(0, ...ranges);
  const holdFor = minutes(alert.for);
  const threshold = thresholdOf(alert.expr);
  // Five samples in the shortest range keep rate() exact; longer steps keep a 3-day test short.
  step = Math.max(1, Math.floor((ranges.length > 0 ? Math.min(...ranges) : 5) / 5));
  const whole = (m: number) => Math.ceil(m / step) * step;
  const history = whole(Math.max(window, 5));
  const fireBy = history + whole(window + holdFor) + 2 * step;
  const rest = whole(window + holdFor) + 5 * step;
  const expected = [{ exp_labels: { ...family.labels?.(parsed), ...alert.labels }, exp_annotations: alert.annotations ?? {} }];
  const checks = (phase: Phase) => [
    // The breach's first sample is one step after the history: before that plus `for`, nothing fires.
    ...holdFor >= step ? [{ eval_time: `${history + Math.floor(holdFor / step) * step}m`, alertname: alert.alert, exp_alerts: [] }] : [],
    { eval_time: `${fireBy}m`, alertname: alert.alert, exp_alerts: phase === 'breach' ? expected : [] },
  ];
  const test = (phase: Phase) => ({
    name: `${alert.alert} ${phase}`,
    interval: `${step}m`,
    input_series: family.series(parsed, threshold, phase, history, rest),
    alert_rule_test: checks(phase),
  });
  return {
    name,
    rules: { groups: [{ name: groupName, rules: [...used, alert] }] },
    tests: { evaluation_interval: `${step}m`, tests: [test('healthy'), test('breach')] },
  };
}

/**
 * The unit test of a canary AnalysisTemplate's queries, the pod template hash substituted as Argo
 * Rollouts does: the error rate and p99 latency of the canary's pods only (a stable ReplicaSet
 * failing every request beside it changes nothing), and 0 when the canary has no traffic.
 */
export function analysisTest(name: string, queries: { errorRate: string; latency: string }, hashLabel: string,
  parse: (expr: string) => Parsed): UnitTest {
  step = 1;
  const canary = 'canary7f9c';
  const stable = 'stable5d4b';
  const substitute = (q: string) => q.replace(/\{\{args\.[a-z-]+\}\}/g, canary);
  const errorQuery = substitute(queries.errorRate);
  const latencyQuery = substitute(queries.latency);
  const errors = metricWhere([parse(errorQuery)], (s) => Object.values(s.matchers).includes('=~5..'), 'the 5xx responses');
  const [codeLabel] = Object.entries(errors.matchers).find(([, v]) => v === '=~5..')!;
  const base = labelsOf([parse(errorQuery)], errors.metric);
  const buckets = metricWhere([parse(latencyQuery)], (s) => s.metric.endsWith('_bucket'), 'a histogram');
  const bucketLabels = labelsOf([parse(latencyQuery)], buckets.metric);
  const ratio = 0.02;
  const series = (hash: string, errorShare: number, slow: boolean) => [
    counter(errors.metric, { ...base, [hashLabel]: hash, [codeLabel]: '503' }, [[30, errorShare * 6000]]),
    counter(errors.metric, { ...base, [hashLabel]: hash, [codeLabel]: '200' }, [[30, (1 - errorShare) * 6000]]),
    // Every request of the canary takes between 0.1 and 0.2 s; the stable ones up to 5 s.
    counter(buckets.metric, { ...bucketLabels, [hashLabel]: hash, le: '0.1' }, [[30, 0]]),
    counter(buckets.metric, { ...bucketLabels, [hashLabel]: hash, le: '0.2' }, [[30, slow ? 0 : 6000]]),
    counter(buckets.metric, { ...bucketLabels, [hashLabel]: hash, le: '5' }, [[30, 6000]]),
    counter(buckets.metric, { ...bucketLabels, [hashLabel]: hash, le: '+Inf' }, [[30, 6000]]),
  ];
  return {
    name,
    rules: { groups: [] },
    tests: {
      evaluation_interval: '1m',
      tests: [
        {
          name: 'canary with traffic',
          interval: '1m',
          input_series: [...series(canary, ratio, false), ...series(stable, 1, true)],
          promql_expr_test: [
            { expr: errorQuery, eval_time: '20m', exp_samples: [{ labels: '{}', value: ratio }] },
            // Linear interpolation in the (0.1, 0.2] bucket, where every request fell.
            { expr: latencyQuery, eval_time: '20m', exp_samples: [{ labels: '{}', value: 0.1 + 0.1 * 0.99 }] },
          ],
        },
        {
          name: 'canary without traffic',
          interval: '1m',
          input_series: series(stable, 1, true),
          promql_expr_test: [
            { expr: errorQuery, eval_time: '20m', exp_samples: [{ labels: '{}', value: 0 }] },
            { expr: latencyQuery, eval_time: '20m', exp_samples: [{ labels: '{}', value: 0 }] },
          ],
        },
      ],
    },
  };
}
