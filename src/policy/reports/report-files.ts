import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { Evaluation } from '../evaluation';
import { jsonReport } from './json-report';
import { manifestLocator } from './manifest-locations';
import { sarifReport } from './sarif-report';

/** The JSON report's file name. */
export const JSON_REPORT_FILE = 'paved-policy.json';
/** The SARIF report's file name. */
export const SARIF_REPORT_FILE = 'paved-policy.sarif';

/**
 * Writes the JSON and SARIF reports of a finished synth. Runs after the manifests are written, so
 * the reports can point at the files and lines the findings are in. The manifests are read from
 * `app.outdir` and named by where they are published (`publishedOutdir`), which differs while the
 * synth writes to a staging folder.
 *
 * @internal
 */
export function writeReports(app: App, evaluation: Evaluation, directory: string, publishedOutdir: string = app.outdir): void {
  const locate = manifestLocator(app, evaluation.documentOf, publishedOutdir);
  fs.mkdirSync(directory, { recursive: true });
  write(path.join(directory, JSON_REPORT_FILE), jsonReport(evaluation, (f) => locate(f)?.uri));
  write(path.join(directory, SARIF_REPORT_FILE), sarifReport(evaluation, locate));
}

function write(file: string, content: unknown): void {
  fs.writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`, 'utf8');
}
