/**
 * The Pod Security admission labels every Paved namespace carries: one source for the
 * Environment that writes them and the policy rule that checks them.
 */

/** The level every Paved namespace enforces, warns and audits at. */
export const POD_SECURITY_LEVEL = 'restricted';

/** Pinned so a cluster upgrade cannot tighten admission under running workloads unannounced. */
export const POD_SECURITY_VERSION = 'v1.28';

/** The admission modes, each set by its own label and `-version` label. */
export const POD_SECURITY_MODES = ['enforce', 'warn', 'audit'];

/** The label of `mode`, e.g. `pod-security.kubernetes.io/enforce`. */
export function podSecurityLabel(mode: string): string {
  return `pod-security.kubernetes.io/${mode}`;
}

/** The labels of a namespace that admits only restricted pods, at the pinned version. */
export function podSecurityLabels(): { [key: string]: string } {
  const labels: { [key: string]: string } = {};
  for (const mode of POD_SECURITY_MODES) {
    labels[podSecurityLabel(mode)] = POD_SECURITY_LEVEL;
    labels[`${podSecurityLabel(mode)}-version`] = POD_SECURITY_VERSION;
  }
  return labels;
}
