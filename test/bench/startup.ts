import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import { delimiter, dirname, join } from 'path';

// The start-up of a team repo: `npm run synth` as a whole process, the cdk8s CLI and the app it
// runs, on the Node running the bench. The repo is the one `paved init` writes (its synth script
// runs the CLI under Node's compile cache, and its app as `node main.ts`, on Node's type
// stripping), with its packages linked to this build and to this repository's cdk8s,
// cdk8s-plus-28, constructs and cdk8s-cli, as npm install would lay them out. The script runs as
// npm runs it, through the shell with node_modules/.bin on the PATH, without npm's own start-up.

const ROOT = join(__dirname, '..', '..');
const RUNS = 5;

/** Medians of a command's runs: wall time, and CPU time of the process and all it waited for (Linux). */
export interface Startup { readonly ms: number; readonly cpuMs?: number }

export interface StartupFigures {
  /**
   * The team repo `paved init` writes, every synth after the first: its compile cache written.
   * Undefined when this Node cannot strip types.
   */
  readonly teamRepo?: Startup;
  /** The team repo's first synth, with no compile cache yet (a fresh clone, or CI after `npm ci`). */
  readonly teamRepoFirst?: Startup;
  /** examples/basic, whose app runs under ts-node's transpile-only hook, with no compile cache. */
  readonly basic: Startup;
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

/** A command: the file to run and its arguments. */
type Command = readonly [file: string, args: readonly string[]];

/** The cdk8s CLI of this repository, run by the bench's Node. */
function cdk8s(...args: string[]): Command {
  return [process.execPath, [join(ROOT, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s'), ...args]];
}

/** `npm run <name>` of the package in `repo`, as npm runs it, without npm. */
function npmScript(repo: string, name: string): Command {
  const script = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf-8')).scripts[name];
  return ['/bin/sh', ['-c', `PATH="${join(repo, 'node_modules', '.bin')}${delimiter}$PATH" && ${script}`]];
}

/** Medians of `runs` runs of `command` in `cwd`; `before` runs ahead of each, off the clock. */
function time(cwd: string, [file, args]: Command, runs = RUNS, before?: () => void): Startup {
  // The app command must find the same Node as the CLI, and ts-node the example's own tsconfig.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TS_NODE_') && !k.startsWith('NODE_COMPILE_CACHE')));
  Object.assign(env, { PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`, CDK8S_CHECK_UPGRADE: 'false' });
  const samples: Array<{ ms: number; cpuMs?: number }> = [];
  for (let i = 0; i < runs; i++) {
    before?.();
    const cpu = childrenCpuMs();
    const start = process.hrtime.bigint();
    execFileSync(file, args, { cwd, env, stdio: 'pipe' });
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
    const cli = time(ROOT, cdk8s('--version'));
    const basic = time(join(ROOT, 'examples', 'basic'), cdk8s('synth', '--no-check-upgrade', '--output', join(work, 'basic')));
    // `process.features.typescript` is set where Node strips types (22.18 and later by default).
    if (!(process.features as { typescript?: unknown }).typescript) {
      return { basic, cli, skipped: `Node.js ${process.version} does not strip types; a team repo needs 22.18 or later` };
    }
    const repo = teamRepo(work);
    const synth = npmScript(repo, 'synth');
    const cache = join(repo, 'node_modules', '.cache');
    const teamRepoFirst = time(repo, synth, RUNS, () => rmSync(cache, { recursive: true, force: true }));
    // The last first run left the cache every later synth reads.
    return { teamRepo: time(repo, synth), teamRepoFirst, basic, cli };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
