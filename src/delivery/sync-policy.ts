import { ApplicationSyncPolicy } from './argo-application';

/**
 * Sync options every Paved Application uses. `CreateNamespace=true` is deliberately absent:
 * Argo CD leaves namespaces it creates that way behind when the Application goes, so each
 * environment's Namespace object is one of its manifests instead, and goes with it.
 *
 * @internal
 */
export const SYNC_OPTIONS: readonly string[] = [
  // Delete what left the manifests only once everything else applied and is healthy, so a
  // renamed Service or ConfigMap is replaced before the old one disappears.
  'PruneLast=true',
  // An object already tracked by another Application fails the sync rather than silently
  // changing owner: two environments (or a preview and an environment) never fight over one.
  'FailOnSharedResource=true',
];

/**
 * Automated sync does not try a failed revision again by itself; retrying with backoff rides out
 * what fails only for a moment (a webhook or CRD installed by the same sync, an API server
 * restart) instead of waiting for the next commit.
 */
const RETRY = { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '3m' } };

/**
 * The sync policy of a Paved Application: automated (with prune and self-heal as given) or,
 * when `automated` is undefined, manual.
 *
 * @internal
 */
export function syncPolicy(automated?: { prune: boolean; selfHeal: boolean }): ApplicationSyncPolicy {
  return { automated, syncOptions: [...SYNC_OPTIONS], retry: RETRY };
}
