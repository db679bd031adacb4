import { execFileSync } from 'child_process';
import { existsSync, mkdtempSync, rmSync } from 'fs';
import { cpus, loadavg, tmpdir, totalmem } from 'os';
import { join } from 'path';
import { measureStartup } from './startup';

// `npm run bench`: synth time and peak memory of Paved (every policy pack on) against the same
// workload written by hand with cdk8s-plus, and against the floor of serializing the rendered
// objects, for 10, 100 and 1,000 services in three environments; and the same for the full golden
// path (observability on every service, and every service on a canary) against the same objects
// written by hand. Each measurement runs in its own process; the table reports medians.
// BENCH_SIZES=10,100 narrows a quick run; BENCH_REPEATS=3 sets the runs of each size;
// BENCH_ONLY=canary,plusCanary,yamlCanary measures only the variants named (keys of VARIANTS).

const ROOT = join(__dirname, '..', '..');
const SIZES = (process.env.BENCH_SIZES ?? '10,100,1000').split(',').map(Number);
const REPEATS = (n: number) => (process.env.BENCH_REPEATS ? Number(process.env.BENCH_REPEATS) : n >= 1000 ? 3 : 5);

interface Sample { readonly ms: number; readonly cpuMs: number; readonly maxRssMb: number }
/** A variant's runs at one size: the median of each figure, and the spread of times (max / min). */
interface Measurement extends Sample { readonly spread: number; readonly runsMs: number[] }

function node(args: string[]): string {
  return execFileSync(process.execPath, args, {
    cwd: ROOT,
    encoding: 'utf-8',
    env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'test', 'tsconfig.json'), TS_NODE_TRANSPILE_ONLY: 'true' },
    maxBuffer: 64 * 1024 * 1024,
  });
}

function run(variant: string, services: number, extra: string[] = []): Sample {
  // No forced collection before the clock: a full GC there reset V8's heap sizing and raised the
  // reduced variant's peak from 0.5 to 0.87 GB, which is not what a synth does.
  const out = node(['--max-old-space-size=4096', '-r', 'ts-node/register', join(__dirname, 'variant.ts'), variant, String(services), ...extra]);
  return JSON.parse(out.trim().split('\n').pop()!);
}

function median(samples: Sample[]): Measurement {
  const by = (k: keyof Sample) => [...samples].sort((a, b) => a[k] - b[k])[Math.floor(samples.length / 2)][k];
  const times = samples.map((s) => s.ms);
  return { ms: by('ms'), cpuMs: by('cpuMs'), maxRssMb: by('maxRssMb'), spread: Math.max(...times) / Math.min(...times), runsMs: times };
}

function requireCost(): { ms: number; pulumi: boolean } {
  const script = "const t=process.hrtime.bigint();require('./lib');const ms=Number(process.hrtime.bigint()-t)/1e6;"
    + "console.log(JSON.stringify({ms,pulumi:Object.keys(require.cache).some(p=>p.includes('@pulumi'))}))";
  const samples = [1, 2, 3, 4, 5].map(() => JSON.parse(node(['-e', script])));
  return { ms: samples.map((s) => s.ms).sort((a, b) => a - b)[2], pulumi: samples.some((s) => s.pulumi) };
}

/** What each column measures, and the variant process that measures it (see variant.ts). */
const VARIANTS = {
  paved: 'paved',
  unchecked: 'paved-unchecked',
  plus: 'cdk8s-plus',
  yaml: 'yaml',
  observed: 'paved-observed',
  plusObserved: 'cdk8s-plus-observed',
  canary: 'paved-canary',
  plusCanary: 'cdk8s-plus-canary',
  yamlCanary: 'yaml',
} as const;
type Measured = keyof typeof VARIANTS;
const MEASURED = (Object.keys(VARIANTS) as Measured[]).filter((m) => !process.env.BENCH_ONLY || process.env.BENCH_ONLY.split(',').includes(m));
type Row = { services: number; objects: number; fullObjects: number } & { [m in Measured]?: Measurement };

