/**
 * The Namespace annotations that carry an environment's estimate and budget into the cluster,
 * where dashboards and `kubectl` show them, and to the budget rule, which checks only output.
 */
export const ESTIMATE_ANNOTATION = 'paved.dev/monthly-estimate-usd';
export const BUDGET_ANNOTATION = 'paved.dev/monthly-budget-usd';
