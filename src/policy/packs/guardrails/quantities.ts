import { Violation } from '../../rule';
import { parseQuantity } from '../../rules/quantity';
import { keyPath, shown } from '../workload';

/**
 * Every quantity of `expected` must be in `found` (under its key, or under one of its aliases)
 * and at most the expected value; what `found` adds beyond `expected` only tightens, so it passes.
 *
 * @param aliases other keys that set the same ceiling, e.g. `cpu` for `requests.cpu` in a quota
 */
export function notLooser(path: string, found: any, expected: { [key: string]: unknown }, aliases: { [key: string]: string } = {}): Violation[] {
  const values = found !== null && typeof found === 'object' ? found : {};
  const violations: Violation[] = [];
  for (const [key, ceiling] of Object.entries(expected)) {
    const limit = parseQuantity(ceiling)!;
    const keys = [key, ...aliases[key] ? [aliases[key]] : []].filter((k) => values[k] !== undefined);
    if (keys.length === 0) {
      violations.push({ field: keyPath(path, key), found: 'absent', expected: `at most ${ceiling}, as the platform sets it` });
      continue;
    }
    // Every key that names the same ceiling applies, so the lowest one holds.
    const parsed = keys.map((k) => ({ k, value: parseQuantity(values[k]) }));
    const unreadable = parsed.find((p) => p.value === undefined);
    if (unreadable) {
      violations.push({ field: keyPath(path, unreadable.k), found: shown(values[unreadable.k]), expected: `a quantity of at most ${ceiling}` });
      continue;
    }
    const lowest = parsed.reduce((a, b) => (b.value! < a.value! ? b : a));
    if (lowest.value! > limit) {
      violations.push({ field: keyPath(path, lowest.k), found: shown(values[lowest.k]), expected: `at most ${ceiling}, as the platform sets it` });
    }
  }
  return violations;
}
