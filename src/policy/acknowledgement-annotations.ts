import { compareStrings } from '../compare';
import { IRule } from './rule';
import { Suppression } from './suppression';

/**
 * Where Paved records an acknowledgement on an object: `acknowledged.paved.dev/<rule-id>`, with
 * the reason (and expiry) as the value. One key per rule keeps each decision greppable and lets
 * `kubectl get -o yaml` show it without decoding JSON.
 */
export const ACKNOWLEDGED_ANNOTATION_PREFIX = 'acknowledged.paved.dev/';
const KUBE_LINTER_PREFIX = 'ignore-check.kube-linter.io/';
const POLARIS_PREFIX = 'polaris.fairwinds.com/';
const CHECKOV_PREFIX = 'checkov.io/';
const KUBE_SCORE_PREFIX = 'kube-score/';
/** kube-score reads one annotation, a comma-separated list of the checks it skips on the object. */
const KUBE_SCORE_IGNORE = `${KUBE_SCORE_PREFIX}ignore`;

/**
 * The annotation key prefixes an acknowledgement is written under. Their values are reasons and
 * exemptions, whatever the check they name (`ignore-check.kube-linter.io/env-var-secret`).
 */
export const ACKNOWLEDGEMENT_KEY_PREFIXES = [ACKNOWLEDGED_ANNOTATION_PREFIX, KUBE_LINTER_PREFIX, POLARIS_PREFIX, CHECKOV_PREFIX, KUBE_SCORE_PREFIX];

/**
 * One suppression that covers one object, with its rule.
 *
 * @internal
 */
export interface AppliedSuppression {
  readonly rule: IRule;
  readonly suppression: Suppression;
}

/**
 * The annotations that record `applied` on an object: Paved's own, and those kube-linter,
 * Polaris, Checkov and kube-score honour for the rule's equivalent checks, so one decision quiets
 * every scanner that reads the manifests.
 *
 * Checkov numbers its keys (`checkov.io/skip1`, `skip2`, ...); the numbering follows rule id order
 * so the same suppressions always produce the same keys. kube-score has one key for every check
 * it skips and no room for a reason (which `acknowledged.paved.dev/<rule-id>` carries); its list
 * is sorted for the same reason.
 *
 * @internal
 */
export function acknowledgementAnnotations(applied: AppliedSuppression[]): Record<string, string> {
  const annotations: Record<string, string> = {};
  const checkov = new Map<string, string>();
  const kubeScore = new Set<string>();
  const byRule = [...applied].sort((a, b) => compareStrings(a.rule.id, b.rule.id));
  for (const { rule, suppression } of byRule) {
    const until = suppression.expires ? ` (until ${suppression.expires})` : '';
    annotations[`${ACKNOWLEDGED_ANNOTATION_PREFIX}${rule.id}`] = `${suppression.reason}${until}`;
    for (const check of rule.scannerChecks?.kubeLinter ?? []) {
      annotations[`${KUBE_LINTER_PREFIX}${check}`] = suppression.reason;
    }
    for (const check of rule.scannerChecks?.polaris ?? []) {
      annotations[`${POLARIS_PREFIX}${check}-exempt`] = 'true';
    }
    for (const check of rule.scannerChecks?.checkov ?? []) {
      if (!checkov.has(check)) checkov.set(check, suppression.reason);
    }
    for (const check of rule.scannerChecks?.kubeScore ?? []) kubeScore.add(check);
  }
  let n = 0;
  for (const [check, reason] of checkov) {
    annotations[`${CHECKOV_PREFIX}skip${++n}`] = `${check}=${reason}`;
  }
  if (kubeScore.size > 0) annotations[KUBE_SCORE_IGNORE] = [...kubeScore].sort(compareStrings).join(',');
  return annotations;
}
