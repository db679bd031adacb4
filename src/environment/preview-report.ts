import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { PreviewEnvironment } from './preview-environment';
import { formatTtl } from '../platform/preview-settings';
import { chartManifestFile } from '../synth/chart-files';
import { REPORTS_DIRECTORY } from '../synth/output-names';
import { SynthStageOptions } from '../synth/synth-stage';

/** The previews file's name, beside the policy and cost reports: what CI posts on the pull request. */
export const PREVIEW_REPORT_FILE = 'paved-previews.json';

/**
 * Prints each preview's URLs and writes them, with what CI needs to publish the preview (its
 * manifest file and branch), to `paved-reports/paved-previews.json`. Written only when the app
 * holds a preview.
 *
 * @internal
 */
export function writePreviewReport(app: App, options: SynthStageOptions): void {
  // Most apps hold no preview. One walk of the tree says so; `app.charts` would first build a
  // dependency graph of every construct (half a second at a thousand services).
  if (!app.node.findAll().some((c) => PreviewEnvironment.isPreviewEnvironment(c))) return;
  const previews = app.charts.filter((c): c is PreviewEnvironment => PreviewEnvironment.isPreviewEnvironment(c)).map((env) => ({
    environment: env.node.path,
    namespace: env.namespace!,
    team: env.team,
    pullRequest: env.pullRequest,
    ...(env.pullRequestUrl ? { pullRequestUrl: env.pullRequestUrl } : {}),
    ttl: formatTtl(env.ttl),
    manifest: chartManifestFile(app, env),
    publishBranch: env.publishBranch,
    urls: env.urls(),
  }));
  if (previews.length === 0) return;
  if (options.console) {
    const lines = ['Paved previews:'];
    for (const p of previews) {
      lines.push(`  ${p.namespace}  PR #${p.pullRequest}${p.pullRequestUrl ? ` (${p.pullRequestUrl})` : ''}  expires ${p.ttl} after creation  ${p.manifest} → ${p.publishBranch}`);
      const width = Math.max(0, ...p.urls.map((u) => u.service.length));
      for (const u of p.urls) lines.push(`    ${u.service.padEnd(width)}  ${u.url}`);
      if (p.urls.length === 0) lines.push('    (no exposed services)');
    }
    console.error(lines.join('\n'));
  }
  const directory = path.join(app.outdir, REPORTS_DIRECTORY);
  fs.mkdirSync(directory, { recursive: true });
  fs.writeFileSync(path.join(directory, PREVIEW_REPORT_FILE), `${JSON.stringify({ previews }, null, 2)}\n`, 'utf8');
}
