import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { PavedError } from '../errors';
import { declaredPeersOf } from '../network/declared-peers';
import { maskSecrets } from '../secret-detector';
import { show } from '../validate';
import { acknowledgementAnnotations, AppliedSuppression } from './acknowledgement-annotations';
import { CHECKABLE_RULE, checkedObjects } from './checked-objects';
import { compareStrings } from '../compare';
import { Acknowledgement, Finding } from './finding';
import { unknownIdHint } from '../nearest-ids';
import { ownerPath } from './owner-path';
import { platformAcknowledgement } from './platform-exceptions';
import { PolicyContext, policyContextOf } from './policy-context';
import { Enforcement, IRule, RuleContext, Violation } from './rule';
import { Relaxation, RuleBook } from './rule-book';
import { isExpired, pathOf, Suppression } from './suppression';
import { Tier } from '../platform/tier';

/** @internal */
export interface EvaluationInput {
  /** Everything under this construct is checked (the whole app on synth). */
  readonly scope: IConstruct;
  readonly book: RuleBook;
  readonly suppressions: Suppression[];
  /** ISO date that suppression expiry is judged against. */
  readonly today: string;
}

/** How one suppression was used in an evaluation. @internal */
export interface SuppressionUse {
  readonly suppression: Suppression;
  readonly rule: IRule;
  /** How many findings it acknowledged. */
  readonly acknowledged: number;
  readonly expired: boolean;
}

/**
 * The rendered document a finding's object is written in: the object itself, or the List (or
 * sequence) that holds it.
 *
 * @internal
 */
export interface ManifestDocument {
  readonly chart: Chart;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  /** The rendering when it is an object; otherwise what the construct declares, for naming it. */
  readonly json: any;
}

/**
 * One relaxation of one rule by one setting, with every tier of the scope it holds in.
 *
 * @internal
 */
export interface RelaxedRule {
  readonly rule: IRule;
  /** `Platform(<name>)` or `Policy.of(app)`. */
  readonly configuredBy: string;
  /** Tier names, lowest first. */
  readonly tiers: string[];
  readonly enforcement: Enforcement;
  /** What the rule would do without the setting. */
  readonly defaultEnforcement: Enforcement;
}

/** @internal */
export interface Evaluation {
  /** Every finding, acknowledged ones included, in a stable order. */
  readonly findings: Finding[];
  /** Findings that fail the synth: enforced and not acknowledged. */
  readonly enforced: Finding[];
  /** Problems that fail the synth besides enforced findings (expired suppressions). */
  readonly errors: string[];
  /** How many objects were checked. */
  readonly objects: number;
  /** Every rule that applies somewhere in the scope, by id. */
  readonly rules: IRule[];
  readonly suppressions: SuppressionUse[];
  /** Every rule relaxed where the scope's objects are checked, by whom, in which tiers; in a stable order. */
  readonly relaxations: RelaxedRule[];
  /** The document each finding's object is written in, for pointing reports at manifest files. */
  readonly documentOf: Map<Finding, ManifestDocument>;
  /**
   * Each checked object's rendered JSON (with the acknowledgement annotations the evaluation wrote
   * on it). The synth that follows at once writes exactly these, rather than render every object
   * a second time, and refuses any document that is not one of them.
   */
  readonly rendered: Map<ApiObject, any>;
}

/**
 * Checks every Kubernetes object under the scope against the rules that apply in its context,
 * applies suppressions, and writes acknowledgement annotations on the objects they cover.
 *
 * Linear in the number of objects: each object is rendered once (`toJson`, so escape hatches and
 * JSON patches are included), rules are resolved once per platform and tier and indexed by kind,
 * and each chart's rendered objects are shared by every rule that relates objects.
 *
 * @internal
 */
