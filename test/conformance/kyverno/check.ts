// Kyverno, for real: the ClusterPolicies Paved exports, run by the Kyverno CLI (`kyverno apply`)
// over every example's synthesized output, the app that uses every construct, and the twins (a
// failing and a passing manifest per exported rule, on a restricted and a baseline platform), with the objects the cluster's
// controllers make from each workload. For every object Kyverno evaluates and every exported rule,
// Kyverno's verdict must be Paved's: the synth's own findings for what Paved wrote, and for a
// ReplicaSet, Job or Pod a controller made, the verdict on the object it was made from.
//
// Usage: ts-node check.ts <kyverno binary> <work dir> <kyverno version>
// The synth stages the composition root registers, as in a team's app and in jest (setupFiles).
import '../../support/synth-stages';
import { spawnSync } from 'child_process';
import { writeFileSync } from 'fs';
import { join } from 'path';
import { ApiObject, App, Testing, Yaml } from 'cdk8s';
import { derivedFrom } from './controllers';
import { jobTwins, seedJobTwin, Twin, twins } from './twins';
import { Environment } from '../../../src/environment/environment';
import { Platform } from '../../../src/platform/platform';
import { Tier } from '../../../src/platform/tier';
import { AUTOGEN_CONTROLLERS_ANNOTATION, KYVERNO_POD_CONTROLLERS } from '../../../src/policy/kyverno/autogen';
import { KyvernoPolicies } from '../../../src/policy/kyverno/kyverno-policies';
import { PolicyTesting } from '../../../src/policy/policy-testing';
import { IRule, RuleContext } from '../../../src/policy/rule';
import { RulePacks } from '../../../src/policy/rule-packs';
import { testPlatform } from '../../support/fixtures';
import { exampleApps } from '../../support/golden-path';
import { buildEveryConstruct } from '../apiserver/every-construct';

const RULES = new Map<string, IRule>([...RulePacks.all(), RulePacks.POD_SECURITY_BASELINE].flatMap((p) => p.rules).map((r) => [r.id, r]));

/** One run of `kyverno apply`: the policies of one platform over the objects of one or more apps. */
interface Group {
  readonly name: string;
  readonly policies: any[];
  readonly apps: Array<{ name: string; app: App }>;
}

/** An object Kyverno is given, and what Paved says of it. */
interface Item {
  readonly app: string;
  readonly object: any;
  /** For an object a controller made: the object Paved wrote. */
  readonly source?: any;
  /** The rules Paved's synth finds (open findings) in the object, or in its source. */
  readonly pavedFindings: Set<string>;
  readonly context: RuleContext;
}

/** One result of Kyverno's policy report. */
interface Result {
  policy: string;
  rule: string;
  result: string;
  message?: string;
  /** The objects the result is about (`subjects` in newer report formats). */
  resources?: Array<{ kind: string; namespace?: string; name: string }>;
  subjects?: Array<{ kind: string; namespace?: string; name: string }>;
}

const subjectsOf = (r: Result) => r.resources ?? r.subjects ?? [];

const keyOf = (o: { kind: string; namespace?: string; name: string }) => `${o.kind}/${o.namespace ?? ''}/${o.name}`;
const objectKey = (object: any) => keyOf({ kind: object.kind, namespace: object.metadata?.namespace, name: object.metadata?.name });

function exportedPolicies(platform: Platform): any[] {
  return Testing.synth(new KyvernoPolicies(Testing.app(), 'admission', { platform, tier: Tier.PRODUCTION }));
}

/** The one platform of an app's environments. */
function platformOf(app: App): Platform {
  const platforms = new Set(app.charts.filter(Environment.isEnvironment).map((e) => (e as Environment).platform));
  if (platforms.size !== 1) throw new Error(`expected one platform in the app, found ${platforms.size}`);
  return [...platforms][0];
}

