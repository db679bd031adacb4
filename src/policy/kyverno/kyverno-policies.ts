import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { AdmissionValidation, translate } from './admission-rules';
import { AUTOGEN_CONTROLLERS_ANNOTATION, autogenScope, withPodCondition } from './autogen';
import { DEFAULT_PRIVATE_CIDRS } from '../../network/network-settings';
import { Labels } from '../../platform/labels';
import { Platform } from '../../platform/platform';
import { Tier } from '../../platform/tier';
import { PolicyContext } from '../policy-context';
import { Enforcement, IRule } from '../rule';
import { ActiveRule, RuleBook } from '../rule-book';
import { RulePack } from '../rule-pack';
import { RulePacks } from '../rule-packs';

/** The annotation that names the Paved rule a ClusterPolicy enforces. */
const RULE_ID_ANNOTATION = 'paved.dev/rule-id';

/** Where a built-in or custom rule stands at admission. */
export interface AdmissionCoverage {
  /** The Paved rule id. */
  readonly ruleId: string;
  /** Whether the rule is exported as a Kyverno ClusterPolicy. */
  readonly exported: boolean;
  /**
   * Why the rule is not exported.
   *
   * @default - none: the rule is exported
   */
  readonly reason?: string;
}

/** What the cluster should enforce, and where not. */
export interface KyvernoPoliciesProps {
  /**
   * The platform whose policy the cluster enforces: its packs and rules, its per-rule
   * enforcement, and its registries for the registry rule.
   *
   * @default - no platform: the packs below, security rules enforced, others enforced from staging up
   */
  readonly platform?: Platform;
  /**
   * The tier of the workloads the cluster runs, which decides which rules enforce and which
   * only audit, exactly as at synth time.
   *
   * @default Tier.PRODUCTION - the strictest, so nothing deployed around Paved is held to less
   */
  readonly tier?: Tier;
  /**
   * Packs to export besides the platform's.
   *
   * @default - RulePacks.all() when there is no platform; none besides the platform's otherwise
   */
  readonly packs?: RulePack[];
  /**
   * Namespaces the policies leave alone: the control plane's and the admission controller's own.
   *
   * @default ['kube-system', 'kube-public', 'kube-node-lease', 'kyverno']
   */
  readonly excludedNamespaces?: string[];
  /**
   * The team that owns the policies, written as the owner label.
   *
   * @default 'platform'
   */
  readonly team?: string;
}

/**
 * Admission parity: the Paved rules that Kyverno can express, as `kyverno.io/v1` ClusterPolicies,
 * so the cluster enforces what synth checks for anything deployed outside Paved (a kubectl apply,
 * another tool's chart).
 *
 * Each policy carries the Paved rule id in `paved.dev/rule-id`, validates in the background as
 * well as at admission, and enforces (`Enforce`) or reports (`Audit`, each rule's
 * `validate.failureAction`) as the rule does at synth in the given tier. A rule about long-running
 * workloads names them in `pod-policies.kyverno.io/autogen-controllers` and passes over the Pods
 * of Jobs, as the synth does. `KyvernoPolicies.coverage()` lists what is not exported and why.
 *
 * ```ts
 * new KyvernoPolicies(app, 'admission', { platform, tier: Tier.PRODUCTION });
 * ```
 */
export class KyvernoPolicies extends Chart {
  /**
   * Which rules of `packs` are exported and, for the others, why not.
   *
   * @param packs the packs to report on
   * @param allowedRegistries the platform's registries (the registry rule needs at least one)
   */
  public static coverage(packs: RulePack[], allowedRegistries: string[] = []): AdmissionCoverage[] {
    const rules = new Map<string, IRule>();
    for (const rule of packs.flatMap((p) => p.rules)) rules.set(rule.id, rule);
    return [...rules.values()].map((rule) => {
      const translation = translate(rule.id, rule.kinds, allowedRegistries);
      return typeof translation === 'string' ? { ruleId: rule.id, exported: false, reason: translation } : { ruleId: rule.id, exported: true };
    });
  }

  /** The ClusterPolicies, one per exported rule, in rule id order. */
  public readonly policies: ApiObject[];

  constructor(scope: Construct, id: string, props: KyvernoPoliciesProps = {}) {
    super(scope, id);
    const tier = props.tier ?? Tier.PRODUCTION;
    const platform = props.platform;
    const packs = props.packs ?? (platform ? [] : RulePacks.all());
    // The synth-time rule book decides enforcement, so the cluster and the synth always agree.
    const book = new RuleBook({ path: this.node.path, packs, rules: [], configurations: [] });
    const context: PolicyContext = platform
      ? {
        tier,
        allowedRegistries: [...platform.registries],
        platformName: platform.name,
        settings: platform.policy,
        platform,
        privateCidrs: [...platform.privateCidrs],
      }
      : { tier, allowedRegistries: [], privateCidrs: [...DEFAULT_PRIVATE_CIDRS] };
    const excluded = props.excludedNamespaces ?? ['kube-system', 'kube-public', 'kube-node-lease', 'kyverno'];
    const labels = {
      [Labels.NAME]: 'paved-admission',
      [Labels.MANAGED_BY]: Labels.MANAGED_BY_PAVED,
      [Labels.TEAM]: props.team ?? 'platform',
    };
    this.policies = book.activeRules(context).flatMap((active) => {
      const translation = translate(active.rule.id, active.rule.kinds, context.allowedRegistries);
      return typeof translation === 'string' ? [] : [this.policy(active, translation, excluded, labels)];
    });
  }

  private policy(active: ActiveRule, validations: AdmissionValidation[], excluded: string[], labels: { [key: string]: string }): ApiObject {
    const { rule, enforcement } = active;
    const name = `paved-${rule.id.replace(/[._]/g, '-')}`;
    const autogen = autogenScope(rule.kinds);
    // Per rule: the spec-level validationFailureAction is deprecated in current Kyverno.
    const failureAction = enforcement === Enforcement.ENFORCE ? 'Enforce' : 'Audit';
    return new ApiObject(this, name, {
      apiVersion: 'kyverno.io/v1',
      kind: 'ClusterPolicy',
      metadata: {
        name,
        labels,
        annotations: {
          [RULE_ID_ANNOTATION]: rule.id,
          'policies.kyverno.io/title': rule.title,
          'policies.kyverno.io/category': `Paved ${rule.category}`,
          'policies.kyverno.io/severity': rule.severity,
          'policies.kyverno.io/subject': 'Pod',
          'policies.kyverno.io/description': rule.rationale,
          ...autogen.controllers ? { [AUTOGEN_CONTROLLERS_ANNOTATION]: autogen.controllers } : {},
        },
      },
      spec: {
        background: true,
        rules: validations.map((v) => {
          const preconditions = withPodCondition(v.preconditions, autogen);
          return {
            name: v.name,
            match: { any: [{ resources: { kinds: ['Pod'] } }] },
            ...excluded.length > 0 ? { exclude: { any: [{ resources: { namespaces: [...excluded] } }] } } : {},
            ...preconditions ? { preconditions } : {},
            validate: { failureAction, message: `${rule.id}: ${rule.title}. ${rule.remediation}`, ...v.validate },
          };
        }),
      },
    });
  }
}