export function evaluate(input: EvaluationInput): Evaluation {
  const { book, today } = input;
  const charts = chartsUnder(input.scope);
  const contexts = new Map<Chart, PolicyContext>();
  for (const chart of charts.keys()) {
    const context = policyContextOf(chart);
    contexts.set(chart, context);
    book.activeRules(context);
  }
  book.checkIds([...contexts.values()]);
  checkSuppressions(input.suppressions, book, contexts);

  const byScope = indexSuppressions(input.suppressions);
  const uses = new Map<Suppression, number>();
  const findings: Finding[] = [];
  const documents = new Map<Finding, ManifestDocument>();
  const rulesInUse = new Map<string, IRule>();
  const renderedObjects = new Map<ApiObject, any>();
  let objects = 0;

  for (const [chart, { all, inScope }] of charts) {
    const context = contexts.get(chart)!;
    for (const active of book.activeRules(context)) rulesInUse.set(active.rule.id, active.rule);
    const renderings = all.map((o) => o.toJson());
    const checked = renderings.map(checkedObjects);
    const ruleContext: RuleContext = {
      tier: context.tier,
      allowedRegistries: context.allowedRegistries,
      chartObjects: checked.flatMap((objectsOf) => objectsOf.map((o) => o.json)),
      network: {
        environmentNamespace: context.environmentNamespace,
        privateCidrs: context.privateCidrs,
        declaredPeers: declaredPeersOf(chart),
      },
      environment: context.environment,
    };
    all.forEach((object, i) => {
      if (!inScope.has(object)) return;
      const rendering = renderings[i];
      const document = documentOf(object, rendering, chart);
      const covering = byScope.size > 0 ? suppressionsCovering(object, byScope) : undefined;
      const applied = new Map<string, AppliedSuppression>();
      const record = (finding: Finding) => {
        findings.push(finding);
        documents.set(finding, document);
      };
      // The engine's own rule reads the whole rendering, so it sees the parts no other rule can.
      for (const violation of runCheck(CHECKABLE_RULE, rendering, ruleContext, object)) {
        rulesInUse.set(CHECKABLE_RULE.id, CHECKABLE_RULE);
        record(toFinding(CHECKABLE_RULE, Enforcement.ENFORCE, object, document.json, undefined, context, violation, undefined));
      }
      objects += Math.max(1, checked[i].length);
      for (const { json, within } of checked[i]) {
        for (const { rule, enforcement } of book.rulesFor(context, json.kind)) {
          const suppression = covering?.get(rule.id);
          const holds = suppression !== undefined && !isExpired(suppression, today);
          if (holds) applied.set(rule.id, { rule, suppression });
          for (const violation of runCheck(rule, json, ruleContext, object)) {
            if (holds) uses.set(suppression, (uses.get(suppression) ?? 0) + 1);
            record(toFinding(rule, enforcement, object, json, within, context, violation, holds ? suppression : undefined));
          }
        }
      }
      const annotations = Object.entries(acknowledgementAnnotations([...applied.values()]));
      for (const [key, value] of annotations) object.metadata.addAnnotation(key, value);
      if (annotations.length === 0) {
        renderedObjects.set(object, rendering);
        return;
      }
      // Rendered once more, for the annotations; what is written must still be what was checked.
      const annotated = object.toJson();
      renderedObjects.set(object, annotated);
      if (!rendersAs(annotated, rendering, annotations.map(([key]) => key))) {
        record(toFinding(CHECKABLE_RULE, Enforcement.ENFORCE, object, document.json, undefined, context, {
          field: '',
          found: 'a rendering that changed between two calls of toJson()',
          expected: 'the same object every time it is rendered, so that what is written is what policy checked',
        }, undefined));
      }
    });
  }

  findings.sort(compareFindings);
  const suppressions = input.suppressions.map((suppression) => ({
    suppression,
    rule: book.rule(suppression.ruleId)!,
    acknowledged: uses.get(suppression) ?? 0,
    expired: isExpired(suppression, today),
  }));
  return {
    findings,
    enforced: findings.filter((f) => f.enforcement === Enforcement.ENFORCE && !f.acknowledgement),
    objects,
    errors: suppressions.filter((s) => s.expired).map(({ suppression: s }) =>
      `✖ suppression of ${s.ruleId} on ${pathOf(s.scope)} expired on ${s.expires} (reason: ${show(s.reason)})\n`
      + '  fix: fix what the rule finds, or renew the suppression with a later expires and a current reason'),
    rules: [...rulesInUse.values()].sort((a, b) => compareStrings(a.id, b.id)),
    suppressions,
    relaxations: relaxedRules(book, [...contexts.values()]),
    documentOf: documents,
    rendered: renderedObjects,
  };
}

