import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as nodeModule from 'module';
import * as os from 'os';
import * as path from 'path';

// The preload runs in a process of its own, as `node --require paved/compile-cache` runs it:
// turning the cache on inside jest's worker would change how jest itself compiles.
const PRELOAD = path.join(__dirname, '..', '..', 'src', 'synth', 'compile-cache.ts');
// What the preloaded process and the process it starts see: the variable, and Node's own answer.
const PROBE = [
  "const { execFileSync } = require('child_process');",
  "const dir = (m) => (typeof m.getCompileCacheDir === 'function' ? m.getCompileCacheDir() ?? null : null);",
  "const child = execFileSync(process.execPath, ['-p', \"JSON.stringify(require('module').getCompileCacheDir?.() ?? null)\"], { encoding: 'utf-8' });",
  "console.log(JSON.stringify({ env: process.env.NODE_COMPILE_CACHE ?? null, dir: dir(require('module')), child: JSON.parse(child) }));",
].join('\n');
const HAS_COMPILE_CACHE = typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === 'function';

let work: string;
beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'paved-compile-cache-'));
});
afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

/** The probe under the preload, run in `cwd` with `env` added to a clean environment. */
function probe(cwd: string, env: { [name: string]: string } = {}): { env: string | null; dir: string | null; child: string | null } {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('NODE_COMPILE_CACHE') && k !== 'NODE_DISABLE_COMPILE_CACHE' && k !== 'CI'));
  const out = execFileSync(process.execPath, ['-r', require.resolve('ts-node/register/transpile-only'), '-r', PRELOAD, '-e', PROBE], {
    cwd, encoding: 'utf-8', env: { ...base, ...env, TS_NODE_PROJECT: path.join(__dirname, '..', 'tsconfig.json') },
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

(HAS_COMPILE_CACHE ? describe : describe.skip)(`on Node.js ${process.version}, which has a compile cache`, () => {
  test("keeps the cache in the repository's node_modules/.cache, for the process and every process it starts", () => {
    fs.mkdirSync(path.join(work, 'node_modules'));
    const expected = path.join(fs.realpathSync(work), 'node_modules', '.cache', 'paved', 'compile-cache');
    const seen = probe(work);
    // Node keeps each version's entries in a folder of its own, the same for both processes.
    expect(seen.env).toBe(expected);
    expect(path.dirname(seen.dir!)).toBe(expected);
    expect(seen.child).toBe(seen.dir);
    expect(fs.readdirSync(seen.dir!).length).toBeGreaterThan(0);
  });

  test("outside a package, Node's own default directory", () => {
    const seen = probe(work);
    expect(seen.env).toBe(path.join(os.tmpdir(), 'node-compile-cache'));
    expect(path.dirname(seen.dir!)).toBe(seen.env);
    expect(seen.child).toBe(seen.dir);
  });

  test('a directory the user chose with NODE_COMPILE_CACHE is kept', () => {
    fs.mkdirSync(path.join(work, 'node_modules'));
    const chosen = path.join(work, 'mine');
    const seen = probe(work, { NODE_COMPILE_CACHE: chosen });
    expect(seen.env).toBe(chosen);
    expect(path.dirname(seen.dir!)).toBe(chosen);
    expect(seen.child).toBe(seen.dir);
    expect(fs.existsSync(path.join(work, 'node_modules', '.cache'))).toBe(false);
  });

  test('on CI, which starts from a clean install, no cache is written', () => {
    fs.mkdirSync(path.join(work, 'node_modules'));
    expect(probe(work, { CI: 'true' })).toEqual({ env: null, dir: null, child: null });
    expect(fs.existsSync(path.join(work, 'node_modules', '.cache'))).toBe(false);
  });

  test('NODE_DISABLE_COMPILE_CACHE is respected, in the process and what it starts', () => {
    fs.mkdirSync(path.join(work, 'node_modules'));
    expect(probe(work, { NODE_DISABLE_COMPILE_CACHE: '1' })).toEqual({ env: null, dir: null, child: null });
    expect(fs.existsSync(path.join(work, 'node_modules', '.cache'))).toBe(false);
  });
});

(HAS_COMPILE_CACHE ? describe.skip : describe)(`on Node.js ${process.version}, which has no compile cache`, () => {
  test('loads, changes nothing and starts processes as before', () => {
    fs.mkdirSync(path.join(work, 'node_modules'));
    expect(probe(work)).toEqual({ env: null, dir: null, child: null });
    expect(fs.existsSync(path.join(work, 'node_modules', '.cache'))).toBe(false);
  });
});
