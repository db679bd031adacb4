import { Construct, IConstruct } from 'constructs';
import { PavedError } from '../errors';
import { requireNonEmpty, show } from '../validate';
import { CHECKABLE_RULE_ID } from './checked-objects';
import { acknowledgementOf, evaluate, Evaluation, indexSuppressions, suppressionsCovering, unsuppressibleError } from './evaluation';
import { Acknowledgement, Finding } from './finding';
import { formatFinding } from './finding-format';
import { policyContextOf } from './policy-context';
import { RuleConfiguration, validateRuleConfiguration } from './policy-settings';
import { Enforcement, IRule } from './rule';
import { AppPolicyChoices, ConfiguredRule, reservedRuleError, RuleBook } from './rule-book';
import { RulePack } from './rule-pack';
import { validateRule } from './rule-validation';
import { createSuppression, isExpired, pathOf, requireIsoDate, Suppression, SuppressionOptions } from './suppression';
import { attachSynth, configureSynthConsole, synthResultOf } from '../synth/synth-pipeline';
import { POLICY_STAGE } from '../synth/synth-stage';

const POLICY_SYMBOL = Symbol.for('paved.Policy');
/** The engine's construct id under the App; not a DNS label, so it cannot collide with a chart's. */
const POLICY_ID = 'Paved.Policy';
/** How errors about the app's own policy choices name where they were made. */
const POLICY_PATH = 'Policy.of(app)';

/** What `app.synth()` reports besides the manifests. */
export interface PolicyReportOptions {
  /**
   * Print a summary of the findings to standard error.
   *
   * @default true
   */
  readonly console?: boolean;
  /**
   * Write `paved-policy.json` and `paved-policy.sarif`.
   *
   * @default true
   */
  readonly files?: boolean;
  /**
   * Where to write the report files.
   *
   * @default - `paved-reports/` in the app's `outdir`, beside the manifests
   */
  readonly directory?: string;
}

/** A rule as it applies to one resource declared outside Kubernetes (a cloud resource). */
export interface ResourceRule {
  /** The rule. */
  readonly rule: IRule;
  /** What the rule does in the declaring construct's tier; never `off` (those rules are left out). */
  readonly enforcement: Enforcement;
  /**
   * The suppression that covers the declaring construct, when one does and has not expired.
   *
   * @default - none
   */
  readonly acknowledgement?: Acknowledgement;
  /**
   * The suppression that covered the declaring construct until it expired; a finding under it fails.
   *
   * @default - none
   */
  readonly expiredAcknowledgement?: Acknowledgement;
}

/**
 * The policy engine of one app: checks every synthesized Kubernetes object against the rules
 * that apply in its environment, reports what it finds, and fails the synth on any enforced
 * finding, before a single manifest is written.
 *
 * Every Environment attaches it, so product teams get their platform's policy without writing
 * anything. An app may add packs and rules and tune enforcement on top:
 *
 * ```ts
 * Policy.of(app).use(RulePacks.NETWORK);
 * Policy.of(app).configure('workload.read-only-root-fs', { enforcement: Enforcement.WARN, tiers: [Tier.PREVIEW] });
 * Policy.suppress(legacyService, 'workload.read-only-root-fs', { reason: 'writes to /var/cache until PAY-123 ships', expires: '2027-03-31' });
 * ```
 *
 * It runs on `app.synth()`, `app.synthYaml()`, `Testing.synth(chart)` and `chart.toJson()`.
 * `app.synth()` also prints a summary and writes `paved-policy.json` and `paved-policy.sarif`.
 */
export class Policy extends Construct {
  /**
   * The policy engine of the app `scope` belongs to, attached on first use.
   */
  public static of(scope: IConstruct): Policy {
    const root = scope.node.root;
    const existing = root.node.tryFindChild(POLICY_ID);
    if (existing) return existing as Policy;
    return new Policy(root, POLICY_ID);
  }

  /**
   * Whether `x` is a policy engine (works across copies of the library).
   */
  public static isPolicy(x: any): x is Policy {
    return x !== null && typeof x === 'object' && POLICY_SYMBOL in x;
  }