/** The relaxations of every context, one entry per rule, setting and outcome, listing its tiers. */
function relaxedRules(book: RuleBook, contexts: PolicyContext[]): RelaxedRule[] {
  const grouped = new Map<string, { relaxation: Relaxation; tiers: Set<Tier> }>();
  for (const context of new Set(contexts)) {
    for (const relaxation of book.relaxations(context)) {
      const key = [relaxation.rule.id, relaxation.configuredBy, relaxation.enforcement, relaxation.defaultEnforcement].join('|');
      const entry = grouped.get(key) ?? { relaxation, tiers: new Set<Tier>() };
      entry.tiers.add(relaxation.tier);
      grouped.set(key, entry);
    }
  }
  return [...grouped.entries()]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([, { relaxation: r, tiers }]) => ({
      rule: r.rule,
      configuredBy: r.configuredBy,
      tiers: Tier.all().filter((t) => [...tiers].some((x) => x.name === t.name)).map((t) => t.name),
      enforcement: r.enforcement,
      defaultEnforcement: r.defaultEnforcement,
    }));
}

/**
 * Every chart under the scope (and the one the scope is in), each with all its objects (rules
 * relate them) and those in scope. Charts without objects are included: their platform's
 * settings are still checked.
 */
function chartsUnder(scope: IConstruct): Map<Chart, { all: ApiObject[]; inScope: Set<ApiObject> }> {
  const charts = new Map<Chart, { all: ApiObject[]; inScope: Set<ApiObject> }>();
  const entry = (chart: Chart) => {
    let found = charts.get(chart);
    if (!found) {
      found = { all: [], inScope: new Set() };
      charts.set(chart, found);
    }
    return found;
  };
  // The chart the scope is in, with every object of it, in scope or not. Every other chart is
  // under the scope, so one walk of the scope finds all its objects: a second walk, per chart,
  // would read the whole app twice.
  const enclosing = scope.node.scopes.slice().reverse().find((s): s is Chart => Chart.isChart(s));
  if (enclosing) {
    entry(enclosing).all.push(...enclosing.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c) && Chart.of(c) === enclosing));
  }
  for (const construct of scope.node.findAll()) {
    if (Chart.isChart(construct)) entry(construct);
    if (!ApiObject.isApiObject(construct)) continue;
    const chart = Chart.of(construct);
    const found = entry(chart);
    found.inScope.add(construct);
    if (chart !== enclosing) found.all.push(construct);
  }
  return charts;
}

/** Fails on a suppression of an unknown rule, or of a rule a platform forbids suppressing. */
function checkSuppressions(suppressions: Suppression[], book: RuleBook, contexts: Map<Chart, PolicyContext>): void {
  const known = book.knownIds();
  for (const s of suppressions) {
    if (!known.has(s.ruleId)) {
      throw new PavedError(pathOf(s.scope), `suppress(${show(s.ruleId)}): no rule has this id; ${unknownIdHint(s.ruleId, known)}`);
    }
    const path = s.scope.node.path;
    for (const [chart, context] of contexts) {
      const related = path === '' || isWithin(chart.node.path, path) || isWithin(path, chart.node.path);
      if (related && book.isLocked(context, s.ruleId)) throw unsuppressibleError(s.scope, s.ruleId, context.platformName!);
    }
  }
}

/** @internal */
export function unsuppressibleError(scope: IConstruct, ruleId: string, platformName: string): PavedError {
  return new PavedError(pathOf(scope), `suppress(${show(ruleId)}): platform "${platformName}" marks this rule unsuppressible (policy.unsuppressible); fix what it finds instead`);
}

