// Scanners, for real: kube-score and Checkov over every example's synthesized output, where each
// finding must be acknowledged by the platform (src/policy/scanner-acknowledgements.ts, with its
// reason) or it fails the suite; and, for every acknowledgement Paved writes for these scanners,
// the scanner itself shows the mapped check quiet on the acknowledged object and failing on its
// twin without the acknowledgement.
//
// Usage: ts-node check.ts <kube-score binary> <checkov executable> <work dir> <kube-score version> <checkov version>
// The synth stages the composition root registers, as in a team's app and in jest (setupFiles).
import '../../support/synth-stages';
import { mkdirSync } from 'fs';
import { join } from 'path';
import { writeCases } from './differential';
import { synthesizeExamples } from './examples';
import { checkov, Finding, kubeScore, objectOf, objectsIn, verdictKey, Verdicts } from './scanners';
import { Scanner, SCANNER_ACKNOWLEDGEMENTS, ScannerAcknowledgement } from '../../../src/policy/scanner-acknowledgements';

const [kubeScoreBin, checkovBin, work, kubeScoreVersion, checkovVersion] = process.argv.slice(2);
if (!checkovVersion) {
  console.error('usage: check.ts <kube-score> <checkov> <work dir> <kube-score version> <checkov version>');
  process.exit(2);
}
const failures: string[] = [];

// 1. The examples.
const examples = join(work, 'examples');
mkdirSync(examples, { recursive: true });
const files = synthesizeExamples(examples);
const objects = objectsIn(examples);
const findings: Finding[] = [...kubeScore(kubeScoreBin, examples).findings, ...checkov(checkovBin, examples).findings];

const used = new Set<ScannerAcknowledgement>();
const rows = new Map<string, { scanner: Scanner; check: string; count: number; acknowledgement?: ScannerAcknowledgement }>();
for (const finding of findings) {
  const object = objectOf(objects, finding);
  if (!object) failures.push(`${finding.scanner} ${finding.check}: ${finding.kind}/${finding.namespace}/${finding.name} is not in ${finding.file}`);
  const manifest = objects.get(finding.file) ?? [];
  const acknowledgement = object && SCANNER_ACKNOWLEDGEMENTS
    .find((a) => a.scanner === finding.scanner && a.check === finding.check && a.covers(object, manifest));
  if (acknowledgement) used.add(acknowledgement);
  else failures.push(`${finding.scanner} ${finding.check} on ${finding.kind}/${finding.namespace}/${finding.name} (${finding.file}): neither fixed nor acknowledged`);
  const key = `${finding.scanner} ${finding.check} ${acknowledgement ? 'ack' : 'open'}`;
  const row = rows.get(key) ?? { scanner: finding.scanner, check: finding.check, count: 0, acknowledgement };
  rows.set(key, { ...row, count: row.count + 1 });
}
// An acknowledgement nothing needs any more is stale: the golden path fixed it, so it goes.
for (const a of SCANNER_ACKNOWLEDGEMENTS) {
  if (!used.has(a)) failures.push(`${a.scanner} ${a.check}: acknowledged (${a.scope}) but reported on nothing; remove it`);
}

console.log(`scanners: ${files.length} manifest files of the examples, ${[...objects.values()].flat().length} objects`);
console.log('| Scanner | Check | Findings | Resolution |');
console.log('| --- | --- | ---: | --- |');
for (const row of [...rows.values()].sort((a, b) => `${a.scanner} ${a.check}`.localeCompare(`${b.scanner} ${b.check}`))) {
  console.log(`| ${row.scanner} | \`${row.check}\` | ${row.count} | ${row.acknowledgement ? `acknowledged (${row.acknowledgement.scope})` : 'NEITHER FIXED NOR ACKNOWLEDGED'} |`);
}

// 2. The acknowledgements Paved writes.
const cases = join(work, 'acknowledged');
mkdirSync(cases, { recursive: true });
const checks = writeCases(cases);
const verdicts: Verdicts = new Map([...kubeScore(kubeScoreBin, cases).verdicts, ...checkov(checkovBin, cases).verdicts]);
let honoured = 0;
for (const c of checks) {
  const acknowledged = verdicts.get(verdictKey(c.scanner, c.check, c.kind, c.namespace, c.name)) ?? 'passed';
  const twin = verdicts.get(verdictKey(c.scanner, c.check, c.kind, c.namespace, c.twin));
  const where = `${c.rule} → ${c.scanner} ${c.check} (case ${c.case})`;
  if (twin !== 'failed') failures.push(`${where}: the twin without the acknowledgement is ${twin ?? 'not checked'}, so the case does not make the check fire`);
  else if (acknowledged === 'failed') failures.push(`${where}: still reported on the acknowledged object: the scanner does not honour what Paved writes`);
  else honoured++;
}
const per = (s: Scanner) => checks.filter((c) => c.scanner === s).length;
console.log(`scanners: kube-score ${kubeScoreVersion}, Checkov ${checkovVersion}: ${findings.length} findings on the examples `
  + `(${findings.filter((f) => f.scanner === 'kube-score').length} kube-score, ${findings.filter((f) => f.scanner === 'checkov').length} Checkov) in ${rows.size} checks, `
  + `all acknowledged by ${used.size} platform acknowledgements; ${checks.length} acknowledgement mappings (${per('kube-score')} kube-score, ${per('checkov')} Checkov) `
  + `in ${new Set(checks.map((c) => c.case)).size} cases, ${honoured} honoured`);
if (failures.length > 0) {
  console.error(`scanners: ${failures.length} failures:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
