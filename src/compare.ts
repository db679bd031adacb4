/**
 * Orders strings by code unit, the same on every machine and locale, so reports are
 * byte-identical wherever they are produced.
 *
 * @internal
 */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