  /**
   * Accepts a rule's findings on `scope` and everything under it: the documented, visible way
   * off the golden path. The reason is recorded in the reports and, as annotations, on the
   * affected objects (`acknowledged.paved.dev/<rule-id>`, plus the kube-linter, Polaris and
   * Checkov equivalents the rule declares).
   *
   * @param scope the construct whose objects (and whose children's objects) the rule may flag
   * @param ruleId the rule to accept, e.g. `workload.read-only-root-fs`
   * @throws PavedError when the reason is empty, the expiry is not a date, the platform forbids
   *   suppressing the rule, or (at synth) no rule has this id
   */
  public static suppress(scope: IConstruct, ruleId: string, options: SuppressionOptions): void {
    const suppression = createSuppression(scope, ruleId, options);
    if (ruleId === CHECKABLE_RULE_ID) throw reservedRuleError(pathOf(scope), `suppress(${show(ruleId)})`);
    // Checked here when the environment is already known, so the error points at this line; the
    // synth checks again for suppressions made above an environment.
    const context = policyContextOf(scope);
    if (context.settings?.unsuppressible?.includes(ruleId)) {
      throw unsuppressibleError(scope, ruleId, context.platformName!);
    }
    const policy = Policy.of(scope);
    if (policy.suppressions.some((s) => s.scope === scope && s.ruleId === ruleId)) {
      throw new PavedError(pathOf(scope), `suppress(${show(ruleId)}): this construct already suppresses the rule; keep one suppression with one reason`);
    }
    policy.suppressions.push(suppression);
  }

  /**
   * Evaluates a scope with the app's policy (when the app has one), or with exactly the given rules.
   *
   * @internal
   */
  public static _evaluate(scope: IConstruct, only?: IRule[], asOf?: string): Evaluation {
    const existing = scope.node.root.node.tryFindChild(POLICY_ID);
    if (existing) return (existing as Policy).evaluateScope(scope, only, asOf);
    if (asOf !== undefined) requireIsoDate(POLICY_PATH, 'asOf', asOf);
    const book = new RuleBook({ path: POLICY_PATH, packs: [], rules: [], configurations: [] }, only);
    return evaluate({ scope, book, suppressions: [], today: asOf ?? todayUtc() });
  }

  private readonly packs: RulePack[] = [];
  private readonly rules: IRule[] = [];
  private readonly configurations: ConfiguredRule[] = [];
  private readonly suppressions: Suppression[] = [];
  private reportOptions: PolicyReportOptions = {};
  private date?: string;

  private constructor(root: IConstruct, id: string) {
    super(root as Construct, id);
    Object.defineProperty(this, POLICY_SYMBOL, { value: true });
    // The synth in progress evaluated the app already; cdk8s validates it once per chart it writes.
    this.node.addValidation({
      validate: () => this.failures((synthResultOf(root, POLICY_STAGE) as Evaluation | undefined) ?? this.evaluateScope(root)),
    });
    // An app that configures policy before (or without) any Environment is checked on synth too.
    attachSynth(root);
  }

  /**
   * Checks the app against these packs as well, everywhere: in each environment next to its
   * platform's packs (an app can add packs, not drop them), and in charts outside any
   * environment instead of the built-in default.
   */
  public use(...packs: RulePack[]): Policy {
    packs.forEach((pack, i) => {
      if (!(pack instanceof RulePack)) {
        throw new PavedError(POLICY_PATH, `use(): pack ${i + 1} ${show(pack)} must be a RulePack (e.g. RulePacks.POD_SECURITY_RESTRICTED)`);
      }
      if (!this.packs.includes(pack)) this.packs.push(pack);
    });
    return this;
  }

  /**
   * Checks the app against a rule of the app's own, in every chart. A custom rule is a plain
   * object: an id, some text for people, the kinds it looks at and a pure `check`.
   *
   * ```ts
   * Policy.of(app).addRule({
   *   id: 'acme.image-digest',
   *   title: 'Images are pinned by digest',
   *   severity: Severity.MEDIUM,
   *   category: RuleCategory.SECURITY,
   *   rationale: 'A tag can be moved; a digest cannot.',
   *   remediation: 'reference the image as name@sha256:...',
   *   kinds: ['Deployment'],
   *   check: (o) => o.spec.template.spec.containers
   *     .map((c: any, i: number) => ({ c, i }))
   *     .filter(({ c }: any) => !c.image.includes('@sha256:'))
   *     .map(({ c, i }: any) => ({ field: `spec.template.spec.containers[${i}].image`, found: c.image, expected: 'a digest reference' })),
   * });
   * ```
   *
   * Test it with `PolicyTesting.assertYields(chart, ['acme.image-digest'], { rules: [rule] })` on
   * a chart that breaks it and `PolicyTesting.assertPasses(...)` on one that does not.
   */
  public addRule(rule: IRule): Policy {
    validateRule(POLICY_PATH, 'addRule(rule)', rule);
    if (!this.rules.includes(rule)) this.rules.push(rule);
    return this;
  }

