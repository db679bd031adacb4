/**
 * Annotation keys that are contracts between layers: one layer writes them on what it
 * synthesizes, a policy rule (which checks only output) reads them back. Kept with the platform's
 * other contracts (`Labels`), below every layer that writes or reads them.
 */

/**
 * Declares, with a reason, that a NetworkPolicy opens egress to the internet: written by the
 * dependency wiring for cloud stores outside the platform's ranges, read by `network.internet-egress`.
 */
export const EGRESS_INTERNET_ANNOTATION = 'paved.dev/egress-internet';

/**
 * The most an environment may cost a month, on its Namespace: written by the cost stage, read by
 * `cost.environment-budget`, shown by dashboards and `kubectl`.
 */
export const ESTIMATE_ANNOTATION = 'paved.dev/monthly-estimate-usd';

/** An environment's monthly budget, on its Namespace: written by the Environment, read by `cost.environment-budget`. */
export const BUDGET_ANNOTATION = 'paved.dev/monthly-budget-usd';

/**
 * Names, on a Migration's Job, the service whose new version waits for it: written by
 * `Migration`, read by `workload.migration-compatibility`, which warns when that service rolls
 * out as a canary (old and new versions then serve side by side on the migrated schema).
 */
export const MIGRATES_BEFORE_ANNOTATION = 'paved.dev/migrates-before';
