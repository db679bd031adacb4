import { BUDGET_ANNOTATION, ESTIMATE_ANNOTATION } from '../../../platform/annotations';
import { IRule, RuleCategory, Severity } from '../../rule';
import { keyPath } from '../workload';

/**
 * An environment's estimated monthly cost stays within its budget. Reads the figures the
 * Environment writes on its Namespace, so the rule stays a pure check of the synthesized output.
 */
export const ENVIRONMENT_BUDGET: IRule = {
  id: 'cost.environment-budget',
  title: 'Environments stay within their monthly budget',
  severity: Severity.MEDIUM,
  category: RuleCategory.HYGIENE,
  rationale: 'A budget is only useful if it is checked when the cost is decided, which is when replicas, sizes and dependencies are declared, not when the invoice arrives.',
  remediation: 'Lower replicas.max, choose smaller presets or dependency sizes, or raise the environment\'s budget (budget.monthlyUsd) with whoever owns it.',
  kinds: ['Namespace'],
  check: (namespace) => {
    const annotations = namespace?.metadata?.annotations ?? {};
    const budget = Number(annotations[BUDGET_ANNOTATION]);
    const estimate = Number(annotations[ESTIMATE_ANNOTATION]);
    if (annotations[BUDGET_ANNOTATION] === undefined || !Number.isFinite(budget) || !Number.isFinite(estimate)) return [];
    return estimate <= budget ? [] : [{
      field: keyPath('metadata.annotations', ESTIMATE_ANNOTATION),
      found: `$${estimate.toFixed(2)} a month with every service at its replica ceiling`,
      expected: `at most the budget of $${budget.toFixed(2)} (${BUDGET_ANNOTATION})`,
    }];
  },
};
