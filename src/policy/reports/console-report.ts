import { Evaluation } from '../evaluation';
import { Finding } from '../finding';
import { formatFinding } from '../finding-format';
import { Enforcement, Severity } from '../rule';
import { pathOf } from '../suppression';

/** Most serious first, the order people read a summary in. */
const SEVERITIES = [Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW];

/**
 * The summary printed at synth: one headline, counts per severity and enforcement, then the
 * findings grouped as enforced (✖), warnings (⚠) and acknowledged (○), then the suppressions and
 * every rule relaxed below its default (↓), with where it was relaxed: a relaxation is never silent.
 *
 * @internal
 */
export function consoleReport(evaluation: Evaluation): string {
  const { findings } = evaluation;
  const enforced = evaluation.enforced;
  const warnings = findings.filter((f) => !f.acknowledgement && f.enforcement !== Enforcement.ENFORCE);
  const acknowledged = findings.filter((f) => f.acknowledgement);
  const lines = [
    `Paved policy: ${count(evaluation.objects, 'object')} checked against ${count(evaluation.rules.length, 'rule')} — `
    + `${count(enforced.length, 'enforced finding')}, ${count(warnings.length, 'warning')}, ${acknowledged.length} acknowledged`,
  ];
  if (findings.length > 0) {
    for (const severity of SEVERITIES) {
      const of = (list: Finding[]) => list.filter((f) => f.severity === severity).length;
      lines.push(`  ${severity.padEnd(8)} ✖ ${of(enforced)}  ⚠ ${of(warnings)}  ○ ${of(acknowledged)}`);
    }
  }
  section(lines, 'Enforced: these fail the synth', enforced);
  section(lines, 'Warnings', warnings);
  section(lines, 'Acknowledged', acknowledged);
  if (evaluation.suppressions.length > 0) {
    lines.push('', 'Suppressions');
    for (const use of evaluation.suppressions) {
      const s = use.suppression;
      const until = s.expires ? ` until ${s.expires}` : '';
      const state = use.expired ? `✖ EXPIRED on ${s.expires}` : `○ ${count(use.acknowledged, 'finding')} acknowledged`;
      lines.push(`  ${s.ruleId} on ${pathOf(s.scope)}${until}: ${JSON.stringify(s.reason)} — ${state}`);
    }
  }
  if (evaluation.relaxations.length > 0) {
    lines.push('', `Relaxed rules (${evaluation.relaxations.length})`);
    for (const r of evaluation.relaxations) {
      lines.push(`  ↓ ${r.rule.id}  by ${r.configuredBy}: ${r.enforcement} in ${r.tiers.join(', ')} (default ${r.defaultEnforcement})`);
    }
  }
  for (const error of evaluation.errors) lines.push('', error);
  return lines.join('\n');
}

function section(lines: string[], title: string, findings: Finding[]): void {
  if (findings.length === 0) return;
  lines.push('', `${title} (${findings.length})`);
  for (const finding of findings) lines.push(formatFinding(finding));
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
