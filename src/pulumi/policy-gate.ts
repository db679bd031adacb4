import { PavedError } from './errors';
import { DataSecurityPack } from 'paved';
import type { Platform, Tier } from 'paved';

// The rule model's types, as the pack's rules carry them.
type IRule = ReturnType<typeof DataSecurityPack.rules>[number];
type RuleContext = Parameters<IRule['check']>[1];
type Violation = ReturnType<IRule['check']>[number];

/** What a cloud resource belongs to: the construct findings name, and the tier and platform the rules see. */
export interface PolicySubject {
  /** The construct path of the dependency or service, e.g. `payments-prod/orders-db`. */
  readonly path: string;
  /** The tier of its environment: some rules apply from a tier up (deletion protection in production). */
  readonly tier: Tier;
  /** The platform of its environment. */
  readonly platform: Platform;
}

/** One violation of one data-security rule by the arguments of one cloud resource. */
export interface CloudFinding {
  /** The rule that objected. */
  readonly rule: IRule;
  /** The construct path of the dependency or service. */
  readonly path: string;
  /** `<type token>/<logical name>`. */
  readonly resource: string;
  /** The field, what was found and what was expected. */
  readonly violation: Violation;
}

/**
 * Checks the arguments a component is about to pass to a resource constructor (defaults and
 * overrides merged) against the data-security pack, and stops before the resource is created if
 * any rule objects. Call it immediately before `new <Resource>(name, args)`.
 */
export function checkCloudResource(subject: PolicySubject, kind: string, name: string, args: object): void {
  const resource = { kind, metadata: { name }, spec: args };
  // Cloud resources are checked one at a time, before their siblings exist: there is no chart to relate to.
  const context: RuleContext = { tier: subject.tier, allowedRegistries: subject.platform.registries, chartObjects: [] };
  const findings = DataSecurityPack.rules()
    .filter((rule) => rule.kinds.includes(kind) || rule.kinds.includes('*'))
    .flatMap((rule) => rule.check(resource, context).map((violation) => ({ rule, path: subject.path, resource: `${kind}/${name}`, violation })));
  enforceCloudFindings(subject, findings);
}

/**
 * Policy engine integration point: where findings on cloud resources meet enforcement.
 *
 * Today every finding fails the Pulumi program, because every data-security rule is a security
 * rule and security rules are enforced in every tier. Routing this through the policy engine
 * (src/policy) gives cloud findings the same model as Kubernetes ones: per-rule and per-tier
 * enforcement (warn mode for a rule being rolled out), suppressions naming the rule, the
 * construct and a reason, and the console, JSON and SARIF reports.
 */
export function enforceCloudFindings(subject: PolicySubject, findings: CloudFinding[]): void {
  if (findings.length === 0) return;
  throw new PavedError(subject.path, `cloud resource arguments break the data-security policy\n${findings.map(formatFinding).join('\n')}`);
}

/** A finding as people read it: rule, construct, resource; what was found and expected; the fix. */
export function formatFinding(finding: CloudFinding): string {
  const { rule, path, resource, violation } = finding;
  return [
    `✖ ${rule.id}  ${path}  ${resource}`,
    `  ${violation.field} is ${violation.found} — expected ${violation.expected}`,
    `  fix: ${rule.remediation}`,
  ].join('\n');
}
