/** Labels as they appear in `metadata.labels`. */
export type Labels = { readonly [key: string]: string };

/**
 * Whether a Kubernetes label selector (`matchLabels` and `matchExpressions`) selects `labels`.
 * An empty selector selects everything; `null` or `undefined` selects nothing, as for a
 * PodDisruptionBudget without one.
 */
export function selects(selector: any, labels: Labels): boolean {
  if (selector === undefined || selector === null || typeof selector !== 'object') return false;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  for (const expression of Array.isArray(selector.matchExpressions) ? selector.matchExpressions : []) {
    if (!matchesExpression(expression, labels)) return false;
  }
  return true;
}

function matchesExpression(expression: any, labels: Labels): boolean {
  const present = Object.prototype.hasOwnProperty.call(labels, expression?.key);
  const values: unknown[] = Array.isArray(expression?.values) ? expression.values : [];
  switch (expression?.operator) {
    case 'In': return present && values.includes(labels[expression.key]);
    case 'NotIn': return !present || !values.includes(labels[expression.key]);
    case 'Exists': return present;
    case 'DoesNotExist': return !present;
    // An operator the API server would reject selects nothing, so it never hides a finding.
    default: return false;
  }
}