/** Every object of the app, with its chart; the open findings of Paved's synth, by object. */
function itemsOf(name: string, app: App): Item[] {
  const findings = new Map<string, Set<string>>();
  for (const f of PolicyTesting.findings(app)) {
    if (f.acknowledgement) continue;
    const key = keyOf(f);
    findings.set(key, (findings.get(key) ?? new Set()).add(f.ruleId));
  }
  const items: Item[] = [];
  for (const chart of app.charts) {
    const objects = chart.node.findAll().filter(ApiObject.isApiObject).map((o) => o.toJson()).filter((o) => o.kind !== 'ClusterPolicy');
    const env = Environment.isEnvironment(chart) ? chart as Environment : undefined;
    const context: RuleContext = {
      tier: env?.tier ?? Tier.PRODUCTION,
      allowedRegistries: env ? [...env.platform.registries] : [],
      chartObjects: objects,
    };
    for (const object of objects) {
      const pavedFindings = findings.get(objectKey(object)) ?? new Set<string>();
      items.push({ app: name, object, pavedFindings, context });
      for (const derived of derivedFrom(object)) {
        if (!env) throw new Error(`${name}: ${objectKey(object)} runs pods outside an Environment`);
        items.push({ app: name, object: derived.object, source: object, pavedFindings, context });
      }
    }
  }
  return items;
}

