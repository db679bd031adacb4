import { Labels } from '../../../platform/labels';
import { IRule, RuleCategory, Severity, Violation } from '../../rule';
import { keyPath, violation } from '../workload';

const OWNER_LABELS = [Labels.TEAM, Labels.NAME];

/** Every Kubernetes object names its owning team and its application. */
export const OWNER_LABELS_RULE: IRule = {
  id: 'metadata.owner-labels',
  title: 'Objects name their team and application',
  severity: Severity.LOW,
  category: RuleCategory.HYGIENE,
  rationale: 'When an object misbehaves at 3 a.m., its labels are how on-call finds the team to page and the service it belongs to; cost reports and Backstage group by them too.',
  remediation: `Set the ${OWNER_LABELS.join(' and ')} labels (Paved sets both on every object it generates; add them to hand-written objects).`,
  kinds: ['*'],
  scannerChecks: { kubeLinter: ['required-label-owner'] },
  check: (object): Violation[] => {
    // Cloud resources (no apiVersion) are tagged by their own pack.
    if (typeof object?.apiVersion !== 'string') return [];
    const labels = object.metadata?.labels ?? {};
    return OWNER_LABELS
      .filter((key) => typeof labels[key] !== 'string' || labels[key] === '')
      .map((key) => violation(keyPath('metadata.labels', key), labels[key], key === Labels.TEAM ? 'the owning team' : 'the application name'));
  },
};
