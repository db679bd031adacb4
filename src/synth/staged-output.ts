import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { CATALOG_DIRECTORY, CATALOG_FILE, OUTPUT_LIST_FILE, REPORTS_DIRECTORY } from './output-names';
import { compareStrings } from '../compare';

/** Staging folders live inside the output folder: same file system, so moving a file is a rename. */
const STAGING_PREFIX = '.paved-synth-';

/**
 * Runs `write` with `app.outdir` pointing at a fresh staging folder, then moves everything it
 * wrote into the real output folder and removes the files Paved owns there that this synth did
 * not write: an environment or preview removed from the app leaves no manifest or report behind.
 * When `write` throws, the staging folder is removed and the output folder is exactly as it was:
 * a failed synth never leaves half of a new output next to half of the old one.
 *
 * Files are moved one `rename` at a time once every file is complete, and stale files removed
 * after, so the window in which the folder mixes old and new files is the time of those renames,
 * not the time of the synth.
 *
 * Which files are Paved's: those the last successful synth listed in
 * `paved-reports/paved-output.json` (every file it wrote, so the next synth replaces exactly
 * those). Without that list (the first synth into a folder, or the list deleted) only the names
 * Paved writes by: top-level files with the app's extension (`*.k8s.yaml`),
 * `paved-reports/paved-*` and `catalog/catalog-info.yaml`. Anything else (a README, a `.gitkeep`, another tool's files) is
 * never touched.
 *
 * @internal
 */
export function writeStaged(app: App, write: () => void): void {
  const outdir = app.outdir;
  fs.mkdirSync(outdir, { recursive: true });
  // A synth killed mid-write (a cancelled CI job) leaves its staging folder behind; clear it.
  for (const entry of fs.readdirSync(outdir)) {
    if (entry.startsWith(STAGING_PREFIX)) fs.rmSync(path.join(outdir, entry), { recursive: true, force: true });
  }
  const staging = fs.mkdtempSync(path.join(outdir, STAGING_PREFIX));
  try {
    setOutdir(app, staging);
    try {
      write();
    } finally {
      setOutdir(app, outdir);
    }
    const written = filesUnder(staging).filter((file) => file !== OUTPUT_LIST_FILE);
    const owned = ownedFiles(outdir, app.outputFileExtension);
    const list = path.join(staging, ...OUTPUT_LIST_FILE.split('/'));
    fs.mkdirSync(path.dirname(list), { recursive: true });
    fs.writeFileSync(list, `${JSON.stringify({ files: written }, null, 2)}\n`, 'utf8');
    moveInto(staging, outdir);
    const kept = new Set([...written, OUTPUT_LIST_FILE]);
    for (const file of owned) if (!kept.has(file)) removeFile(outdir, file);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** `App.outdir` is read-only in the API but a plain field at run time; cdk8s reads it on every write. */
function setOutdir(app: App, outdir: string): void {
  (app as { outdir: string }).outdir = outdir;
}

/** Moves the contents of `from` into `to`, replacing files of the same name, creating folders as needed. */
function moveInto(from: string, to: string): void {
  for (const entry of fs.readdirSync(from, { withFileTypes: true }).sort(byName)) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) {
      fs.mkdirSync(target, { recursive: true });
      moveInto(source, target);
    } else {
      fs.renameSync(source, target);
    }
  }
}

/** Every file under `dir`, as `/`-separated paths relative to it, sorted. */
function filesUnder(dir: string, prefix = ''): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).sort(byName)) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...filesUnder(dir, relative));
    else files.push(relative);
  }
  return files;
}

/** The files of `outdir` Paved owns before this synth: the last synth's list, or Paved's own names. */
function ownedFiles(outdir: string, extension: string): string[] {
  const listed = readList(path.join(outdir, ...OUTPUT_LIST_FILE.split('/')));
  if (listed) return listed;
  return existing(outdir, '')
    .filter((name) => name.endsWith(extension))
    .concat(existing(outdir, REPORTS_DIRECTORY).filter((name) => name.startsWith(`${REPORTS_DIRECTORY}/paved-`)))
    .concat(existing(outdir, CATALOG_DIRECTORY).filter((name) => name === `${CATALOG_DIRECTORY}/${CATALOG_FILE}`));
}

/** The plain files directly in `outdir/folder`, as relative paths; none when it is not a folder. */
function existing(outdir: string, folder: string): string[] {
  const dir = path.join(outdir, folder);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) return [];
  return fs.readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => (folder ? `${folder}/${entry.name}` : entry.name));
}

/**
 * The files a previous synth listed, or undefined when there is no readable list. Only paths
 * that stay inside the output folder count: a list edited to name `../x` or `/etc/x` removes
 * nothing outside it.
 */
function readList(file: string): string[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  const files = (parsed as { files?: unknown } | null)?.files;
  if (!Array.isArray(files)) return undefined;
  return files.filter((f): f is string => typeof f === 'string' && isInside(f));
}

function isInside(relative: string): boolean {
  if (relative === '' || path.isAbsolute(relative) || relative.includes('\\') || relative.includes('\0')) return false;
  return relative.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

/** Removes one stale file, then its folders as far up as they are left empty (never `outdir` itself). */
function removeFile(outdir: string, relative: string): void {
  const target = path.join(outdir, ...relative.split('/'));
  // A folder on the way that is a link to elsewhere would lead outside the output folder.
  const parent = fs.existsSync(path.dirname(target)) ? fs.realpathSync(path.dirname(target)) : undefined;
  const root = fs.realpathSync(outdir);
  if (parent === undefined || (parent !== root && !parent.startsWith(root + path.sep))) return;
  // lstat: a symbolic link is removed as a link, never followed.
  const stat = fs.lstatSync(target, { throwIfNoEntry: false });
  if (!stat || stat.isDirectory()) return;
  fs.rmSync(target, { force: true });
  for (let dir = path.dirname(target); dir !== outdir && dir.startsWith(outdir + path.sep); dir = path.dirname(dir)) {
    if (fs.readdirSync(dir).length > 0) break;
    fs.rmdirSync(dir);
  }
}

function byName(a: fs.Dirent, b: fs.Dirent): number {
  return compareStrings(a.name, b.name);
}
