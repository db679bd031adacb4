import * as fs from 'fs';
import * as path from 'path';
import { App, YamlOutputType } from 'cdk8s';
import { ManifestDocument } from '../evaluation';
import { Finding } from '../finding';
import { ManifestLocation } from './sarif-report';
import { chartFileName } from '../../synth/chart-files';

/**
 * Finds the manifest file (and line) each finding's object was written to by `app.synth()`, by
 * the same naming rules cdk8s 2 uses for each `YamlOutputType`. A file that does not exist where
 * expected is left out rather than guessed, so a report never points at the wrong file.
 *
 * Files are read from `app.outdir`; URIs name them where they are published (`publishedOutdir`),
 * relative to the working directory the synth ran in (normally the repository), which is what
 * code-scanning tools resolve them against.
 *
 * @internal
 */
export function manifestLocator(
  app: App,
  documentOf: Map<Finding, ManifestDocument>,
  publishedOutdir: string = app.outdir,
): (finding: Finding) => ManifestLocation | undefined {
  const ext = app.outputFileExtension;
  const resourceFile = (d: ManifestDocument) => `${`${d.kind}.${d.name}`.replace(/[^0-9a-zA-Z-_.]/g, '')}${ext}`;
  const documents = new Map<string, Map<string, number>>();

  return (finding) => {
    // An item of a List is written inside the List's document, so that is where a finding points.
    const document = documentOf.get(finding);
    if (!document) return undefined;
    const chartName = chartFileName(app, document.chart);
    let file: string;
    switch (app.yamlOutputType) {
      case YamlOutputType.FILE_PER_APP: file = `app${ext}`; break;
      case YamlOutputType.FILE_PER_RESOURCE: file = resourceFile(document); break;
      case YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE: file = path.join(chartName, resourceFile(document)); break;
      default: file = `${chartName}${ext}`;
    }
    const absolute = path.resolve(app.outdir, file);
    if (!fs.existsSync(absolute)) return undefined;
    let lines = documents.get(absolute);
    if (!lines) {
      lines = documentStartLines(fs.readFileSync(absolute, 'utf8'));
      documents.set(absolute, lines);
    }
    const uri = path.relative(process.cwd(), path.resolve(publishedOutdir, file)).split(path.sep).map(encodeURIComponent).join('/');
    return { uri, startLine: lines.get(documentKey(document.kind, document.namespace, document.name)) };
  };
}

function documentKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}|${namespace ?? ''}|${name}`;
}

/**
 * The first line of each YAML document in a cdk8s manifest, by kind, namespace and name. Reads
 * the layout cdk8s writes (top-level `kind:`, `metadata:` with two-space children, `---` between
 * documents) rather than parsing YAML, so Paved needs no YAML library at run time.
 */
function documentStartLines(text: string): Map<string, number> {
  const starts = new Map<string, number>();
  let start = 1;
  let kind = '';
  let name = '';
  let namespace: string | undefined;
  let inMetadata = false;
  const finish = () => {
    if (kind && name) starts.set(documentKey(kind, namespace, name), start);
  };
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (line === '---') {
      finish();
      [start, kind, name, namespace, inMetadata] = [i + 2, '', '', undefined, false];
      return;
    }
    if (/^\S/.test(line)) inMetadata = line === 'metadata:';
    const top = /^kind: (.*)$/.exec(line);
    if (top) kind = unquote(top[1]);
    const child = inMetadata ? /^ {2}(name|namespace): (.*)$/.exec(line) : null;
    if (child?.[1] === 'name') name = unquote(child[2]);
    if (child?.[1] === 'namespace') namespace = unquote(child[2]);
  });
  finish();
  return starts;
}

function unquote(value: string): string {
  const trimmed = value.trim();
  if (trimmed.startsWith('"')) return JSON.parse(trimmed);
  if (trimmed.startsWith("'")) return trimmed.slice(1, -1).replace(/''/g, "'");
  return trimmed;
}
