// Pod Security, against the upstream evaluator: every pod template Paved emits passes restricted,
// and for generated mutations of the secure template Paved's pss.* rules reach the verdict of
// k8s.io/pod-security-admission, control by control, at the baseline and restricted levels.
//
// Usage: ts-node check.ts <psa binary> <work dir>
// The synth stages the composition root registers, as in a team's app and in jest (setupFiles).
import '../../support/synth-stages';
import { spawnSync } from 'child_process';
import { writeFileSync } from 'fs';
import { join } from 'path';
import { Testing } from 'cdk8s';
import { generateSpecs, GeneratedSpec } from './mutations';
import { emittedTemplates } from './templates';
import { Tier } from '../../../src/platform/tier';
import { POD_SECURITY_BASELINE_RULES, POD_SECURITY_RESTRICTED_RULES } from '../../../src/policy/packs/pod-security';
import { IRule, RuleContext } from '../../../src/policy/rule';
import { fullEnvironment } from '../../support/golden-path';
import { manifestsOf } from '../../support/schema';

/** Which upstream check each Paved rule implements (procMount moved to its own restricted check in v1.35). */
export const UPSTREAM_CHECKS: { [ruleId: string]: string[] } = {
  'pss.baseline.host-process': ['windowsHostProcess'],
  'pss.baseline.host-namespaces': ['hostNamespaces'],
  'pss.baseline.privileged': ['privileged'],
  'pss.baseline.host-ports': ['hostPorts'],
  'pss.baseline.apparmor': ['appArmorProfile'],
  'pss.baseline.selinux': ['seLinuxOptions'],
  'pss.baseline.proc-mount': ['procMount', 'procMount_restricted'],
  'pss.baseline.sysctls': ['sysctls'],
  'pss.baseline.probe-host': ['hostProbesAndHostLifecycle'],
  'pss.baseline.capabilities': ['capabilities_baseline'],
  'pss.baseline.host-path': ['hostPathVolumes'],
  'pss.baseline.seccomp': ['seccompProfile_baseline'],
  'pss.restricted.capabilities': ['capabilities_restricted'],
  'pss.restricted.volume-types': ['restrictedVolumes'],
  'pss.restricted.seccomp': ['seccompProfile_restricted'],
  'pss.restricted.privilege-escalation': ['allowPrivilegeEscalation'],
  'pss.restricted.run-as-non-root': ['runAsNonRoot'],
  'pss.restricted.run-as-user': ['runAsUser'],
};

const LEVELS: Array<[string, IRule[]]> = [['restricted', POD_SECURITY_RESTRICTED_RULES], ['baseline', POD_SECURITY_BASELINE_RULES]];
const COMBINATIONS = 400;
const SEED = 20251;

interface Evaluation { allowed: boolean; checks: { [id: string]: { reason: string; detail?: string } } }
interface Upstream { module: string; checks: string[]; results: Array<{ name: string; evaluations: { [levelVersion: string]: Evaluation } }> }

const CONTEXT: RuleContext = { tier: Tier.PRODUCTION, allowedRegistries: ['registry.acme.dev'], chartObjects: [] };

/** The Pod Security version Environment pins in its namespace labels, as synthesized. */
function pinnedVersion(): string {
  const app = Testing.app();
  const namespace = manifestsOf(fullEnvironment(Tier.PRODUCTION, app)).find((o) => o.kind === 'Namespace');
  const version = namespace?.metadata?.labels?.['pod-security.kubernetes.io/enforce-version'];
  if (typeof version !== 'string') throw new Error('no Namespace with pod-security.kubernetes.io/enforce-version');
  return version;
}

/** The ids of the rules of `rules` that find something in the pod. */
function pavedFindings(rules: IRule[], pod: { metadata: any; spec: any }): Map<string, string[]> {
  const object = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'conformance' }, spec: { template: { metadata: pod.metadata, spec: pod.spec } } };
  const found = new Map<string, string[]>();
  for (const rule of rules) {
    const violations = rule.check(object, CONTEXT);
    if (violations.length > 0) found.set(rule.id, violations.map((v) => `${v.field}: found ${v.found}, expected ${v.expected}`));
  }
  return found;
}