/** Runs `kyverno apply` with the group's policies over its objects; every result it reports. */
function kyvernoApply(kyverno: string, work: string, group: Group, objects: any[]): Result[] {
  const policies = join(work, `${group.name}-policies.yaml`);
  const resources = join(work, `${group.name}-resources.yaml`);
  writeFileSync(policies, Yaml.stringify(...group.policies));
  writeFileSync(resources, Yaml.stringify(...objects));
  const run = spawnSync(kyverno, ['apply', policies, '--resource', resources, '--policy-report', '--output-format', 'json', '--remove-color'], {
    encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  const out = run.stdout ?? '';
  if (/Policies Skipped:|Invalid Policies:/.test(out) || (run.status !== 0 && run.status !== 1)) {
    throw new Error(`kyverno apply (${group.name}) exited ${run.status}:\n${out}\n${run.stderr}`);
  }
  const reports = out.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
  if (reports.length === 0) throw new Error(`kyverno apply (${group.name}) wrote no policy report:\n${out}\n${run.stderr}`);
  return reports.flatMap((r) => (r.results ?? []) as Result[]);
}

/** The kinds a policy's rules reach after Kyverno's auto-generation. */
function kyvernoKinds(policy: any): string[] {
  const annotation = policy.metadata.annotations?.[AUTOGEN_CONTROLLERS_ANNOTATION];
  const controllers = annotation === undefined ? KYVERNO_POD_CONTROLLERS : annotation.split(',').filter((k: string) => k !== 'none');
  return ['Pod', ...controllers];
}

/** A platform holding its pods to Pod Security baseline rather than restricted: the baseline rules restricted replaces are exported then. */
function baselinePlatform(): Platform {
  const packs = RulePacks.all().filter((p) => p !== RulePacks.POD_SECURITY_RESTRICTED);
  return testPlatform({ name: 'acme-baseline', policy: { packs: [RulePacks.POD_SECURITY_BASELINE, ...packs] } });
}

/** The twins of each platform's exported rules (each with the name its app has in the run), and their policies. */
function twinGroups(): Array<{ group: Group; twins: Array<{ twin: Twin; app: string }> }> {
  return ([['twins', testPlatform()], ['baseline-twins', baselinePlatform()]] as Array<[string, Platform]>).map(([name, platform], n) => {
    const policies = exportedPolicies(platform);
    const list = twins(platform, new Set(policies.map((p) => p.metadata.annotations['paved.dev/rule-id'])), n === 0 ? 'twin' : 'base');
    if (n === 0) list.push(seedJobTwin(), ...jobTwins(platform, new Set(policies.map((p) => p.metadata.annotations['paved.dev/rule-id']))));
    const named = list.map((twin, i) => ({ twin, app: `${name} ${i + 1}: ${twin.ruleId} ${twin.name}` }));
    return { group: { name, policies, apps: named.map(({ twin, app }) => ({ name: app, app: twin.app })) }, twins: named };
  });
}

function groups(): Group[] {
  const found: Group[] = exampleApps().map(([name, app]) => ({ name: `example-${name}`, policies: exportedPolicies(platformOf(app)), apps: [{ name: `examples/${name}`, app }] }));
  // The app that uses every construct carries its own admission chart: those are its policies.
  const every = buildEveryConstruct(Testing.app());
  const policies = every.charts.flatMap((c) => c.node.findAll().filter(ApiObject.isApiObject).map((o) => o.toJson())).filter((o) => o.kind === 'ClusterPolicy');
  found.push({ name: 'every-construct', policies, apps: [{ name: 'every construct', app: every }] });
  return found;
}

function main(): void {
  const [kyverno, work, version] = process.argv.slice(2);
  if (!kyverno || !work || !version) throw new Error('usage: check.ts <kyverno binary> <work dir> <kyverno version>');
  const disagreements: string[] = [];
  const counts = { policies: 0, rules: 0, objects: 0, derived: 0, results: 0, checks: 0, templateChecks: 0, twins: 0, cleanTwins: 0 };
  const exportedIds = new Set<string>();
  const examplesFailed: string[] = [];
  /** The rules Kyverno denies some object of each app for, by app name. */
  const kyvernoDenied = new Map<string, Set<string>>();

  const pairs = twinGroups();
  const twinList = pairs.flatMap((p) => p.twins);
  const all = [...groups(), ...pairs.map((p) => p.group)];
  for (const group of all) {
    const items = group.apps.flatMap(({ name, app }) => itemsOf(name, app));
    const results = kyvernoApply(kyverno, work, group, items.map((i) => i.object));
    counts.policies += group.policies.length;
    counts.rules += group.policies.reduce((n, p) => n + p.spec.rules.length, 0);
    counts.objects += items.length;
    counts.derived += items.filter((i) => i.source).length;
    counts.results += results.length;

    const byObject = new Map<string, Result[]>();
    for (const r of results) for (const s of subjectsOf(r)) byObject.set(keyOf(s), [...byObject.get(keyOf(s)) ?? [], r]);
    for (const r of results) {
      if (r.result === 'error') disagreements.push(`${group.name}: Kyverno error in ${r.policy}/${r.rule} on ${subjectsOf(r).map(keyOf).join(', ')}: ${r.message}`);
    }

    for (const item of items) {
      const key = objectKey(item.object);
      const seen = byObject.get(key) ?? [];
      const targeted = group.policies.filter((p) => kyvernoKinds(p).includes(item.object.kind));
      if (targeted.length > 0 && seen.length === 0) disagreements.push(`${item.app}: Kyverno reported nothing on ${key}`);
      for (const policy of targeted) {
        const ruleId = policy.metadata.annotations['paved.dev/rule-id'];
        exportedIds.add(ruleId);
        const rule = RULES.get(ruleId);
        if (!rule) throw new Error(`policy ${policy.metadata.name} names no built-in rule`);
        const mine = seen.filter((r) => r.policy === policy.metadata.name);
        const kyvernoDenies = mine.some((r) => r.result === 'fail');
        const pavedDenies = item.pavedFindings.has(ruleId);
        counts.checks++;
        if (kyvernoDenies !== pavedDenies) {
          const how = mine.map((r) => `${r.rule}: ${r.result}${r.message ? ` (${r.message})` : ''}`).join('; ') || 'no result';
          disagreements.push(`${item.app}: ${key}${item.source ? ` (from ${objectKey(item.source)})` : ''} ${ruleId}: Paved ${pavedDenies ? 'denies' : 'admits'}, Kyverno ${kyvernoDenies ? 'denies' : 'admits'} [${how}]`);
        }
        if (kyvernoDenies) kyvernoDenied.set(item.app, (kyvernoDenied.get(item.app) ?? new Set()).add(ruleId));
        if (kyvernoDenies && group.name.startsWith('example-')) examplesFailed.push(`${item.app}: ${key} ${ruleId}`);
        // An object a controller made is judged by Paved's rule as its source is.
        if (item.source) {
          const direct = rule.kinds.includes(item.object.kind) && rule.check(item.object, item.context).length > 0;
          counts.templateChecks++;
          if (direct !== pavedDenies) disagreements.push(`${item.app}: Paved's ${ruleId} ${direct ? 'denies' : 'admits'} ${key} but ${pavedDenies ? 'denies' : 'admits'} its source ${objectKey(item.source)}`);
        }
      }
    }
  }

  // Each twin fails Paved's synth naming its rule, or passes the rule (and, with no finding at all, the whole synth).
  const twinRules = new Map<string, Set<string>>();
  for (const { twin, app } of twinList) {
    counts.twins++;
    const denied = kyvernoDenied.get(app) ?? new Set<string>();
    twinRules.set(twin.ruleId, (twinRules.get(twin.ruleId) ?? new Set()).add(twin.expected));
    const ids = PolicyTesting.ruleIds(twin.app);
    let error: string | undefined;
    try {
      twin.app.synthYaml();
    } catch (e) {
      error = (e as Error).message;
    }
    const label = `twin ${twin.ruleId} "${twin.name}"`;
    if (twin.expected === 'deny') {
      if (!ids.includes(twin.ruleId)) disagreements.push(`${label}: Paved finds [${ids.join(', ')}], not ${twin.ruleId}`);
      if (!error?.includes(`✖ ${twin.ruleId} `)) disagreements.push(`${label}: Paved's synth did not fail on ${twin.ruleId}: ${error ?? 'it passed'}`);
      if (!denied.has(twin.ruleId)) disagreements.push(`${label}: Kyverno does not deny it`);
    } else {
      if (ids.includes(twin.ruleId)) disagreements.push(`${label}: Paved finds ${twin.ruleId}`);
      if (denied.has(twin.ruleId)) disagreements.push(`${label}: Kyverno denies it`);
      if (ids.length === 0) {
        if (error) disagreements.push(`${label}: Paved's synth failed without a finding: ${error}`);
        else counts.cleanTwins++;
      }
    }
  }
  for (const id of exportedIds) {
    const seen = twinRules.get(id);
    if (!seen?.has('deny') || !seen.has('admit')) disagreements.push(`exported rule ${id} lacks a ${seen?.has('deny') ? 'passing' : 'failing'} twin`);
  }

  console.log(`kyverno ${version}: ${all.length} runs of kyverno apply, ${counts.policies} ClusterPolicies (${exportedIds.size} exported rules, ${counts.rules} Kyverno rules before auto-generation)`);
  console.log(`${counts.objects} objects (${counts.derived} made by controllers), ${counts.results} Kyverno results`);
  const denying = twinList.filter((t) => t.twin.expected === 'deny').length;
  console.log(`${counts.twins} twins over ${twinRules.size} rules: ${denying} failing, ${counts.twins - denying} passing (${counts.cleanTwins} of them pass the whole synth)`);
  console.log(`${counts.checks} (object, rule) verdicts compared, ${counts.templateChecks} controller-made objects checked against their source; example objects denied: ${examplesFailed.length}`);
  for (const f of examplesFailed) disagreements.push(`example denied by Kyverno: ${f}`);
  if (disagreements.length > 0) {
    console.error(`${disagreements.length} disagreement(s):\n${disagreements.join('\n')}`);
    process.exit(1);
  }
  console.log('0 disagreements');
}

main();
