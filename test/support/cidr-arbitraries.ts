/* eslint-disable no-bitwise */ // Addresses are integers; the oracles shift and mask them.
import * as fc from 'fast-check';
import { formatAddress } from '../../src/network/cidr-set';

/**
 * A random partition of the whole IPv4 space into CIDR blocks (at least two): starting from
 * 0.0.0.0/0, each block is cut in halves or kept, as the random cuts decide, down to `/deepest`.
 */
export function splitOfIpv4Space(deepest = 12): fc.Arbitrary<string[]> {
  return fc.array(fc.boolean(), { minLength: 1, maxLength: 80 }).map((cuts) => {
    const out: string[] = [];
    let n = 0;
    const split = (lo: bigint, prefix: number) => {
      // The first cut is forced: a partition into one block is 0.0.0.0/0 itself.
      const cut = prefix === 0 || (prefix < deepest && n < cuts.length && cuts[n++]);
      if (!cut) {
        out.push(`${formatAddress(4, lo)}/${prefix}`);
        return;
      }
      split(lo, prefix + 1);
      split(lo + (1n << BigInt(31 - prefix)), prefix + 1);
    };
    split(0n, 0);
    return out;
  });
}
