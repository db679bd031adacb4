import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Yaml } from 'cdk8s';
import { buildFullByHand } from './full-by-hand';
import { buildByHand, buildWithPaved } from './workloads';

// One measurement in a fresh process, so peak memory belongs to one variant alone.
// Usage: variant <paved|paved-unchecked|paved-observed|paved-canary|cdk8s-plus|cdk8s-plus-observed|cdk8s-plus-canary|yaml> <services> [objects.json]
// Prints one JSON line: { ms, cpuMs, maxRssMb }. cpuMs (user and system time of the process, its
// garbage collector's threads included) says what the run cost when other processes share the CPU.

const [variant, servicesArg, objectsFile] = process.argv.slice(2);
const services = Number(servicesArg);
const outdir = mkdtempSync(join(tmpdir(), 'paved-bench-'));

function measure(run: () => void): void {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  run();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  rmSync(outdir, { recursive: true, force: true });
  process.stdout.write(`${JSON.stringify({ ms, cpuMs, maxRssMb })}\n`);
}

switch (variant) {
  case 'paved':
  case 'paved-unchecked':
  case 'paved-observed':
  case 'paved-canary': {
    // The compiled package, loaded before the clock starts, as `cdk8s synth` would.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const paved = require('../../lib');
    measure(() => {
      const app = buildWithPaved(paved, services, new App({ outdir }), {
        unchecked: variant === 'paved-unchecked', observed: variant === 'paved-observed', canary: variant === 'paved-canary',
      });
      app.synth();
    });
    break;
  }
  case 'cdk8s-plus':
    measure(() => {
      const app = buildByHand(services, new App({ outdir }));
      app.synth();
    });
    break;
  case 'cdk8s-plus-observed':
  case 'cdk8s-plus-canary':
    // The full golden path's objects, written by hand (see full-by-hand.ts).
    measure(() => {
      const app = buildFullByHand(services, new App({ outdir }), { canary: variant === 'cdk8s-plus-canary' });
      app.synth();
    });
    break;
  case 'yaml': {
    // The floor: the same objects, already rendered, only serialized and written.
    const objects = JSON.parse(readFileSync(objectsFile, 'utf-8')) as any[][];
    measure(() => {
      objects.forEach((chart, i) => Yaml.save(join(outdir, `chart-${i}.k8s.yaml`), chart));
    });
    break;
  }
  case 'render':
  case 'render-canary': {
    // Not measured: renders the hand-written objects once for the yaml floor, the reduced set
    // or the full golden path with canaries.
    const app = variant === 'render' ? buildByHand(services, new App({ outdir })) : buildFullByHand(services, new App({ outdir }), { canary: true });
    const charts = app.charts.map((c) => c.toJson());
    writeFileSync(objectsFile, JSON.stringify(charts));
    process.stdout.write(`${JSON.stringify({ objects: charts.reduce((n, c) => n + c.length, 0) })}\n`);
    break;
  }
  default:
    throw new Error(`unknown variant ${variant}`);
}
