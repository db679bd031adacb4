import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Yaml } from 'cdk8s';
import { buildByHand, buildWithPaved } from './workloads';

// One measurement in a fresh process, so peak memory belongs to one variant alone.
// Usage: variant <paved|paved-unchecked|paved-observed|paved-canary|cdk8s-plus|yaml> <services> [objects.json]
// Prints one JSON line: { ms, maxRssMb }.

const [variant, servicesArg, objectsFile] = process.argv.slice(2);
const services = Number(servicesArg);
const outdir = mkdtempSync(join(tmpdir(), 'paved-bench-'));

function measure(run: () => void): void {
  const start = process.hrtime.bigint();
  run();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  rmSync(outdir, { recursive: true, force: true });
  process.stdout.write(`${JSON.stringify({ ms, maxRssMb })}\n`);
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
  case 'yaml': {
    // The floor: the same objects, already rendered, only serialized and written.
    const objects = JSON.parse(readFileSync(objectsFile, 'utf-8')) as any[][];
    measure(() => {
      objects.forEach((chart, i) => Yaml.save(join(outdir, `chart-${i}.k8s.yaml`), chart));
    });
    break;
  }
  case 'render': {
    // Not measured: renders the hand-written objects once for the yaml floor.
    const app = buildByHand(services, new App({ outdir }));
    const charts = app.charts.map((c) => c.toJson());
    writeFileSync(objectsFile, JSON.stringify(charts));
    process.stdout.write(`${JSON.stringify({ objects: charts.reduce((n, c) => n + c.length, 0) })}\n`);
    break;
  }
  default:
    throw new Error(`unknown variant ${variant}`);
}
