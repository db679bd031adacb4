import { Labels } from './labels';
import { Tier } from './tier';

/**
 * The labels that say who owns an object, stated once for every object that carries them
 * (Environment charts, pod templates, which do not inherit a chart's labels, GitOps charts): the
 * platform's own labels, then the object's, then managed-by Paved, part-of and team, and the
 * tier for what runs in an environment, which nothing before them may override.
 *
 * @internal
 */
export function ownerLabels(platformLabels: { [key: string]: string }, team: string, options: {
  readonly tier?: Tier;
  readonly labels?: { [key: string]: string };
} = {}): { [key: string]: string } {
  return {
    ...platformLabels,
    ...options.labels,
    [Labels.MANAGED_BY]: Labels.MANAGED_BY_PAVED,
    [Labels.PART_OF]: team,
    [Labels.TEAM]: team,
    ...(options.tier ? { [Labels.TIER]: options.tier.name } : {}),
  };
}
