/**
 * Kubernetes resource quantities (`250m`, `1.5`, `512Mi`, `2G`, `1e3`) as numbers, the way
 * apimachinery's resource.Quantity reads them. Quota and guardrail rules compare with these.
 */

/** Multipliers of the Kubernetes quantity suffixes, binary and decimal. */
const SUFFIXES: { [suffix: string]: number } = {
  'n': 1e-9,
  'u': 1e-6,
  'm': 1e-3,
  '': 1,
  'k': 1e3,
  'M': 1e6,
  'G': 1e9,
  'T': 1e12,
  'P': 1e15,
  'E': 1e18,
  'Ki': 2 ** 10,
  'Mi': 2 ** 20,
  'Gi': 2 ** 30,
  'Ti': 2 ** 40,
  'Pi': 2 ** 50,
  'Ei': 2 ** 60,
};

/** The Kubernetes quantity grammar: a signed decimal, then a binary or decimal suffix or an exponent. */
const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:[eE]([+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/;

/**
 * The value of a Kubernetes resource quantity (`500m`, `2`, `64Gi`, `1e3`, or a JSON number),
 * or undefined when it is not one: a rule that cannot read a value cannot vouch for it.
 */
export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = QUANTITY.exec(value);
  if (!match) return undefined;
  const [, digits, exponent, suffix] = match;
  const parsed = exponent !== undefined ? Number(digits) * 10 ** Number(exponent) : Number(digits) * SUFFIXES[suffix ?? ''];
  return Number.isFinite(parsed) ? parsed : undefined;
}