  /**
   * Sets how strictly a rule applies, in every tier or the tiers listed; layered over the
   * platform's settings, and later calls win. Rolling a new rule out in warn mode before
   * enforcing it is the intended use.
   *
   * Every relaxation (a rule set below what the platform left it at) is listed in the reports.
   *
   * @throws PavedError at synth when no rule has this id (naming the nearest ids), when the
   *   platform marks the rule unsuppressible and this would relax it, or when this would set a Pod
   *   Security rule (`pss.*`) below enforce where the platform does not name it in `policy.relaxable`
   */
  public configure(ruleId: string, configuration: RuleConfiguration): Policy {
    requireNonEmpty(POLICY_PATH, 'configure(ruleId)', ruleId);
    validateRuleConfiguration(POLICY_PATH, `configure(${show(ruleId)})`, configuration);
    this.configurations.push({ ruleId, configuration: { ...configuration, tiers: configuration.tiers && [...configuration.tiers] } });
    return this;
  }

  /**
   * Judges suppression expiry as of this day instead of today, so a test or a re-run of an old
   * commit gives the same answer on any day.
   *
   * @param date ISO `YYYY-MM-DD`
   */
  public asOf(date: string): Policy {
    requireIsoDate(POLICY_PATH, 'asOf', date);
    this.date = date;
    return this;
  }

  /**
   * Chooses what `app.synth()` reports besides the manifests.
   */
  public configureReports(options: PolicyReportOptions): Policy {
    this.reportOptions = { ...this.reportOptions, ...options };
    configureSynthConsole(this.node.root, this.reportOptions.console !== false);
    return this;
  }

  /** What `app.synth()` reports besides the manifests, as configured. @internal */
  public get _reportOptions(): PolicyReportOptions {
    return this.reportOptions;
  }

  /**
   * Evaluates the whole app now and returns every finding, acknowledged ones included, in a
   * stable order. Does not fail on enforced findings; the synth does.
   */
  public findings(): Finding[] {
    return this.evaluateScope(this.node.root).findings;
  }

  /**
   * The rules that apply to a resource of `kind` that `scope` declares outside Kubernetes, each
   * with its enforcement in `scope`'s tier and the suppression covering `scope`. `paved/pulumi`
   * checks every cloud resource's arguments with it before creating the resource, so findings on
   * cloud resources follow the same enforcement and suppression model as Kubernetes objects.
   *
   * @param scope the construct that declares the resource (a dependency or a service)
   * @param kind the resource's type, e.g. `aws:rds/instance:Instance`
   */
  public rulesForResource(scope: IConstruct, kind: string): ResourceRule[] {
    const book = new RuleBook({ path: POLICY_PATH, packs: this.packs, rules: this.rules, configurations: this.configurations });
    const context = policyContextOf(scope);
    book.checkIds([context]);
    const today = this.date ?? todayUtc();
    const covering = suppressionsCovering(scope, indexSuppressions(this.suppressions));
    return book.rulesFor(context, kind)
      .filter((active) => active.enforcement !== Enforcement.OFF)
      .map(({ rule, enforcement }) => {
        const suppression = covering.get(rule.id);
        if (!suppression) return { rule, enforcement };
        const acknowledgement = acknowledgementOf(suppression);
        return isExpired(suppression, today)
          ? { rule, enforcement, expiredAcknowledgement: acknowledgement }
          : { rule, enforcement, acknowledgement };
      });
  }

  private evaluateScope(scope: IConstruct, only?: IRule[], asOf?: string): Evaluation {
    if (asOf !== undefined) requireIsoDate(POLICY_PATH, 'asOf', asOf);
    const choices: AppPolicyChoices = {
      path: POLICY_PATH,
      packs: this.packs,
      rules: this.rules,
      configurations: this.configurations,
    };
    return evaluate({
      scope,
      book: new RuleBook(choices, only),
      suppressions: this.suppressions,
      today: asOf ?? this.date ?? todayUtc(),
    });
  }

  /** The validation errors for an evaluation: one message listing every enforced finding and expired suppression. */
  private failures(evaluation: Evaluation): string[] {
    const { enforced, errors } = evaluation;
    if (enforced.length === 0 && errors.length === 0) return [];
    const counts = [
      enforced.length > 0 ? plural(enforced.length, 'enforced finding') : undefined,
      errors.length > 0 ? plural(errors.length, 'expired suppression') : undefined,
    ].filter((c) => c !== undefined).join(' and ');
    return [[
      `Paved policy failed with ${counts}. Fix each one, or acknowledge it with Policy.suppress(construct, ruleId, { reason }).`,
      ...enforced.map(formatFinding),
      ...errors,
    ].join('\n')];
  }
}

/** Today's date in UTC, the one thing the engine reads from the clock. */
function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
