// Alerts and queries, against Prometheus itself: every PrometheusRule Paved emits passes
// `promtool check rules`; every expression, canary query and dashboard query parses with the
// Prometheus parser and reads only its service's series; every alert fires on a synthetic
// breach within its window plus its `for` and stays silent on healthy series (`promtool test
// rules`); the canary queries compute the canary's error rate and latency. The hand-written
// checker the unit tests use (test/support/promql.ts) must read the same selectors.
//
// Usage: ts-node check.ts <promtool binary> <promql binary> <work dir> <prometheus module version>
// The synth stages the composition root registers, as in a team's app and in jest (setupFiles).
import '../../support/synth-stages';
import { spawnSync } from 'child_process';
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import * as YAML from 'yaml';
import { emittedObjects } from './corpus';
import { alertTest, analysisTest, FAMILIES, Parsed, PromRule, UnitTest } from './unit-tests';
import { parsePromql } from '../../support/promql';

interface Expression { readonly name: string; readonly expr: string; readonly namespace: string; readonly service: string; readonly kind: 'rule' | 'analysis' | 'dashboard' }

function run(binary: string, args: string[]): { status: number; out: string } {
  const r = spawnSync(binary, args, { encoding: 'utf-8', maxBuffer: 1024 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

/** The part of promtool's output about `file`: from its header to the next one. */
function sectionOf(out: string, header: string, file: string): string {
  const start = out.indexOf(`${header}${file}`);
  if (start < 0) return '';
  const next = out.indexOf(header, start + header.length + file.length);
  return out.slice(start, next < 0 ? undefined : next);
}

function main(): void {
  const [promtool, promql, work, moduleVersion] = process.argv.slice(2);
  if (!promtool || !promql || !work || !moduleVersion) throw new Error('usage: check.ts <promtool> <promql> <work dir> <prometheus module version>');
  const version = `github.com/prometheus/prometheus ${moduleVersion}`;
  const objects = emittedObjects();
  const rules = objects.filter((o) => o.object.kind === 'PrometheusRule');
  const templates = objects.filter((o) => o.object.kind === 'AnalysisTemplate');
  const dashboards = objects.filter((o) => o.object.kind === 'ConfigMap' && Object.keys(o.object.data ?? {}).some((k) => k.endsWith('.json')) && /dashboard/.test(o.object.metadata.name));
  const problems: string[] = [];
  let passed = 0;
  const record = (ok: boolean, message: string) => {
    if (ok) passed++;
    else problems.push(message);
  };

  // 1. promtool check rules on every PrometheusRule's groups.
  const rulesDir = join(work, 'rules');
  mkdirSync(rulesDir, { recursive: true });
  const ruleFiles = rules.map((r, i) => {
    const file = join(rulesDir, `${i}.yaml`);
    writeFileSync(file, YAML.stringify({ groups: r.object.spec.groups }));
    return file;
  });
  const checked = run(promtool, ['check', 'rules', '--lint=all', '--lint-fatal', ...ruleFiles]);
  rules.forEach((r, i) => {
    const section = sectionOf(checked.out, 'Checking ', ruleFiles[i]);
    record(/SUCCESS/.test(section) && !/FAILED|error/i.test(section), `promtool check rules ${r.source}:\n${section || checked.out}`);
  });
  record(checked.status === 0, `promtool check rules exited ${checked.status}`);

  // 2. Every expression parses with the Prometheus parser and is scoped to its service.
  const expressions: Expression[] = [];
  for (const r of rules) {
    const { namespace, name } = r.object.metadata;
    r.object.spec.groups.forEach((g: any) => g.rules.forEach((rule: PromRule) => expressions.push({ name: `${r.source} ${rule.alert ?? rule.record}`, expr: rule.expr, namespace, service: name, kind: 'rule' })));
  }
  for (const t of templates) {
    const { namespace } = t.object.metadata;
    const service = t.object.metadata.name.replace(/-canary$/, '');
    for (const m of t.object.spec.metrics) expressions.push({ name: `${t.source} ${m.name}`, expr: m.provider.prometheus.query, namespace, service, kind: 'analysis' });
  }
  for (const d of dashboards) {
    const { namespace } = d.object.metadata;
    const service = d.object.metadata.name.replace(/-dashboard$/, '');
    for (const [key, text] of Object.entries<string>(d.object.data)) {
      for (const panel of JSON.parse(text).panels ?? []) {
        for (const target of panel.targets ?? []) expressions.push({ name: `${d.source} ${key} ${panel.title}`, expr: target.expr, namespace, service, kind: 'dashboard' });
      }
    }
  }
  const distinct = [...new Set(expressions.map((e) => e.expr))];
  const input = join(work, 'expressions.json');
  writeFileSync(input, JSON.stringify(distinct.map((expr, i) => ({ name: String(i), expr }))));
  const parsedRun = run(promql, [input]);
  if (parsedRun.status !== 0) throw new Error(`promql harness failed: ${parsedRun.out}`);
  const parsedList: Parsed[] = JSON.parse(parsedRun.out);
  const parsed = new Map(distinct.map((expr, i) => [expr, parsedList[i]]));
  const parse = (expr: string): Parsed => {
    const p = parsed.get(expr);
    if (p) return p;
    const file = join(work, 'extra.json');
    writeFileSync(file, JSON.stringify([{ name: '0', expr }]));
    const r = run(promql, [file]);
    if (r.status !== 0) throw new Error(`promql harness failed: ${r.out}`);
    const [one] = JSON.parse(r.out) as Parsed[];
    parsed.set(expr, one);
    return one;
  };
  // A queue's CloudWatch series carry no namespace: they are a worker's when its ScaledObject reads
  // the queue, or that queue's dead-letter queue (`<queue>-dlq`, the naming contract).
  const queuesOf = new Set<string>();
  for (const { object } of objects.filter((o) => o.object.kind === 'ScaledObject')) {
    for (const trigger of object.spec.triggers ?? []) {
      const queue = String(trigger.metadata?.queueURL ?? '').split('/').pop();
      if (trigger.type !== 'aws-sqs-queue' || !queue) continue;
      for (const name of [queue, `${queue}-dlq`]) queuesOf.add(`${object.metadata.namespace}/${object.spec.scaleTargetRef.name}/${name}`);
    }
  }
  for (const e of expressions) {
    const p = parse(e.expr);
    record(!p.error, `${e.name}: the Prometheus parser rejects ${e.expr}: ${p.error}`);
    if (p.error) continue;
    record(p.type === 'vector' && p.selectors.length > 0, `${e.name}: ${e.expr} is a ${p.type} reading ${p.selectors.length} series, not a vector of the service's series`);
    for (const s of p.selectors) {
      const queue = s.matchers.dimension_QueueName ?? s.matchers.queue_name;
      if (s.metric.startsWith('aws_sqs_') && queue !== undefined) {
        record(queuesOf.has(`${e.namespace}/${e.service}/${queue}`), `${e.name}: ${s.metric}${JSON.stringify(s.matchers)} reads a queue ${e.namespace}/${e.service} does not scale on`);
        continue;
      }
      // A job's series are its CronJob's or its Job's: by cronjob, owner, or a Job name of the workload's.
      const jobName = s.matchers.job_name?.replace(/^=~/, '').replace(/-(\[0-9\]\+|[0-9a-f]{10})$/, '');
      const owner = s.matchers.service ?? s.matchers.container ?? s.matchers.deployment ?? s.matchers.name
        ?? s.matchers.cronjob ?? s.matchers.owner_name ?? jobName;
      record(s.matchers.namespace === e.namespace && owner === e.service,
        `${e.name}: ${s.metric}${JSON.stringify(s.matchers)} is not scoped to ${e.namespace}/${e.service}`);
    }
    // The checker of the normal suite reads what Prometheus reads.
    let hand: ReturnType<typeof parsePromql> | string;
    try {
      hand = parsePromql(e.expr);
    } catch (err) {
      hand = String(err);
    }
    const canonical = (selectors: unknown) => typeof selectors === 'string' ? selectors
      : JSON.stringify((selectors as Parsed['selectors']).map((x) => [x.metric, Object.entries(x.matchers).sort()]));
    record(canonical(hand) === canonical(p.selectors), `${e.name}: test/support/promql.ts reads ${JSON.stringify(hand)}, Prometheus ${JSON.stringify(p.selectors)}`);
  }

  // 3. Unit tests: every alert family, each distinct alerting rule once; each canary template.
  const tests: Array<{ test: UnitTest; source: string }> = [];
  const seen = new Set<string>();
  const families = new Set<string>();
  let alertRules = 0;
  for (const r of rules) {
    const { namespace, name } = r.object.metadata;
    for (const group of r.object.spec.groups) {
      const recordings = group.rules.filter((x: PromRule) => x.record);
      group.rules.filter((x: PromRule) => x.alert).forEach((alert: PromRule, i: number) => {
        alertRules++;
        families.add(alert.alert!);
        // Rules that differ only in their service's names test the same thing.
        const signature = JSON.stringify([alert, recordings]).split(namespace).join('<ns>').split(name).join('<svc>');
        if (seen.has(signature)) return;
        seen.add(signature);
        try {
          tests.push({ test: alertTest(`${tests.length}-${alert.alert}`, group.name, alert, recordings, parse), source: `${r.source} ${group.name}[${i}] ${alert.alert}` });
        } catch (err) {
          record(false, `${r.source} ${alert.alert}: ${String(err)}`);
        }
      });
    }
  }
  for (const family of Object.keys(FAMILIES)) record(families.has(family), `no emitted rule has the alert ${family}`);
  for (const t of templates) {
    const metric = (n: string) => t.object.spec.metrics.find((m: any) => m.name === n)?.provider.prometheus.query;
    tests.push({ test: analysisTest(`${tests.length}-analysis`, { errorRate: metric('error-rate'), latency: metric('latency-p99') }, 'rollouts_pod_template_hash', parse), source: `${t.source} queries` });
  }
  const testsDir = join(work, 'tests');
  mkdirSync(testsDir, { recursive: true });
  const testFiles = tests.map(({ test }) => {
    const rulesFile = join(testsDir, `${test.name}.rules.yaml`);
    const testFile = join(testsDir, `${test.name}.test.yaml`);
    writeFileSync(rulesFile, YAML.stringify(test.rules));
    writeFileSync(testFile, YAML.stringify({ rule_files: [rulesFile], ...test.tests }));
    return testFile;
  });
  const started = Date.now();
  const tested = run(promtool, ['test', 'rules', ...testFiles]);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  tests.forEach(({ source }, i) => {
    const section = sectionOf(tested.out, 'Processing test file: ', testFiles[i]);
    record(/SUCCESS/.test(section) && !/FAILED/.test(section), `promtool test rules ${source} (${testFiles[i]}):\n${section.slice(0, 3000) || tested.out.slice(0, 3000)}`);
  });
  record(tested.status === 0 || problems.length > 0, `promtool test rules exited ${tested.status}`);

  console.log(`promtool: ${version}; ${rules.length} PrometheusRules checked, ${expressions.length} expressions parsed (${distinct.length} distinct), `
    + `${alertRules} alerting rules of ${families.size} families unit-tested as ${tests.length - templates.length} distinct rules, ${templates.length} AnalysisTemplates evaluated (${seconds}s of promtool test)`);
  for (const p of problems.slice(0, 40)) console.log(`  FAIL ${p}`);
  if (problems.length > 40) console.log(`  ... and ${problems.length - 40} more`);
  console.log(`${passed} passed, ${problems.length} failed`);
  process.exitCode = problems.length === 0 ? 0 : 1;
}

main();