function main(): void {
  if (!existsSync(join(ROOT, 'lib', 'index.js'))) throw new Error('lib/ is missing: run `npm run compile` first (npm run bench does)');
  const work = mkdtempSync(join(tmpdir(), 'paved-bench-objects-'));
  const rows: Row[] = [];
  try {
    for (const services of SIZES) {
      const render = (what: string) => {
        const file = join(work, `${what}-${services}.json`);
        return { file, ...JSON.parse(node(['-r', 'ts-node/register', join(__dirname, 'variant.ts'), what, String(services), file])) as { objects: number } };
      };
      const reduced = render('render');
      const full = render('render-canary');
      const samples = new Map<Measured, Sample[]>(MEASURED.map((m) => [m, []]));
      // One round first, not counted: the first process of each variant finds the disk caches
      // cold (the packages it loads, the files it writes), and would widen the spread alone.
      const objectsFor = (m: Measured) => (m === 'yaml' ? [reduced.file] : m === 'yamlCanary' ? [full.file] : []);
      for (const m of MEASURED) run(VARIANTS[m], services, objectsFor(m));
      for (let i = 0; i < REPEATS(services); i++) {
        // Interleaved, so drift in machine load affects every variant alike.
        for (const m of MEASURED) {
          samples.get(m)!.push(run(VARIANTS[m], services, objectsFor(m)));
        }
      }
      const medians = Object.fromEntries(MEASURED.map((m) => [m, median(samples.get(m)!)]));
      rows.push({ services, objects: reduced.objects, fullObjects: full.objects, ...medians } as Row);
      process.stderr.write(`measured ${services} services\n`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }

  const load = requireCost();
  const startup = measureStartup();
  const num = (n: number | undefined, d = 0, width = 8) => (n === undefined || Number.isNaN(n) ? '-' : n.toFixed(d)).padStart(width);
  // Two medians of noisy runs: a difference below zero says only that the packs cost less than the noise.
  const policyMs = (paved: Measurement | undefined, unchecked: Measurement | undefined) =>
    (paved && unchecked && paved.ms < unchecked.ms ? 'in noise'.padStart(8) : num(paved && unchecked ? paved.ms - unchecked.ms : undefined));
  const ratio = (a: Measurement | undefined, b: Measurement | undefined, k: 'ms' | 'cpuMs' = 'ms') => (a && b ? a[k] / b[k] : undefined);
  console.log(`\nmachine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node.js ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  // Reduced: "paved", the same objects as the hand-written app, every rule pack on. "policy ms":
  // what the packs add (Paved with them against Paved with none).
  console.log('\nreduced objects');
  console.log('services x3 envs | objects |  paved ms | policy ms |  plus ms |  yaml ms | paved/plus | paved/yaml | paved MB |  plus MB');
  for (const r of rows) {
    console.log([
      num(r.services, 0, 16), num(r.objects, 0, 7), ` ${num(r.paved?.ms)} `, ` ${policyMs(r.paved, r.unchecked)} `,
      num(r.plus?.ms), num(r.yaml?.ms), ` ${num(ratio(r.paved, r.plus), 2)}  `, ` ${num(ratio(r.paved, r.yaml), 2)}  `,
      num(r.paved?.maxRssMb), num(r.plus?.maxRssMb),
    ].join(' | '));
  }
  // Full: observability on every service (ServiceMonitor, PrometheusRule, dashboard), then every
  // service on a canary as well (a Rollout, two Services and an AnalysisTemplate from staging up),
  // against the same objects written by hand (full-by-hand.ts) and the YAML floor of the canary
  // objects. "cpu" is the process's CPU time: on a shared machine, the figure the load disturbs least.
  console.log('\nfull golden path');
  console.log([
    'services x3 envs | objects |   obs ms | plus-obs ms | obs/plus | canary ms | plus-canary ms | yaml ms | canary/plus | canary/yaml',
    'canary/plus cpu | canary/yaml cpu | spread | obs MB | canary MB | plus-canary MB',
  ].join(' | '));
  for (const r of rows) {
    console.log([
      num(r.services, 0, 16), num(r.fullObjects, 0, 7), num(r.observed?.ms), num(r.plusObserved?.ms, 0, 11),
      num(ratio(r.observed, r.plusObserved), 2), num(r.canary?.ms, 0, 9), num(r.plusCanary?.ms, 0, 14), num(r.yamlCanary?.ms, 0, 7),
      num(ratio(r.canary, r.plusCanary), 2, 11), num(ratio(r.canary, r.yamlCanary), 2, 11),
      num(ratio(r.canary, r.plusCanary, 'cpuMs'), 2, 15), num(ratio(r.canary, r.yamlCanary, 'cpuMs'), 2, 15), num(r.canary?.spread, 2, 6),
      num(r.observed?.maxRssMb, 0, 6), num(r.canary?.maxRssMb, 0, 9), num(r.plusCanary?.maxRssMb, 0, 14),
    ].join(' | '));
  }

  const at = (n: number) => rows.find((r) => r.services === n);
  const checks: Array<[string, boolean | undefined, string]> = [];
  const info: string[] = [];
  const big = at(1000);
  const mid = at(100);
  const x = (n: number | undefined) => (n === undefined ? 'not measured' : `${n.toFixed(2)}x`);
  if (big) {
    const vsHand = ratio(big.canary, big.plusCanary);
    const vsYaml = ratio(big.canary, big.yamlCanary);
    checks.push(['full golden path with canaries <= 1.3x the same objects by hand at 1,000 services', vsHand === undefined ? undefined : vsHand <= 1.3,
      `${x(vsHand)} (CPU time ${x(ratio(big.canary, big.plusCanary, 'cpuMs'))})`]);
    checks.push(['full golden path with canaries <= 2x the YAML floor of its objects at 1,000 services', vsYaml === undefined ? undefined : vsYaml <= 2,
      `${x(vsYaml)} (CPU time ${x(ratio(big.canary, big.yamlCanary, 'cpuMs'))})`]);
    checks.push(['full golden path with canaries, 1,000 services x 3 environments within 1 GB', big.canary && big.canary.maxRssMb <= 1024,
      big.canary ? `${big.canary.maxRssMb.toFixed(0)} MB peak RSS` : 'not measured']);
    checks.push(['full golden path with canaries, spread of the runs at 1,000 services <= 1.15', big.canary && big.canary.spread <= 1.15,
      big.canary ? `${big.canary.spread.toFixed(2)} (max / min of ${REPEATS(1000)} runs: ${big.canary.runsMs.map((ms) => (ms / 1000).toFixed(2)).join(', ')} s)` : 'not measured']);
    checks.push(['reduced objects: Paved <= 1.5x hand-written cdk8s-plus at 1,000 services', big.paved && big.plus && big.paved.ms / big.plus.ms <= 1.5, x(ratio(big.paved, big.plus))]);
  }
  if (big && mid) {
    const linear = ratio(big.canary, mid.canary);
    checks.push(['linear: full golden path with canaries, 1,000 services <= 10.5x the time of 100', linear === undefined ? undefined : linear <= 10.5,
      `${x(linear)} (CPU time ${x(ratio(big.canary, mid.canary, 'cpuMs'))})`]);
    // Not targets: how the same objects by hand and their bare serialization grow, so a missed
    // "linear" can be told apart from a cost the YAML writing itself has at this size.
    info.push(`the same objects by hand, 1,000 services: ${x(ratio(big.plusCanary, mid.plusCanary))} the time of 100 (CPU time ${x(ratio(big.plusCanary, mid.plusCanary, 'cpuMs'))})`);
    info.push(`the YAML floor, 1,000 services: ${x(ratio(big.yamlCanary, mid.yamlCanary))} the time of 100 (CPU time ${x(ratio(big.yamlCanary, mid.yamlCanary, 'cpuMs'))})`);
    // The machine's own noise: the spread of the same objects by hand and of the bare YAML writing.
    info.push(`spread of the runs at 1,000 services, the same objects by hand: ${big.plusCanary?.spread.toFixed(2) ?? '-'}; the YAML floor: ${big.yamlCanary?.spread.toFixed(2) ?? '-'}`);
    const reduced = ratio(big.paved, mid.paved);
    checks.push(['linear: reduced objects, 1,000 services <= 11x the time of 100', reduced === undefined ? undefined : reduced <= 11, x(reduced)]);
  }
  const seconds = (s: { ms: number; cpuMs?: number }) => `${(s.ms / 1000).toFixed(2)} s${s.cpuMs === undefined ? '' : ` (CPU time ${(s.cpuMs / 1000).toFixed(2)} s)`}`;
  checks.push([`start-up of a team repo: \`npm run synth\` of paved init's repo (the cdk8s CLI and the app), whole process, on Node.js ${process.version} <= 1.0 s`,
    startup.teamRepo && startup.teamRepo.ms <= 1000, startup.teamRepo ? `${seconds(startup.teamRepo)}, every synth after the first` : startup.skipped!]);
  if (startup.teamRepoFirst) info.push(`start-up of the team repo, its first synth (no compile cache yet): ${seconds(startup.teamRepoFirst)}`);
  info.push(`start-up of examples/basic (ts-node's transpile-only hook): ${seconds(startup.basic)}`);
  info.push(`the cdk8s CLI alone (cdk8s --version), part of every synth: ${seconds(startup.cli)}`);
  checks.push(["require('paved') under 500 ms", load.ms < 500, `${load.ms.toFixed(0)} ms`]);
  checks.push(["require('paved') loads no Pulumi module", !load.pulumi, load.pulumi ? 'a @pulumi module was loaded' : 'none loaded']);
  console.log('');
  for (const [what, ok, figure] of checks) console.log(`${ok === undefined ? 'n/a    ' : ok ? 'met    ' : 'MISSED '} ${what}: ${figure}`);
  for (const line of info) console.log(`info    ${line}`);
}

main();
