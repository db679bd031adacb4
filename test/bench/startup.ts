import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import { delimiter, dirname, join } from 'path';

// The start-up of a team repo: `cdk8s synth` as a whole process, the cdk8s CLI and the app it
// runs, on the Node running the bench. The repo is the one `paved init` writes (its app runs as
// `node main.ts`, on Node's type stripping), with its packages linked to this build and to this
// repository's cdk8s, cdk8s-plus-28, constructs and cdk8s-cli, as npm install would lay them out.

const ROOT = join(__dirname, '..', '..');
const RUNS = 5;

/** Medians of a command's runs: wall time, and CPU time of the process and all it waited for (Linux). */
export interface Startup { readonly ms: number; readonly cpuMs?: number }

export interface StartupFigures {
  /** The team repo `paved init` writes; undefined when this Node cannot strip types. */
  readonly teamRepo?: Startup;
  /** examples/basic, whose app runs under ts-node's transpile-only hook. */
  readonly basic: Startup;
  /**
   * The team repo again with Node's compile cache on (`NODE_COMPILE_CACHE`, warmed by one run):
   * what a developer who sets it gets, the CLI's compilation included.
   */
  readonly teamRepoCached?: Startup;
  /** The cdk8s CLI alone (`cdk8s --version`): the part of every synth no app can shorten. */
  readonly cli: Startup;
  /** Why the team repo was not measured. */
  readonly skipped?: string;
}

/** User and system time of the waited-for children of this process, from /proc (Linux only). */
function childrenCpuMs(): number | undefined {
  if (!existsSync('/proc/self/stat')) return undefined;
  // Fields after the command name, which is in parentheses and may hold spaces: cutime and cstime are 16 and 17 (1-based).
  const fields = readFileSync('/proc/self/stat', 'utf-8').replace(/^.*\) /, '').split(' ');
  const ticks = Number(fields[13]) + Number(fields[14]);
  // Linux reports these in USER_HZ, 100 a second on every architecture Node runs on.
  return ticks * 10;
}

function time(cwd: string, args: string[], extraEnv: { [name: string]: string } = {}, runs = RUNS): Startup {
  const cli = join(ROOT, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s');
  // The app command must find the same Node as the CLI, and ts-node the example's own tsconfig.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TS_NODE_')));
  Object.assign(env, { PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`, CDK8S_CHECK_UPGRADE: 'false' }, extraEnv);
  const samples: Array<{ ms: number; cpuMs?: number }> = [];
  for (let i = 0; i < runs; i++) {
    const cpu = childrenCpuMs();
    const start = process.hrtime.bigint();
    execFileSync(process.execPath, [cli, ...args], { cwd, env, stdio: 'pipe' });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const after = childrenCpuMs();
    samples.push({ ms, cpuMs: cpu === undefined || after === undefined ? undefined : after - cpu });
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const cpus = samples.map((s) => s.cpuMs).filter((c): c is number => c !== undefined);
  return { ms: median(samples.map((s) => s.ms)), cpuMs: cpus.length === samples.length ? median(cpus) : undefined };
}

/** A team repo as `paved init` writes it, under `work`, with its dependencies linked. */
function teamRepo(work: string): string {
  const repo = join(work, 'payments-infra');
  execFileSync(process.execPath, [join(ROOT, 'lib', 'init', 'cli.js'), 'init', repo, '--team', 'payments', '--domain', 'apps.acme.dev',
    '--registry', 'registry.acme.dev', '--repository', 'https://github.com/acme/payments-infra'], { stdio: 'pipe' });
  const modules = join(repo, 'node_modules');
  mkdirSync(modules);
  symlinkSync(ROOT, join(modules, 'paved'), 'dir');
  for (const name of ['cdk8s', 'cdk8s-plus-28', 'constructs', 'cdk8s-cli']) symlinkSync(join(ROOT, 'node_modules', name), join(modules, name), 'dir');
  return repo;
}

export function measureStartup(): StartupFigures {
  const work = mkdtempSync(join(tmpdir(), 'paved-bench-startup-'));
  try {
    const cli = time(ROOT, ['--version']);
    const basic = time(join(ROOT, 'examples', 'basic'), ['synth', '--no-check-upgrade', '--output', join(work, 'basic')]);
    // `process.features.typescript` is set where Node strips types (22.18 and later by default).
    if (!(process.features as { typescript?: unknown }).typescript) {
      return { basic, cli, skipped: `Node.js ${process.version} does not strip types; a team repo needs 22.18 or later` };
    }
    const repo = teamRepo(work);
    const cache = { NODE_COMPILE_CACHE: join(work, 'compile-cache') };
    const teamRepoFigure = time(repo, ['synth', '--no-check-upgrade']);
    time(repo, ['synth', '--no-check-upgrade'], cache, 1);
    return { teamRepo: teamRepoFigure, teamRepoCached: time(repo, ['synth', '--no-check-upgrade'], cache), basic, cli };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
