import { EnvironmentFacts } from '../environment/environment-facts';
import { DeclaredPeer } from '../network/declared-peers';
import { Tier } from '../platform/tier';

/** How serious a violation of a rule is; maps onto SARIF levels and report ordering. */
export enum Severity {
  /** Hygiene: worth fixing, rarely urgent. */
  LOW = 'low',
  /** Weakens reliability or operability. */
  MEDIUM = 'medium',
  /** Weakens isolation or exposes data. */
  HIGH = 'high',
  /** Breaks a security boundary outright (privileged, host access, leaked secret). */
  CRITICAL = 'critical',
}

/** What a rule does when it finds a violation. */
export enum Enforcement {
  /** Fail the synth and list every finding. */
  ENFORCE = 'enforce',
  /** Report the finding and carry on; the way a new rule is rolled out. */
  WARN = 'warn',
  /** Do not evaluate the rule. */
  OFF = 'off',
}

/** What a rule guards, which decides its default enforcement. */
export enum RuleCategory {
  /** Security rules default to enforce in every tier. */
  SECURITY = 'security',
  /** Reliability rules: the platform picks their enforcement per tier. */
  RELIABILITY = 'reliability',
  /** Cost and hygiene rules: the platform picks their enforcement per tier. */
  HYGIENE = 'hygiene',
  /**
   * Advice about what no rule can check (whether a migration is backward compatible): warns in
   * every tier and never fails a synth unless the platform's overrides enforce it.
   */
  ADVISORY = 'advisory',
}

/** The check names other scanners use for the same control, so one acknowledgement quiets them all. */
export interface ScannerChecks {
  /** kube-linter check names (`ignore-check.kube-linter.io/<check>`). @default - none */
  readonly kubeLinter?: string[];
  /** Polaris check ids (`polaris.fairwinds.com/<check>-exempt`). @default - none */
  readonly polaris?: string[];
  /** Checkov check ids (`checkov.io/skip<n>: <id>=<reason>`). @default - none */
  readonly checkov?: string[];
  /** kube-score check ids (`kube-score/ignore: <id>,<id>`). @default - none */
  readonly kubeScore?: string[];
}

/** What a rule sees besides the object it checks. */
export interface RuleContext {
  /** The tier of the environment the object belongs to (production when it belongs to none). */
  readonly tier: Tier;
  /** Image registries the platform allows, e.g. `registry.acme.dev`. */
  readonly allowedRegistries: string[];
  /** Every synthesized object of the same chart, for rules that relate objects (PDB, NetworkPolicy). */
  readonly chartObjects: any[];
  /**
   * The environment the object belongs to: its namespace, the guardrails its platform and tier
   * set, and where its traffic may enter. Guardrail and exposure rules compare against these.
   *
   * @default - the object belongs to no Environment: there are no guardrails to compare
   * against, and no host or ingress class is allowed
   */
  readonly environment?: EnvironmentFacts;
  /**
   * What network rules know about the chart: its environment's namespace, the platform's
   * private ranges and the cross-namespace peers Paved's constructs opened.
   *
   * @default - no environment namespace, the default private ranges, no declared peer
   */
  readonly network?: NetworkFacts;
}

/** The network facts of one chart, for the network rules. */
export interface NetworkFacts {
  /**
   * The namespace of the chart's Environment, where every namespaced object of the chart belongs.
   *
   * @default - the chart is no Environment: objects may be in any namespace
   */
  readonly environmentNamespace?: string;
  /** The ranges inside the platform's network (`PlatformProps.network.privateCidrs`). */
  readonly privateCidrs: string[];
  /** The pods of other namespaces Paved's constructs opened the chart's NetworkPolicies to. */
  readonly declaredPeers: DeclaredPeer[];
}

/** One violation a rule found in one object. */
export interface Violation {
  /** JSON path of the offending field, e.g. `spec.template.spec.containers[0].securityContext.privileged`. */
  readonly field: string;
  /** What was found, rendered for people, e.g. `true` or `absent`. */
  readonly found: string;
  /** What the rule expects, rendered for people, e.g. `false or absent`. */
  readonly expected: string;
}

/**
 * A policy rule: data plus a pure check over one synthesized object.
 *
 * Rules see what is actually synthesized (after every escape hatch), never the props.
 */
export interface IRule {
  /** Stable id, dotted, e.g. `pss.restricted.capabilities`. */
  readonly id: string;
  /** One line for people. */
  readonly title: string;
  readonly severity: Severity;
  readonly category: RuleCategory;
  /** Why the rule exists. */
  readonly rationale: string;
  /** How to fix a violation. */
  readonly remediation: string;
  /** The `kind`s the rule looks at; `*` for every kind. */
  readonly kinds: string[];
  /** Equivalent checks in other scanners. @default - none */
  readonly scannerChecks?: ScannerChecks;
  /** Check one object; return every violation, or none. Must be pure: no I/O, no clock, no state. */
  check(object: any, context: RuleContext): Violation[];
}
