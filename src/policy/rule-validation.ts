import { PavedError } from '../errors';
import { show } from '../validate';
import { IRule, RuleCategory, Severity } from './rule';

/**
 * Rule ids become annotation names (`acknowledged.paved.dev/<rule-id>`), so they follow the
 * Kubernetes rule for the name part of a key: at most 63 characters of a-z, 0-9, ".", "-" and
 * "_", starting and ending with a letter or digit. Lower case keeps ids readable in reports.
 */
const RULE_ID = /^[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$/;

const SEVERITIES = Object.values(Severity) as string[];
const CATEGORIES = Object.values(RuleCategory) as string[];

/**
 * Checks a rule from outside the built-in packs (a platform's or an app's) where it enters, so a
 * malformed rule fails naming its field rather than deep inside an evaluation.
 *
 * @internal
 */
export function validateRule(path: string, prop: string, rule: IRule): void {
  if (rule === null || typeof rule !== 'object') {
    throw new PavedError(path, `${prop} ${show(rule)} must be a rule: an object with id, title, severity, category, rationale, remediation, kinds and check()`);
  }
  if (typeof rule.id !== 'string' || rule.id.length > 63 || !RULE_ID.test(rule.id)) {
    throw new PavedError(path, `${prop}.id ${show(rule.id)} must be at most 63 characters of a-z, 0-9, ".", "-" and "_", starting and ending with a letter or digit (e.g. "acme.image-digest")`);
  }
  const where = `${prop} (${rule.id})`;
  for (const field of ['title', 'rationale', 'remediation'] as const) {
    if (typeof rule[field] !== 'string' || rule[field].trim() === '') {
      throw new PavedError(path, `${where}.${field} ${show(rule[field])} must be a non-empty string`);
    }
  }
  if (!SEVERITIES.includes(rule.severity)) {
    throw new PavedError(path, `${where}.severity ${show(rule.severity)} must be one of ${SEVERITIES.join(', ')}`);
  }
  if (!CATEGORIES.includes(rule.category)) {
    throw new PavedError(path, `${where}.category ${show(rule.category)} must be one of ${CATEGORIES.join(', ')}`);
  }
  if (!Array.isArray(rule.kinds) || rule.kinds.length === 0 || rule.kinds.some((k) => typeof k !== 'string' || k === '')) {
    throw new PavedError(path, `${where}.kinds ${show(rule.kinds)} must list at least one kind (e.g. ["Deployment"]), or ["*"] for every kind`);
  }
  if (typeof rule.check !== 'function') {
    throw new PavedError(path, `${where}.check must be a function (object, context) => Violation[]`);
  }
}