function main(): void {
  const [psa, work] = process.argv.slice(2);
  if (!psa || !work) throw new Error('usage: check.ts <psa binary> <work dir>');
  const pinned = pinnedVersion();
  const versions = [pinned, 'latest'];

  const templates = emittedTemplates();
  const base = templates.find((t) => t.name.includes('fixtures/full-production') && t.kind === 'Deployment');
  if (!base) throw new Error('no production Deployment among the emitted templates');
  const specs: GeneratedSpec[] = generateSpecs({ metadata: base.metadata, spec: base.spec }, COMBINATIONS, SEED);

  const cases = [
    ...templates.map((t) => ({ name: `emitted: ${t.name}`, metadata: t.metadata, spec: t.spec })),
    ...specs.map((s) => ({ name: `generated: ${s.name}`, metadata: s.metadata, spec: s.spec })),
  ];
  const input = join(work, 'pod-security-cases.json');
  writeFileSync(input, JSON.stringify({ versions, levels: LEVELS.map(([l]) => l), cases }));
  const run = spawnSync(psa, [input], { encoding: 'utf-8', maxBuffer: 1024 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`psa failed (${run.status}): ${run.stderr}`);
  const upstream: Upstream = JSON.parse(run.stdout);
  const byName = new Map(upstream.results.map((r) => [r.name, r.evaluations]));

  // Every upstream check is mapped, and every Paved rule maps to checks that exist.
  const mapped = new Set(Object.values(UPSTREAM_CHECKS).flat());
  const problems: string[] = [];
  for (const id of upstream.checks) if (!mapped.has(id)) problems.push(`upstream check ${id} has no Paved rule`);
  for (const [rule, ids] of Object.entries(UPSTREAM_CHECKS)) for (const id of ids) if (!upstream.checks.includes(id)) problems.push(`${rule} maps to unknown upstream check ${id}`);
  for (const rule of new Set([...POD_SECURITY_BASELINE_RULES, ...POD_SECURITY_RESTRICTED_RULES])) if (!UPSTREAM_CHECKS[rule.id]) problems.push(`${rule.id} is not mapped to an upstream check`);

  let passed = 0;
  let failed = 0;
  const record = (ok: boolean, message: string) => {
    if (ok) {passed++;} else {
      failed++;
      problems.push(message);
    }
  };

  // 1. Every emitted template: allowed by restricted at the pinned and the latest version, and by Paved.
  for (const t of templates) {
    const evaluations = byName.get(`emitted: ${t.name}`)!;
    for (const version of versions) {
      const e = evaluations[`restricted/${version}`];
      record(e.allowed, `emitted ${t.name}: upstream restricted/${version} forbids it: ${JSON.stringify(e.checks)}`);
    }
    const paved = pavedFindings(POD_SECURITY_RESTRICTED_RULES, t);
    record(paved.size === 0, `emitted ${t.name}: Paved finds ${JSON.stringify([...paved])}`);
  }

  // 2. Every generated spec: the same verdict overall and for every control, at both levels. Paved
  // holds the pinned version's rule and adopts later tightenings, so a control is forbidden when
  // it is forbidden at the pinned version or at the latest.
  const fired = new Set<string>();
  const pavedFired = new Set<string>();
  let versionsDiffer = 0;
  let forbiddenSpecs = 0;
  for (const spec of specs) {
    const evaluations = byName.get(`generated: ${spec.name}`)!;
    for (const [level, rules] of LEVELS) {
      const atPinned = evaluations[`${level}/${pinned}`];
      const atLatest = evaluations[`${level}/latest`];
      if (atPinned.allowed !== atLatest.allowed) versionsDiffer++;
      const upstreamForbids = new Set([...Object.keys(atPinned.checks), ...Object.keys(atLatest.checks)]);
      upstreamForbids.forEach((id) => fired.add(id));
      const paved = pavedFindings(rules, spec);
      paved.forEach((_v, id) => pavedFired.add(id));
      const upstreamAllowed = atPinned.allowed && atLatest.allowed;
      if (level === 'restricted' && !upstreamAllowed) forbiddenSpecs++;
      record(upstreamAllowed === (paved.size === 0), `${spec.name} @${level}: upstream ${upstreamAllowed ? 'allows' : `forbids (${[...upstreamForbids].join(', ')})`}, Paved ${paved.size === 0 ? 'allows' : `forbids (${[...paved.keys()].join(', ')})`}`);
      for (const rule of rules) {
        const upstreamControl = UPSTREAM_CHECKS[rule.id].filter((id) => upstreamForbids.has(id));
        const pavedControl = paved.get(rule.id);
        const detail = () => upstreamControl.map((id) => `${id} [${pinned}: ${atPinned.checks[id]?.detail ?? 'allowed'}; latest: ${atLatest.checks[id]?.detail ?? 'allowed'}]`).join('; ');
        record((upstreamControl.length > 0) === (pavedControl !== undefined),
          `${spec.name} @${level} ${rule.id}: upstream ${upstreamControl.length > 0 ? `forbids: ${detail()}` : 'allows'}; Paved ${pavedControl ? `forbids: ${pavedControl.join('; ')}` : 'allows'}`);
      }
    }
  }

  // The generator must reach every control, on both sides, or agreement would prove little.
  for (const id of upstream.checks) if (!fired.has(id)) problems.push(`no generated spec is forbidden by upstream check ${id}`);
  for (const id of Object.keys(UPSTREAM_CHECKS)) if (!pavedFired.has(id)) problems.push(`no generated spec is forbidden by Paved rule ${id}`);
  if (specs.length < 200) problems.push(`only ${specs.length} generated specs`);

  console.log(`pod-security: ${upstream.module} at ${versions.join(' and ')}; ${templates.length} emitted templates, ${specs.length} generated specs (${forbiddenSpecs} forbidden by restricted, ${versionsDiffer} level verdicts differing between ${pinned} and latest), ${upstream.checks.length} upstream checks`);
  for (const p of problems.slice(0, 60)) console.log(`  FAIL ${p}`);
  if (problems.length > 60) console.log(`  ... and ${problems.length - 60} more`);
  const structural = problems.length - failed;
  console.log(`${passed} passed, ${failed + structural} failed`);
  process.exitCode = problems.length === 0 ? 0 : 1;
}

main();
