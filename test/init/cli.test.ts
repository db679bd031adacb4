import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/init/cli';

const FLAGS = ['--team', 'payments', '--domain', 'apps.acme.dev', '--registry', 'registry.acme.dev', '--repository', 'https://github.com/acme/payments-infra'];

function run(args: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((m) => { out.push(String(m)); });
  const error = jest.spyOn(console, 'error').mockImplementation((m) => { err.push(String(m)); });
  try {
    return { code: main(args), out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('paved init', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paved-init-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('writes a team repository, with the preview example\'s CI scripts, executable', () => {
    const { code, out } = run(['init', dir, ...FLAGS]);
    expect(code).toBe(0);
    expect(out).toContain('npm install && npm test && npm run synth');
    expect(fs.existsSync(path.join(dir, 'main.ts'))).toBe(true);
    for (const script of ['preview.sh', 'publish.sh', 'teardown.sh']) {
      const written = path.join(dir, 'ci', script);
      expect(fs.readFileSync(written, 'utf8')).toBe(fs.readFileSync(path.join(__dirname, '../../examples/preview/ci', script), 'utf8'));
      expect(() => fs.accessSync(written, fs.constants.X_OK)).not.toThrow();
    }
  });

  test('replaces nothing: a folder that has one of its files is refused and left as it was', () => {
    fs.writeFileSync(path.join(dir, 'main.ts'), 'mine');
    const { code, err } = run(['init', dir, ...FLAGS]);
    expect(code).toBe(2);
    expect(err).toContain('already has main.ts');
    expect(fs.readdirSync(dir)).toEqual(['main.ts']);
    expect(fs.readFileSync(path.join(dir, 'main.ts'), 'utf8')).toBe('mine');
  });

  test('names the missing flags, and writes nothing', () => {
    const { code, err } = run(['init', dir, '--team', 'payments']);
    expect(code).toBe(2);
    expect(err).toContain('missing --domain, --registry, --repository');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('a bad value is refused naming the flag, not with a stack trace', () => {
    const { code, err } = run(['init', dir, ...FLAGS.slice(0, -1), 'ftp://example.com/x']);
    expect(code).toBe(2);
    expect(err).toMatch(/^paved: paved init: --repository "ftp:\/\/example.com\/x" must be/);
  });

  test('an unknown command or flag shows the usage', () => {
    expect(run(['create', dir, ...FLAGS]).err).toContain('usage: paved init');
    expect(run(['init', dir, ...FLAGS, '--tema', 'x']).err).toContain("Unknown option '--tema'");
  });
});
