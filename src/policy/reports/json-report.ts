import { Evaluation } from '../evaluation';
import { Finding } from '../finding';
import { Enforcement } from '../rule';
import { pathOf } from '../suppression';

/** Bumped when a field changes meaning, so tools reading the report can tell. */
const REPORT_VERSION = 1;

/**
 * `paved-policy.json`: every finding with its manifest file, every rule in use, every
 * suppression with how many findings it acknowledged, and every rule relaxed below its default
 * with where it was relaxed. Deterministic: sorted, and no
 * timestamps, so it diffs cleanly between commits.
 *
 * @param manifestOf the manifest file an object is written to, relative to where the synth ran
 *
 * @internal
 */
export function jsonReport(evaluation: Evaluation, manifestOf: (finding: Finding) => string | undefined): any {
  const { findings } = evaluation;
  const open = findings.filter((f) => !f.acknowledgement);
  return {
    version: REPORT_VERSION,
    summary: {
      objects: evaluation.objects,
      rules: evaluation.rules.length,
      findings: findings.length,
      enforced: evaluation.enforced.length,
      warnings: open.filter((f) => f.enforcement !== Enforcement.ENFORCE).length,
      acknowledged: findings.length - open.length,
      expiredSuppressions: evaluation.suppressions.filter((s) => s.expired).length,
      relaxations: evaluation.relaxations.length,
    },
    findings: findings.map((f) => ({ ...f, manifest: manifestOf(f) })),
    suppressions: evaluation.suppressions.map((use) => ({
      ruleId: use.suppression.ruleId,
      path: pathOf(use.suppression.scope),
      reason: use.suppression.reason,
      expires: use.suppression.expires,
      expired: use.expired,
      acknowledged: use.acknowledged,
    })),
    relaxations: evaluation.relaxations.map((r) => ({
      ruleId: r.rule.id,
      configuredBy: r.configuredBy,
      tiers: r.tiers,
      enforcement: r.enforcement,
      defaultEnforcement: r.defaultEnforcement,
    })),
    rules: evaluation.rules.map((rule) => ({
      id: rule.id,
      title: rule.title,
      severity: rule.severity,
      category: rule.category,
      kinds: rule.kinds,
      rationale: rule.rationale,
      remediation: rule.remediation,
      scannerChecks: rule.scannerChecks,
    })),
  };
}
