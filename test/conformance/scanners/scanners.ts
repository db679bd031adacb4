// Runs kube-score and Checkov over a directory of manifests and reads their reports back as one
// list of findings: which check failed on which object (kind, namespace, name).
import { spawnSync } from 'child_process';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import { Scanner } from '../../../src/policy/scanner-acknowledgements';

/** One failed check on one object. */
export interface Finding {
  readonly scanner: Scanner;
  readonly check: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  /** The manifest file, relative to the scanned directory. */
  readonly file: string;
}

/** What a scanner said about one object for one check: failed, skipped (acknowledged), or passed. */
export type Verdict = 'failed' | 'skipped' | 'passed';

/** Every verdict, keyed by `scanner check kind/namespace/name`. */
export type Verdicts = Map<string, Verdict>;

export function verdictKey(scanner: Scanner, check: string, kind: string, namespace: string, name: string): string {
  return `${scanner} ${check} ${kind}/${namespace}/${name}`;
}

/** The Kubernetes version kube-score checks apiVersions against: the one Paved pins Pod Security to. */
const KUBERNETES_VERSION = 'v1.28';

function run(command: string, args: string[], okStatus: number[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.error) throw result.error;
  if (!okStatus.includes(result.status ?? -1)) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${result.stderr.slice(-4000)}`);
  }
  return result.stdout;
}

function manifestFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml')).sort();
}

/**
 * kube-score, once per subdirectory of `dir` (one example, or one differential case, is scored
 * on its own, so objects of the same name in two of them never meet). Grade 10 is kube-score's
 * OK; anything below is a finding.
 */
export function kubeScore(bin: string, dir: string, files: string[] = manifestFiles(dir)): { findings: Finding[]; verdicts: Verdicts } {
  const findings: Finding[] = [];
  const verdicts: Verdicts = new Map();
  const groups = new Map<string, string[]>();
  for (const file of files) {
    const group = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '.';
    groups.set(group, [...(groups.get(group) ?? []), file]);
  }
  for (const group of [...groups.values()]) {
    // Exit 1 is kube-score's "something is critical"; the report says what.
    const out = run(bin, ['score', '--output-format', 'json', '--kubernetes-version', KUBERNETES_VERSION, ...group.map((f) => join(dir, f))], [0, 1]);
    for (const object of JSON.parse(out)) {
      const kind = object.type_meta.kind;
      const namespace = object.object_meta.namespace ?? '';
      const name = object.object_meta.name;
      const file = group.find((f) => join(dir, f) === object.file_name) ?? object.file_name;
      for (const check of object.checks) {
        const verdict: Verdict = check.skipped ? 'skipped' : check.grade < 10 ? 'failed' : 'passed';
        verdicts.set(verdictKey('kube-score', check.check.id, kind, namespace, name), verdict);
        if (verdict === 'failed') findings.push({ scanner: 'kube-score', check: check.check.id, kind, namespace, name, file });
      }
    }
  }
  return { findings, verdicts };
}

/** Checkov's resource id, `Kind.namespace.name`, as kind, namespace and name. */
function checkovResource(resource: string): [string, string, string] {
  const [kind, namespace, ...name] = resource.split('.');
  return [kind, namespace, name.join('.')];
}

/**
 * Checkov's Kubernetes framework over `dir`. `--skip-download`: the checks are the ones the
 * pinned package ships, and nothing is fetched from a platform.
 */
export function checkov(bin: string, dir: string): { findings: Finding[]; verdicts: Verdicts } {
  const out = run(bin, ['--framework', 'kubernetes', '--directory', dir, '--output', 'json', '--skip-download', '--soft-fail', '--compact'], [0]);
  const parsed = JSON.parse(out);
  const reports: any[] = (Array.isArray(parsed) ? parsed : [parsed]).filter((r) => r.check_type === 'kubernetes');
  if (reports.length !== 1) throw new Error(`checkov: expected one kubernetes report, got ${reports.length}`);
  const findings: Finding[] = [];
  const verdicts: Verdicts = new Map();
  const sets: Array<[Verdict, any[]]> = [
    ['passed', reports[0].results.passed_checks], ['skipped', reports[0].results.skipped_checks], ['failed', reports[0].results.failed_checks],
  ];
  for (const [verdict, results] of sets) {
    for (const result of results) {
      const [kind, namespace, name] = checkovResource(result.resource);
      verdicts.set(verdictKey('checkov', result.check_id, kind, namespace, name), verdict);
      if (verdict === 'failed') findings.push({ scanner: 'checkov', check: result.check_id, kind, namespace, name, file: result.file_path.replace(/^\//, '') });
    }
  }
  return { findings, verdicts };
}

/** Every manifest file under `dir` (relative to it), with its objects. */
export function objectsIn(dir: string): Map<string, any[]> {
  const files = new Map<string, any[]>();
  for (const file of manifestFiles(dir)) {
    files.set(file, parseAllDocuments(readFileSync(join(dir, file), 'utf8')).map((doc) => doc.toJS()).filter((o) => o?.kind));
  }
  return files;
}

/** The object a finding is about, from the file it was found in. */
export function objectOf(files: Map<string, any[]>, finding: Finding): any {
  return files.get(finding.file)?.find((o) => o.kind === finding.kind && (o.metadata?.namespace ?? '') === finding.namespace && o.metadata?.name === finding.name);
}
