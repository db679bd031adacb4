import { compareStrings } from '../../compare';
import { Evaluation } from '../evaluation';
import { Finding } from '../finding';
import { objectLabel } from '../finding-format';
import { Enforcement, IRule, RuleCategory, Severity } from '../rule';

/**
 * Where a finding's object sits in the synthesized output: the manifest file (a relative URI)
 * and the line its YAML document starts on.
 *
 * @internal
 */
export interface ManifestLocation {
  readonly uri: string;
  readonly startLine?: number;
}

/**
 * GitHub code scanning ranks security alerts by this CVSS-like score (0.0–10.0); the values sit
 * in the middle of each of its bands (critical ≥ 9.0, high ≥ 7.0, medium ≥ 4.0, low below).
 */
const SECURITY_SEVERITY: Record<Severity, string> = {
  [Severity.CRITICAL]: '9.5',
  [Severity.HIGH]: '8.0',
  [Severity.MEDIUM]: '5.5',
  [Severity.LOW]: '3.0',
};

/**
 * `paved-policy.sarif`: a SARIF 2.1.0 log that code-scanning tools accept. Every rule in use is
 * described once (`tool.driver.rules`); every finding is a result pointing at the construct path
 * (a logical location) and, when known, at its manifest file. Acknowledged findings are results
 * with a `suppressions` entry carrying the reason, so a scanner shows them as dismissed rather
 * than dropping them. Every relaxed rule is in `invocations[0]` (see `invocation`).
 *
 * @internal
 */
export function sarifReport(evaluation: Evaluation, locate: (finding: Finding) => ManifestLocation | undefined): any {
  // A rule relaxed to off checks nothing, yet its relaxation must be described against it.
  const described = new Map(evaluation.rules.map((rule) => [rule.id, rule]));
  for (const r of evaluation.relaxations) described.set(r.rule.id, r.rule);
  const rules = [...described.values()].sort((a, b) => compareStrings(a.id, b.id));
  const ruleIndex = new Map(rules.map((rule, i) => [rule.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'paved',
          informationUri: 'https://github.com/paved-dev/paved',
          rules: rules.map(describeRule),
        },
      },
      invocations: [invocation(evaluation, ruleIndex)],
      columnKind: 'utf16CodeUnits',
      results: evaluation.findings.map((finding) => toResult(finding, ruleIndex.get(finding.ruleId)!, locate(finding))),
    }],
  };
}

/**
 * The run's invocation, carrying every relaxation twice: as a `ruleConfigurationOverride` (the
 * SARIF field for a rule run at another level than its default, for tools that compare runs) and
 * as a tool configuration notification, the form code-scanning UIs show people.
 */
function invocation(evaluation: Evaluation, ruleIndex: Map<string, number>): any {
  const descriptorOf = (id: string) => ({ id, index: ruleIndex.get(id)! });
  return {
    executionSuccessful: true,
    ruleConfigurationOverrides: evaluation.relaxations.map((r) => ({
      descriptor: descriptorOf(r.rule.id),
      configuration: { enabled: r.enforcement !== Enforcement.OFF, level: LEVEL[r.enforcement] },
      properties: { configuredBy: r.configuredBy, tiers: r.tiers, enforcement: r.enforcement, defaultEnforcement: r.defaultEnforcement },
    })),
    toolConfigurationNotifications: evaluation.relaxations.map((r) => ({
      level: 'warning',
      associatedRule: descriptorOf(r.rule.id),
      message: { text: `${r.rule.id} is relaxed by ${r.configuredBy} to ${r.enforcement} in ${r.tiers.join(', ')} (default ${r.defaultEnforcement})` },
    })),
  };
}

/** The SARIF level each enforcement reports at. */
const LEVEL: Record<Enforcement, string> = {
  [Enforcement.ENFORCE]: 'error',
  [Enforcement.WARN]: 'warning',
  [Enforcement.OFF]: 'none',
};

function describeRule(rule: IRule): any {
  const security = rule.category === RuleCategory.SECURITY;
  return {
    id: rule.id,
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.rationale },
    help: { text: `${rule.remediation}\n\nChecks: ${rule.kinds.join(', ')}.` },
    // Security rules enforce in every tier by default; the rest enforce from the platform's enforceFrom tier.
    defaultConfiguration: { level: security ? 'error' : 'warning' },
    properties: {
      category: rule.category,
      severity: rule.severity,
      tags: [rule.category, `severity:${rule.severity}`],
      ...(security ? { 'security-severity': SECURITY_SEVERITY[rule.severity] } : {}),
    },
  };
}

function toResult(finding: Finding, ruleIndex: number, manifest: ManifestLocation | undefined): any {
  const location: any = {
    logicalLocations: [{ fullyQualifiedName: finding.path, kind: 'module' }],
    message: { text: `${objectLabel(finding)} (${finding.objectPath})` },
  };
  if (manifest) {
    location.physicalLocation = {
      artifactLocation: { uri: manifest.uri },
      ...(manifest.startLine ? { region: { startLine: manifest.startLine } } : {}),
    };
  }
  const result: any = {
    ruleId: finding.ruleId,
    ruleIndex,
    level: LEVEL[finding.enforcement],
    message: {
      text: `${finding.title}: ${finding.path} ${objectLabel(finding)}: ${finding.field} is ${finding.found} — expected ${finding.expected}. Fix: ${finding.remediation}`,
    },
    locations: [location],
    // Stable across runs and line moves, so code scanning tracks one alert per object and field
    // (an item of a List by where it sits, so two items of one name stay two alerts).
    partialFingerprints: {
      'pavedFinding/v1': [finding.ruleId, finding.namespace ?? '', finding.kind, finding.within ? `${finding.within} ${finding.name}` : finding.name, finding.field].join('|'),
    },
    properties: { tier: finding.tier, enforcement: finding.enforcement, severity: finding.severity },
  };
  if (finding.acknowledgement) {
    result.suppressions = [{
      kind: 'inSource',
      status: 'accepted',
      justification: finding.acknowledgement.reason,
      ...(finding.acknowledgement.expires ? { properties: { expires: finding.acknowledgement.expires } } : {}),
    }];
  }
  return result;
}
