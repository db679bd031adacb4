import { PavedError } from '../errors';
import { requireDnsLabel, requireLabelValue, requireNonEmpty, show } from '../validate';

/** Who answers for a service: written into its catalog entry, its alerts and its labels. */
export interface ServiceOwner {
  /**
   * The owning team, as the catalog and alert routing know it.
   *
   * @default - the environment's team
   */
  readonly team?: string;
  /**
   * The on-call rotation or schedule paged for the service's alerts (e.g. a PagerDuty or
   * Opsgenie schedule name).
   *
   * @default - none: alerts route by team only
   */
  readonly onCall?: string;
  /**
   * The runbook for the service: an absolute `https://` (or `http://`) URL, linked from every
   * alert and from the catalog entry.
   *
   * @default - none
   */
  readonly runbook?: string;
}

/** An owner once checked, with the team filled in. */
export interface ResolvedOwner {
  readonly team: string;
  readonly onCall?: string;
  readonly runbook?: string;
}

/** Checks `owner` and `system` where they enter; throws a PavedError naming the prop and value. */
export function resolveOwner(path: string, owner: ServiceOwner | undefined, environmentTeam: string): ResolvedOwner {
  if (owner === undefined) return { team: environmentTeam };
  if (owner === null || typeof owner !== 'object') {
    throw new PavedError(path, `owner (${show(owner)}) must be an object: { team?, onCall?, runbook? }`);
  }
  const team = owner.team ?? environmentTeam;
  requireDnsLabel(path, 'owner.team', team);
  if (owner.onCall !== undefined) {
    requireNonEmpty(path, 'owner.onCall', owner.onCall);
    // On-call names become alert labels, so they must be label values too.
    requireLabelValue(path, 'owner.onCall', owner.onCall);
  }
  if (owner.runbook !== undefined) requireUrl(path, 'owner.runbook', owner.runbook);
  return { team, onCall: owner.onCall, runbook: owner.runbook };
}

/** Checks a catalog system name: a DNS label, as Backstage entity names are. */
export function resolveSystem(path: string, system: string | undefined): string | undefined {
  if (system !== undefined) requireDnsLabel(path, 'system', system);
  return system;
}

function requireUrl(path: string, prop: string, value: string): void {
  let url: URL | undefined;
  try {
    url = typeof value === 'string' && !/\s/.test(value) ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || !['https:', 'http:'].includes(url.protocol) || url.hostname === '' || url.username !== '' || url.password !== '') {
    throw new PavedError(path, `${prop} ${show(value)} must be an absolute http(s) URL without credentials, e.g. "https://runbooks.acme.dev/orders-api"`);
  }
}
