import { execFileSync } from 'child_process';
import { existsSync, mkdtempSync, rmSync } from 'fs';
import { cpus, tmpdir, totalmem } from 'os';
import { join } from 'path';

// `npm run bench`: synth time and peak memory of Paved (every policy pack on) against the same
// workload written by hand with cdk8s-plus, and against the floor of serializing the rendered
// objects, for 10, 100 and 1,000 services in three environments. Each measurement runs in its
// own process; the table reports medians. BENCH_SIZES=10,100 narrows a quick run.

const ROOT = join(__dirname, '..', '..');
const SIZES = (process.env.BENCH_SIZES ?? '10,100,1000').split(',').map(Number);
const REPEATS = (n: number) => (n >= 1000 ? 3 : 5);

interface Sample { readonly ms: number; readonly maxRssMb: number }

function node(args: string[]): string {
  return execFileSync(process.execPath, args, {
    cwd: ROOT,
    encoding: 'utf-8',
    env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'test', 'tsconfig.json'), TS_NODE_TRANSPILE_ONLY: 'true' },
    maxBuffer: 64 * 1024 * 1024,
  });
}

function run(variant: string, services: number, extra: string[] = []): Sample {
  const out = node(['--max-old-space-size=4096', '-r', 'ts-node/register', join(__dirname, 'variant.ts'), variant, String(services), ...extra]);
  return JSON.parse(out.trim().split('\n').pop()!);
}

function median(samples: Sample[]): Sample {
  const by = (k: keyof Sample) => [...samples].sort((a, b) => a[k] - b[k])[Math.floor(samples.length / 2)][k];
  return { ms: by('ms'), maxRssMb: by('maxRssMb') };
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
  observed: 'paved-observed',
  canary: 'paved-canary',
  plus: 'cdk8s-plus',
  yaml: 'yaml',
} as const;
type Measured = keyof typeof VARIANTS;
const MEASURED = Object.keys(VARIANTS) as Measured[];
type Row = { services: number; objects: number } & { [m in Measured]: Sample };

function main(): void {
  if (!existsSync(join(ROOT, 'lib', 'index.js'))) throw new Error('lib/ is missing: run `npm run compile` first (npm run bench does)');
  const work = mkdtempSync(join(tmpdir(), 'paved-bench-objects-'));
  const rows: Row[] = [];
  try {
    for (const services of SIZES) {
      const objectsFile = join(work, `objects-${services}.json`);
      const { objects } = JSON.parse(node(['-r', 'ts-node/register', join(__dirname, 'variant.ts'), 'render', String(services), objectsFile]));
      const samples = new Map<Measured, Sample[]>(MEASURED.map((m) => [m, []]));
      for (let i = 0; i < REPEATS(services); i++) {
        // Interleaved, so drift in machine load affects every variant alike.
        for (const m of MEASURED) samples.get(m)!.push(run(VARIANTS[m], services, m === 'yaml' ? [objectsFile] : []));
      }
      rows.push({ services, objects, ...Object.fromEntries(MEASURED.map((m) => [m, median(samples.get(m)!)])) } as Row);
      process.stderr.write(`measured ${services} services\n`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }

  const load = requireCost();
  const fmt = (n: number, d = 0) => n.toFixed(d).padStart(8);
  console.log(`\nmachine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node.js ${process.version}`);
  // "paved": the same objects as the hand-written app, every rule pack on. "policy ms": what the
  // packs add (Paved with them against Paved with none). "+obs ms": the full golden path, with a
  // ServiceMonitor, PrometheusRule and dashboard per service that the hand-written app lacks.
  // "canary ms": that full golden path with every service on a canary rollout (Rollout, two
  // Services and an AnalysisTemplate in staging and production); "canary/obs" is what it adds.
  console.log([
    'services x3 envs | objects |  paved ms | policy ms | +obs ms | canary ms | canary/obs | plus ms |  yaml ms',
    'paved/plus | paved/yaml | paved MB | +obs MB | canary MB | plus MB',
  ].join(' | '));
  for (const r of rows) {
    console.log([
      String(r.services).padStart(16), String(r.objects).padStart(7), `${fmt(r.paved.ms)} `, `${fmt(r.paved.ms - r.unchecked.ms)} `,
      fmt(r.observed.ms), `${fmt(r.canary.ms)} `, `${fmt(r.canary.ms / r.observed.ms, 2)}  `, fmt(r.plus.ms), fmt(r.yaml.ms),
      `${fmt(r.paved.ms / r.plus.ms, 2)}  `, `${fmt(r.paved.ms / r.yaml.ms, 2)}  `,
      fmt(r.paved.maxRssMb), fmt(r.observed.maxRssMb), `${fmt(r.canary.maxRssMb)} `, fmt(r.plus.maxRssMb),
    ].join(' | '));
  }

  const at = (n: number) => rows.find((r) => r.services === n);
  const checks: Array<[string, boolean | undefined, string]> = [];
  const big = at(1000);
  const mid = at(100);
  if (big) {
    checks.push(['Paved <= 1.5x hand-written cdk8s-plus at 1,000 services', big.paved.ms / big.plus.ms <= 1.5, `${(big.paved.ms / big.plus.ms).toFixed(2)}x`]);
    checks.push(['1,000 services x 3 environments within 2 GB (full golden path)', big.observed.maxRssMb <= 2048, `${big.observed.maxRssMb.toFixed(0)} MB peak RSS`]);
    checks.push(['1,000 canary services x 3 environments within 2 GB', big.canary.maxRssMb <= 2048, `${big.canary.maxRssMb.toFixed(0)} MB peak RSS`]);
  }
  if (big && mid) checks.push(['linear: 1,000 services <= 11x the time of 100', big.paved.ms / mid.paved.ms <= 11, `${(big.paved.ms / mid.paved.ms).toFixed(2)}x`]);
  checks.push(["require('paved') under 500 ms", load.ms < 500, `${load.ms.toFixed(0)} ms`]);
  checks.push(["require('paved') loads no Pulumi module", !load.pulumi, load.pulumi ? 'a @pulumi module was loaded' : 'none loaded']);
  console.log('');
  for (const [what, ok, figure] of checks) console.log(`${ok ? 'met    ' : 'MISSED '} ${what}: ${figure}`);
}

main();
