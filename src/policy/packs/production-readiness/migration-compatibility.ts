import { MIGRATES_BEFORE_ANNOTATION } from '../../../platform/annotations';
import { IRule, RuleCategory, Severity } from '../../rule';
import { keyPath, violation } from '../workload';

/** The Argo Rollout of the chart named `name` that rolls out as a canary, if any. */
function canaryRollout(name: string, namespace: string | undefined, chartObjects: any[]): any {
  return chartObjects.find((o) => o?.kind === 'Rollout'
    && o.metadata?.name === name
    && o.metadata?.namespace === namespace
    && o.spec?.strategy?.canary !== undefined);
}

/**
 * A migration before a canary is backward compatible. Advice, not a check: whether a schema
 * change is compatible is not in the manifests, so the rule warns and a team acknowledges it
 * (with its reason) once it has made sure.
 */
export const MIGRATION_COMPATIBILITY: IRule = {
  id: 'workload.migration-compatibility',
  title: 'A migration before a canary rollout is backward compatible',
  severity: Severity.MEDIUM,
  category: RuleCategory.ADVISORY,
  rationale: 'A canary serves the old and the new version side by side for the whole rollout, on the schema the migration has already changed, and an aborted canary sends all traffic back to the old version. A migration that drops or renames what the old version reads breaks it.',
  remediation: 'Make the migration expand only (add columns and tables, keep the old ones) and contract in a later release once no running version reads them; then acknowledge this rule for the migration with that reason.',
  kinds: ['Job'],
  check: (object, context) => {
    const service = object?.metadata?.annotations?.[MIGRATES_BEFORE_ANNOTATION];
    if (typeof service !== 'string') return [];
    const rollout = canaryRollout(service, object.metadata?.namespace, context.chartObjects);
    if (!rollout) return [];
    return [violation(keyPath('metadata.annotations', MIGRATES_BEFORE_ANNOTATION), service,
      `a migration the old version of Rollout/${service} still works with, since its canary serves both versions at once (expand and contract)`)];
  },
};
