import * as pulumi from '@pulumi/pulumi';
import type { IConstruct } from 'constructs';
import { PavedError } from './errors';
import { CloudCluster } from './network';
import { Enforcement, Errors, Policy } from 'paved';
import type { Acknowledgement, CloudAccount, CloudResource, IRule, Platform, RuleContext, Tier, Violation } from 'paved';

/** What a cloud resource belongs to: the construct findings name, and the tier and platform the rules see. */
export interface PolicySubject {
  /** The dependency or service that declares the resource; suppressions made on it or above it apply. */
  readonly construct: IConstruct;
  /** The construct path of the dependency or service, e.g. `payments-prod/orders-db`. */
  readonly path: string;
  /** The tier of its environment: some rules apply from a tier up (deletion protection in production). */
  readonly tier: Tier;
  /** The platform of its environment. */
  readonly platform: Platform;
  /** The cluster whose service accounts may assume the subject's roles. @default - none: no role may trust a web identity */
  readonly cluster?: CloudCluster;
  /** The token subject (`system:serviceaccount:<namespace>:<name>`) the subject's role is made for. @default - none */
  readonly serviceAccountSubject?: string;
}

/** One violation of one data-security rule by the arguments of one cloud resource. */
export interface CloudFinding {
  /** The rule that objected. */
  readonly rule: IRule;
  /** What the rule does in the subject's tier. */
  readonly enforcement: Enforcement;
  /** The construct path of the dependency or service. */
  readonly path: string;
  /** `<type token>/<logical name>`. */
  readonly resource: string;
  /** The field, what was found and what was expected. */
  readonly violation: Violation;
  /** The suppression that accepts the finding, if one covers the subject. */
  readonly acknowledgement?: Acknowledgement;
  /** A suppression that covered the subject but has expired: the finding fails. */
  readonly expiredAcknowledgement?: Acknowledgement;
}

/**
 * Checks the arguments a component is about to pass to a resource constructor (defaults and
 * overrides merged) against the app's policy — the data-security pack unless the platform chose
 * otherwise — and stops before the resource is created if an enforced rule objects. Enforcement
 * per rule and tier and suppressions (`Policy.suppress(dependency, ruleId, { reason })`) are the
 * same as for Kubernetes objects. Paved's components run it on every resource they create, after
 * every transformation (`guardChildren`); call it yourself on resources you create beside them.
 */
export function checkCloudResource(subject: PolicySubject, kind: string, name: string, args: object): void {
  const resource: CloudResource = { kind, metadata: { name }, spec: args as CloudResource['spec'], account: accountOf(subject) };
  // Cloud resources are checked one at a time, before their siblings exist: there is no chart to relate to.
  const context: RuleContext = { tier: subject.tier, allowedRegistries: subject.platform.registries, chartObjects: [] };
  const findings: CloudFinding[] = [];
  for (const applied of Policy.of(subject.construct).rulesForResource(subject.construct, kind)) {
    for (const violation of applied.rule.check(resource, context)) {
      findings.push({
        rule: applied.rule,
        enforcement: applied.enforcement,
        acknowledgement: applied.acknowledgement,
        expiredAcknowledgement: applied.expiredAcknowledgement,
        path: subject.path,
        resource: `${kind}/${name}`,
        violation,
      });
    }
  }
  enforceCloudFindings(subject, findings);
}

/** The account facts the access rules compare against, from the platform's aws settings and the cluster. */
function accountOf(subject: PolicySubject): CloudAccount | undefined {
  const aws = subject.platform.aws;
  if (aws === undefined) return undefined;
  const cluster = subject.cluster;
  return {
    accountId: aws.accountId,
    privateNetworkCidrs: aws.privateNetworkCidrs,
    ...(cluster === undefined ? {} : { oidcProviderArn: cluster.oidcProviderArn, oidcIssuer: oidcIssuer(cluster) }),
    ...(subject.serviceAccountSubject === undefined ? {} : { serviceAccountSubject: subject.serviceAccountSubject }),
  };
}

/** The issuer as IAM condition keys spell it: the URL without `https://`. */
export function oidcIssuer(cluster: CloudCluster): string {
  return cluster.oidcProviderUrl.replace(/^https:\/\//, '');
}

/**
 * Reports acknowledged and warned findings through Pulumi's log, and fails on enforced ones and
 * on findings whose suppression expired, listing every one of them.
 */
export function enforceCloudFindings(subject: PolicySubject, findings: CloudFinding[]): void {
  const failing: string[] = [];
  for (const finding of findings) {
    if (finding.acknowledgement) {
      const { reason, expires, path } = finding.acknowledgement;
      void pulumi.log.info(Errors.maskSecrets(`acknowledged ${finding.rule.id} on ${finding.resource} (suppressed at ${path}${expires ? ` until ${expires}` : ''}: ${reason})`));
    } else if (finding.expiredAcknowledgement) {
      const { expires, path } = finding.expiredAcknowledgement;
      failing.push(`${formatFinding(finding)}\n  the suppression at ${path} expired on ${expires}`);
    } else if (finding.enforcement === Enforcement.WARN) {
      void pulumi.log.warn(formatFinding(finding).replace(/^✖/, '⚠'));
    } else {
      failing.push(formatFinding(finding));
    }
  }
  if (failing.length > 0) {
    throw new PavedError(subject.path, `cloud resource arguments break the data-security policy\n${failing.join('\n')}`);
  }
}

/** A finding as people read it: rule, construct, resource; what was found and expected; the fix. */
export function formatFinding(finding: CloudFinding): string {
  const { rule, path, resource, violation } = finding;
  // Pulumi's log is outside PavedError: what a rule says about a value is masked here too.
  return Errors.maskSecrets([
    `✖ ${rule.id}  ${path}  ${resource}`,
    `  ${violation.field} is ${violation.found} — expected ${violation.expected}`,
    `  fix: ${rule.remediation}`,
  ].join('\n'));
}
