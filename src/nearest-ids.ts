import { compareStrings } from './compare';

/** How many suggestions an "unknown rule id" error offers. */
const MAX_SUGGESTIONS = 3;

/**
 * The known ids closest to `id`, best first, for "did you mean" in errors: ids within a small
 * edit distance (typos), and ids that end with what was typed (a pack prefix left out).
 *
 * @internal
 */
export function nearestIds(id: string, known: Iterable<string>): string[] {
  const limit = Math.max(2, Math.ceil(id.length / 3));
  const scored: Array<[number, string]> = [];
  for (const candidate of known) {
    const distance = candidate.endsWith(`.${id}`) ? 0 : editDistance(id, candidate, limit);
    if (distance <= limit) scored.push([distance, candidate]);
  }
  return scored
    .sort((a, b) => a[0] - b[0] || compareStrings(a[1], b[1]))
    .slice(0, MAX_SUGGESTIONS)
    .map(([, candidate]) => candidate);
}

/**
 * The error clause for an unknown rule id: the nearest ids, or how many ids are known when none
 * is near.
 *
 * @internal
 */
export function unknownIdHint(id: string, known: ReadonlySet<string>): string {
  const near = nearestIds(id, known);
  if (near.length > 0) return `did you mean ${near.map((n) => JSON.stringify(n)).join(', ')}?`;
  return known.size === 0
    ? 'no rules are in use'
    : `no known rule id is close; ${known.size} rules are in use (e.g. ${JSON.stringify([...known].sort(compareStrings)[0])})`;
}

/**
 * Levenshtein distance, giving up once it exceeds `limit` (returns `limit + 1`), so checking one
 * id against hundreds of rules stays cheap.
 */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      rowMin = Math.min(rowMin, current[j]);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length];
}
