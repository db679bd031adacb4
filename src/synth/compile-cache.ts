// `node --require paved/compile-cache …`: turns on Node's compile cache (22.1 and later) for this
// process and for every Node process it starts, before anything else loads. A team repo's
// `npm run synth` starts the cdk8s CLI this way; the CLI compiles some 900 modules before it runs
// the app (its `init` command loads jsii-pacmak even for `synth`), and the app compiles
// cdk8s-plus-28 and Paved. With their code cached, every synth after the first skips that work
// (`npm run bench` reports both). Not on CI, which never runs twice from the same cache. The
// cache is V8's own code cache, checked against each file's contents, so a stale entry is
// recompiled, never run.
//
// Not part of the construct API: it exports nothing and is only ever loaded by path.
import { existsSync } from 'fs';
import * as Module from 'module';
import { tmpdir } from 'os';
import { join } from 'path';

/** `module.enableCompileCache` and its result, as Node 22.1 and later declare them. */
interface CompileCacheApi {
  constants?: { compileCacheStatus?: { ENABLED: number } };
  enableCompileCache?(directory: string): { status: number };
}

/**
 * The repository's tool cache, as babel, eslint and jest keep theirs: deleted with node_modules,
 * never committed. npm runs scripts in the package's root, so that is the working directory.
 * Elsewhere, the folder Node itself would choose, in the system's temporary directory.
 */
function cacheDirectory(): string {
  const modules = join(process.cwd(), 'node_modules');
  return existsSync(modules) ? join(modules, '.cache', 'paved', 'compile-cache') : join(tmpdir(), 'node-compile-cache');
}

function enable(): void {
  const api = Module as unknown as CompileCacheApi;
  // Node 20 has no compile cache: nothing to turn on, and nothing to fail.
  if (typeof api.enableCompileCache !== 'function') return;
  // A directory the user chose with NODE_COMPILE_CACHE was enabled by Node at start-up, and is
  // kept, as is the user's NODE_DISABLE_COMPILE_CACHE.
  if (process.env.NODE_COMPILE_CACHE || process.env.NODE_DISABLE_COMPILE_CACHE) return;
  // Writing the cache makes the run that writes it slower (the cdk8s CLI alone: 1.5 s against
  // 0.75 s), and CI starts from a clean install every time: it would pay that, and read nothing.
  if (process.env.CI) return;
  const directory = cacheDirectory();
  const { status } = api.enableCompileCache(directory);
  // Node reads this at the start-up of each process, so the app the CLI spawns uses the same
  // cache. Node keeps each version's entries in a folder of its own under it.
  if (status === api.constants?.compileCacheStatus?.ENABLED) process.env.NODE_COMPILE_CACHE = directory;
}

enable();
