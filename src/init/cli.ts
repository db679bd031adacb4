#!/usr/bin/env node
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { Errors } from '../errors';
import { PavedManifest, teamRepoFiles } from './team-repo';

const USAGE = `usage: paved init [directory] --team <team> --domain <domain> --registry <registry> --repository <https://github.com/owner/repo> [--platform-name <name>]

Writes a team repository that synthesizes and passes its tests straight away:
main.ts, platform.ts, a snapshot test, cdk8s.yaml, tsconfig.json, a CI workflow and catalog-info.yaml.
The directory (default: the current one) must not already hold any of these files.`;

/** The package's own root: lib/init/cli.js is two levels below it. */
const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');
/** The preview example's CI scripts are the ones a team repo gets: one copy, tested there. */
const CI_SCRIPTS = path.join(PACKAGE_ROOT, 'examples', 'preview', 'ci');

/**
 * `paved init`: writes a new team repository. Every file is computed before the first is
 * written, and none that exists is replaced, so a refused run leaves the folder as it was.
 */
export function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'team': { type: 'string' },
        'domain': { type: 'string' },
        'registry': { type: 'string' },
        'repository': { type: 'string' },
        'platform-name': { type: 'string' },
        'help': { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    return fail(`${(e as Error).message}\n\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const [command, directory = '.', ...extra] = positionals;
  if (command !== 'init' || extra.length > 0) return fail(USAGE);
  const missing = ['team', 'domain', 'registry', 'repository'].filter((k) => values[k as keyof typeof values] === undefined);
  if (missing.length > 0) return fail(`missing ${missing.map((m) => `--${m}`).join(', ')}\n\n${USAGE}`);

  let files: Map<string, string>;
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as PavedManifest;
    const scripts = Object.fromEntries(fs.readdirSync(CI_SCRIPTS).sort().map((f) => [f, fs.readFileSync(path.join(CI_SCRIPTS, f), 'utf8')]));
    files = teamRepoFiles({
      team: values.team!,
      domain: values.domain!,
      registry: values.registry!,
      repository: values.repository!,
      platformName: values['platform-name'],
    }, manifest, scripts);
  } catch (e) {
    if (Errors.isPavedError(e)) return fail((e as Error).message);
    throw e;
  }
  const root = path.resolve(directory);
  const existing = [...files.keys()].filter((f) => fs.existsSync(path.join(root, f)));
  if (existing.length > 0) return fail(`${root} already has ${existing.join(', ')}: paved init writes a new repository and replaces nothing`);
  for (const [file, content] of files) {
    const target = path.join(root, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content, { mode: file.startsWith('ci/') ? 0o755 : 0o644 });
  }
  console.log(`paved: wrote ${files.size} files to ${root}\nnext: cd ${path.relative(process.cwd(), root) || '.'} && npm install && npm test && npm run synth`);
  return 0;
}

function fail(message: string): number {
  console.error(`paved: ${message}`);
  return 2;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
