import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';

/** Staging folders live inside the output folder: same file system, so moving a file is a rename. */
const STAGING_PREFIX = '.paved-synth-';

/**
 * Runs `write` with `app.outdir` pointing at a fresh staging folder, then moves everything it
 * wrote into the real output folder. When `write` throws, the staging folder is removed and the
 * output folder is exactly as it was: a failed synth never leaves half of a new output next to
 * half of the old one.
 *
 * Files are moved one `rename` at a time once every file is complete, so the window in which the
 * folder mixes old and new files is the time of those renames, not the time of the synth. Files
 * the previous synth wrote and this one does not are left in place, as cdk8s itself does.
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
    moveInto(staging, outdir);
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
  for (const entry of fs.readdirSync(from, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
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