function isWithin(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}/`);
}

/** The suppressions by the construct they were made on, each construct's in the order they were made. @internal */
export function indexSuppressions(suppressions: Suppression[]): Map<IConstruct, Suppression[]> {
  const index = new Map<IConstruct, Suppression[]>();
  for (const s of suppressions) index.set(s.scope, [...(index.get(s.scope) ?? []), s]);
  return index;
}

/**
 * The suppression of each rule that covers `construct` (an object, or a construct declaring a
 * cloud resource): the one made nearest to it wins.
 *
 * @internal
 */
export function suppressionsCovering(construct: IConstruct, index: Map<IConstruct, Suppression[]>): Map<string, Suppression> {
  const covering = new Map<string, Suppression>();
  for (const scope of construct.node.scopes) {
    for (const s of index.get(scope) ?? []) covering.set(s.ruleId, s);
  }
  return covering;
}

function documentOf(object: ApiObject, rendering: any, chart: Chart): ManifestDocument {
  const json = rendering !== null && typeof rendering === 'object' && !Array.isArray(rendering)
    ? rendering
    : { apiVersion: object.apiVersion, kind: object.kind, metadata: { name: object.name, namespace: object.metadata.namespace } };
  return { chart, kind: String(json.kind), name: String(json.metadata?.name), namespace: json.metadata?.namespace, json };
}

function runCheck(rule: IRule, json: any, context: RuleContext, object: ApiObject): Violation[] {
  let violations: Violation[];
  try {
    violations = rule.check(json, context);
  } catch (e) {
    throw new Error(maskSecrets(`policy rule ${rule.id} failed while checking ${json?.kind}/${json?.metadata?.name} (${object.node.path}): ${(e as Error)?.message ?? e}`));
  }
  if (!Array.isArray(violations)) {
    throw new Error(`policy rule ${rule.id} returned ${show(violations)} for ${json?.kind}/${json?.metadata?.name}; check() must return an array of violations (empty when the object passes)`);
  }
  return violations;
}

function toFinding(
  rule: IRule, enforcement: Enforcement, object: ApiObject, json: any, within: string | undefined,
  context: PolicyContext, violation: Violation, suppression: Suppression | undefined,
): Finding {
  return {
    ruleId: rule.id,
    title: rule.title,
    severity: rule.severity,
    category: rule.category,
    enforcement,
    path: ownerPath(object),
    objectPath: object.node.path,
    within,
    apiVersion: String(json?.apiVersion),
    kind: String(json?.kind),
    name: String(json?.metadata?.name),
    namespace: json?.metadata?.namespace,
    tier: context.tier.name,
    // Rules may be written by anyone (custom packs); what they say about a value is masked here,
    // the one place a violation becomes a finding, so no report or console line can repeat it.
    field: maskSecrets(String(violation.field)),
    found: maskSecrets(String(violation.found)),
    expected: maskSecrets(String(violation.expected)),
    remediation: rule.remediation,
    acknowledgement: suppression ? acknowledgementOf(suppression) : platformAcknowledgement(context, rule.id, json),
  };
}

/** How a finding (or a cloud resource's rule) records the suppression that covers it. @internal */
export function acknowledgementOf(suppression: Suppression): Acknowledgement {
  return { path: pathOf(suppression.scope), reason: suppression.reason, expires: suppression.expires };
}

/** Reading order: by construct, then object, then rule and field; independent of rule or pack order. */
function compareFindings(a: Finding, b: Finding): number {
  return compareStrings(a.path, b.path)
    || compareStrings(a.objectPath, b.objectPath)
    || compareStrings(a.within ?? '', b.within ?? '')
    || compareStrings(a.ruleId, b.ruleId)
    || compareStrings(a.field, b.field);
}

/**
 * Whether `annotated` is `checked` but for the acknowledgement annotations `added` (which an
 * earlier evaluation may already have written on the object, so both may hold them).
 */
function rendersAs(annotated: any, checked: any, added: string[]): boolean {
  const withoutAdded = (json: any) => {
    const metadata = { ...json?.metadata, annotations: { ...json?.metadata?.annotations } };
    for (const key of added) delete metadata.annotations[key];
    if (Object.keys(metadata.annotations).length === 0) delete (metadata as { annotations?: unknown }).annotations;
    return canonical({ ...json, metadata });
  };
  return withoutAdded(annotated) === withoutAdded(checked);
}

/** JSON with every object's keys in order, so that where a key was added does not matter. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => compareStrings(a, b));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}
