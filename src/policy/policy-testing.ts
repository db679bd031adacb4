import { IConstruct } from 'constructs';
import { Finding } from './finding';
import { formatFinding } from './finding-format';
import { Policy } from './policy';
import { IRule } from './rule';
import { RulePack } from './rule-pack';

/** What `PolicyTesting` checks a scope against. */
export interface PolicyTestOptions {
  /**
   * Check against exactly these packs (with `rules`), whatever the app or platform configured.
   *
   * @default - the app's policy: its platform's packs and whatever `Policy.of(app)` added
   */
  readonly packs?: RulePack[];
  /**
   * Check against exactly these rules (with `packs`); the way to test a custom rule.
   *
   * @default - the app's policy
   */
  readonly rules?: IRule[];
  /**
   * The day suppression expiry is judged on, ISO `YYYY-MM-DD`.
   *
   * @default - the date set with `Policy.of(app).asOf()`, else today
   */
  readonly asOf?: string;
}

/**
 * Test helpers for policy, free of any test framework: they return findings or throw an `Error`
 * that lists them, so they read well in jest, mocha or node's test runner.
 *
 * ```ts
 * const chart = Testing.chart();
 * new ApiObject(chart, 'pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { hostNetwork: true } });
 * PolicyTesting.assertYields(chart, ['pss.baseline.host-namespaces'], { packs: [RulePacks.POD_SECURITY_RESTRICTED] });
 * ```
 */
export class PolicyTesting {
  /**
   * Every finding under `scope`, whatever its enforcement, acknowledged ones included (they carry
   * an `acknowledgement`). Never fails on enforced findings.
   */
  public static findings(scope: IConstruct, options: PolicyTestOptions = {}): Finding[] {
    const only = options.packs || options.rules
      ? [...(options.packs ?? []).flatMap((p) => p.rules), ...(options.rules ?? [])]
      : undefined;
    return Policy._evaluate(scope, only, options.asOf).findings;
  }

  /** The ids of the rules with unacknowledged findings under `scope`, sorted and without repeats. */
  public static ruleIds(scope: IConstruct, options: PolicyTestOptions = {}): string[] {
    return [...new Set(open(PolicyTesting.findings(scope, options)).map((f) => f.ruleId))].sort();
  }

  /**
   * Throws an `Error` listing every unacknowledged finding under `scope`, warnings included: a
   * scope that passes has none.
   */
  public static assertPasses(scope: IConstruct, options: PolicyTestOptions = {}): void {
    const findings = open(PolicyTesting.findings(scope, options));
    if (findings.length > 0) {
      throw new Error(`expected ${scope.node.path || 'the app'} to pass policy, but it has ${findings.length} finding(s):\n${findings.map(formatFinding).join('\n')}`);
    }
  }

  /**
   * Throws an `Error` unless the rules with unacknowledged findings under `scope` are exactly
   * `ruleIds` (in any order), listing the findings when they are not.
   */
  public static assertYields(scope: IConstruct, ruleIds: string[], options: PolicyTestOptions = {}): void {
    const findings = open(PolicyTesting.findings(scope, options));
    const actual = [...new Set(findings.map((f) => f.ruleId))].sort();
    const expected = [...new Set(ruleIds)].sort();
    if (actual.join('\n') !== expected.join('\n')) {
      throw new Error(
        `expected findings of [${expected.join(', ')}] under ${scope.node.path || 'the app'}, got [${actual.join(', ')}]`
        + (findings.length > 0 ? `:\n${findings.map(formatFinding).join('\n')}` : ''),
      );
    }
  }

  private constructor() {}
}

function open(findings: Finding[]): Finding[] {
  return findings.filter((f) => !f.acknowledgement);
}
