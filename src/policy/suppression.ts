import { IConstruct } from 'constructs';
import { PavedError } from '../errors';
import { requireKnownProps } from '../known-props';
import { maskSecrets } from '../secret-detector';
import { show } from '../validate';

/** Why and until when a rule's findings are accepted in part of the app. */
export interface SuppressionOptions {
  /** Why the finding is accepted, for reviewers and auditors; required and non-empty. */
  readonly reason: string;
  /**
   * The last day (ISO `YYYY-MM-DD`) the suppression holds; from the day after, the synth fails
   * and says the suppression expired.
   *
   * @default - it does not expire
   */
  readonly expires?: string;
}

/**
 * One suppression as recorded: the construct it covers (with its children), the rule, and the
 * options as given.
 *
 * @internal
 */
export interface Suppression {
  readonly scope: IConstruct;
  readonly ruleId: string;
  readonly reason: string;
  readonly expires?: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Checks a suppression where it enters and records it.
 *
 * @internal
 */
export function createSuppression(scope: IConstruct, ruleId: string, options: SuppressionOptions): Suppression {
  const path = pathOf(scope);
  if (typeof ruleId !== 'string' || ruleId.trim() === '') {
    throw new PavedError(path, `suppress: ruleId ${show(ruleId)} must name a rule, e.g. "pss.restricted.capabilities"`);
  }
  if (options === null || typeof options !== 'object') {
    throw new PavedError(path, `suppress(${show(ruleId)}): options ${show(options)} must be an object with a reason`);
  }
  requireKnownProps(path, 'SuppressionOptions', options);
  if (typeof options.reason !== 'string' || options.reason.trim() === '') {
    throw new PavedError(path, `suppress(${show(ruleId)}): reason ${show(options.reason)} must be a non-empty explanation of why the finding is accepted`);
  }
  if (options.expires !== undefined) requireIsoDate(path, `suppress(${show(ruleId)}): expires`, options.expires);
  // The reason is written into annotations and every report: a credential pasted into it is masked.
  return { scope, ruleId, reason: maskSecrets(options.reason.trim()), expires: options.expires };
}

/**
 * Whether `date` is a real calendar day written `YYYY-MM-DD`.
 *
 * @internal
 */
export function requireIsoDate(path: string, prop: string, date: string): void {
  const match = typeof date === 'string' ? ISO_DATE.exec(date) : null;
  const valid = match !== null && (() => {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const parsed = new Date(Date.UTC(year, month - 1, day));
    return parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === day;
  })();
  if (!valid) {
    throw new PavedError(path, `${prop} ${show(date)} must be a calendar date written YYYY-MM-DD (e.g. "2027-03-31")`);
  }
}

/**
 * Whether the suppression no longer holds on `today` (both ISO dates, so they compare as strings).
 *
 * @internal
 */
export function isExpired(suppression: Suppression, today: string): boolean {
  return suppression.expires !== undefined && suppression.expires < today;
}

/**
 * A construct's path for messages; the root App's path is empty.
 *
 * @internal
 */
export function pathOf(scope: IConstruct): string {
  return scope.node.path === '' ? '(app)' : scope.node.path;
}
