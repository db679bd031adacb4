/* eslint-disable no-bitwise */ // Addresses are integers; the oracles shift and mask them.
import * as fc from 'fast-check';
import { CidrSet, formatAddress, parseAddress, parseCidr } from '../../src/network/cidr-set';
import { splitOfIpv4Space } from '../support/cidr-arbitraries';

describe('parseCidr', () => {
  test('reads IPv4 and IPv6 blocks as address ranges, clearing host bits', () => {
    expect(parseCidr('10.0.0.0/8')).toEqual({ family: 4, lo: 10n << 24n, hi: (11n << 24n) - 1n, prefix: 8 });
    expect(parseCidr('1.2.3.4/0')).toEqual({ family: 4, lo: 0n, hi: (1n << 32n) - 1n, prefix: 0 });
    expect(parseCidr('8.8.8.8/32')).toMatchObject({ lo: 0x08080808n, hi: 0x08080808n });
    expect(parseCidr('::/0')).toEqual({ family: 6, lo: 0n, hi: (1n << 128n) - 1n, prefix: 0 });
    expect(parseCidr('fc00::/7')).toMatchObject({ family: 6, lo: 0xfcn << 120n, hi: (0xfen << 120n) - 1n });
    expect(parseCidr('2001:db8::1/128')).toMatchObject({ lo: (0x20010db8n << 96n) + 1n });
    expect(parseCidr('::ffff:10.0.0.0/104')).toMatchObject({ family: 6, lo: (0xffffn << 32n) | (10n << 24n) });
    expect(parseCidr('1:2:3:4:5:6:7:8/64')).toMatchObject({ lo: 0x0001000200030004n << 64n });
  });
  test('rejects what is not a canonical CIDR block', () => {
    for (const bad of ['10.0.0.0', '10.0.0.0/33', '10.0.0/8', '010.0.0.0/8', '10.0.0.256/8', '10.0.0.0/08', ' 10.0.0.0/8',
      '::/129', '1::2::3/64', '1:2:3:4:5:6:7:8:9/64', '1:2:3:4:5:6:7/64', 'g::/8', '1.2.3.4::/64', '', '/8', 42, null, undefined]) {
      expect(parseCidr(bad)).toBeUndefined();
    }
  });
});

describe('formatAddress', () => {
  test('writes IPv4 dotted and IPv6 in RFC 5952 short form', () => {
    expect(formatAddress(4, 0x0a000001n)).toBe('10.0.0.1');
    expect(formatAddress(6, 0n)).toBe('::');
    expect(formatAddress(6, 0x20010db8n << 96n)).toBe('2001:db8::');
    expect(formatAddress(6, 1n)).toBe('::1');
    expect(formatAddress(6, (1n << 112n) + 1n)).toBe('1::1');
    expect(formatAddress(6, (1n << 112n) | (1n << 80n))).toBe('1:0:1::');
  });
  test('round-trips through parseAddress', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), (value) => {
      expect(parseAddress(formatAddress(6, value))).toEqual({ family: 6, value });
    }));
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }), (value) => {
      expect(parseAddress(formatAddress(4, value))).toEqual({ family: 4, value });
    }));
  });
});

describe('CidrSet', () => {
  test('describes itself as address ranges, the first few of them', () => {
    expect(CidrSet.of(['0.0.0.0/0']).minus(CidrSet.of(['10.0.0.0/16'])).describe()).toBe('0.0.0.0-9.255.255.255, 10.1.0.0-255.255.255.255');
    expect(CidrSet.of(['8.8.8.8/32', '2001:db8::/127']).describe()).toBe('8.8.8.8, 2001:db8::-2001:db8::1');
    expect(CidrSet.of(['1.0.0.0/32', '3.0.0.0/32', '5.0.0.0/32', '7.0.0.0/32']).describe(2)).toBe('1.0.0.0, 3.0.0.0 and 2 more');
  });

  test('describes itself as CIDR blocks, the first few of them', () => {
    expect(CidrSet.of(['1.0.0.0/8', '3.0.0.0/8', '5.0.0.0/8', '7.0.0.0/8']).describeBlocks()).toBe('1.0.0.0/8, 3.0.0.0/8, 5.0.0.0/8 and 1 more');
    expect(CidrSet.of(['10.0.0.0/16', '10.1.0.0/16']).describeBlocks()).toBe('10.0.0.0/15');
  });

  test('merges overlapping and adjacent blocks into the fewest CIDRs', () => {
    expect(CidrSet.of(['0.0.0.0/1', '128.0.0.0/1']).toCidrs()).toEqual(['0.0.0.0/0']);
    expect(CidrSet.of(['10.0.0.0/9', '10.128.0.0/9', '10.1.0.0/16']).toCidrs()).toEqual(['10.0.0.0/8']);
    expect(CidrSet.of(['::/1', '8000::/1', '10.0.0.0/8']).toCidrs()).toEqual(['10.0.0.0/8', '::/0']);
  });
  test('subtracts exactly', () => {
    const rest = CidrSet.of(['0.0.0.0/0']).minus(CidrSet.of(['10.0.0.0/8']));
    expect(rest.contains('9.255.255.255')).toBe(true);
    expect(rest.contains('10.0.0.0')).toBe(false);
    expect(rest.contains('10.255.255.255')).toBe(false);
    expect(rest.contains('11.0.0.0')).toBe(true);
    expect(rest.size(4)).toBe((1n << 32n) - (1n << 24n));
    expect(rest.toCidrs()).toEqual(['0.0.0.0/5', '8.0.0.0/7', '11.0.0.0/8', '12.0.0.0/6', '16.0.0.0/4', '32.0.0.0/3', '64.0.0.0/2', '128.0.0.0/1']);
    expect(CidrSet.of(['10.0.0.0/8']).minus(CidrSet.of(['0.0.0.0/0'])).isEmpty).toBe(true);
    expect(CidrSet.of(['::/0']).minus(CidrSet.of(['0.0.0.0/0'])).size(6)).toBe(1n << 128n);
  });
  test('covers and contains', () => {
    expect(CidrSet.EVERYTHING.covers(CidrSet.of(['8.8.8.8/32', '2001:db8::/32']))).toBe(true);
    expect(CidrSet.of(['10.0.0.0/8']).covers(CidrSet.of(['10.1.0.0/16']))).toBe(true);
    expect(CidrSet.of(['10.0.0.0/8']).covers(CidrSet.of(['10.1.0.0/16', '11.0.0.0/32']))).toBe(false);
    expect(CidrSet.EMPTY.contains('not an address')).toBe(false);
  });
  test('names the entry it cannot read', () => {
    expect(() => CidrSet.of(['10.0.0.0/8', '10.0.0.0/40'])).toThrow('"10.0.0.0/40" is not a CIDR block');
  });
});

describe('CidrSet properties', () => {
  const v4 = fc.tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 32 }))
    .map(([address, prefix]) => `${formatAddress(4, BigInt(address))}/${prefix}`);
  const v6 = fc.tuple(fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), fc.integer({ min: 0, max: 128 }))
    .map(([address, prefix]) => `${formatAddress(6, address)}/${prefix}`);
  const cidr = fc.oneof(v4, v6);
  const inAny = (blocks: string[], address: string) => {
    const a = parseAddress(address)!;
    return blocks.map((b) => parseCidr(b)!).some((b) => b.family === a.family && b.lo <= a.value && a.value <= b.hi);
  };
  /** Addresses at and around every block's edges, where interval arithmetic goes wrong, plus random ones. */
  const probes = (blocks: string[], random: string[]) => [...random, ...blocks.flatMap((b) => {
    const { family, lo, hi } = parseCidr(b)!;
    const max = family === 4 ? (1n << 32n) - 1n : (1n << 128n) - 1n;
    return [lo - 1n, lo, hi, hi + 1n].filter((v) => v >= 0n && v <= max).map((v) => formatAddress(family, v));
  })];
  const randomAddresses = fc.array(fc.oneof(
    fc.integer({ min: 0, max: 2 ** 32 - 1 }).map((v) => formatAddress(4, BigInt(v))),
    fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }).map((v) => formatAddress(6, v)),
  ), { maxLength: 20 });

  test('the union holds exactly the addresses of some block', () => {
    fc.assert(fc.property(fc.array(cidr, { maxLength: 12 }), randomAddresses, (blocks, random) => {
      const set = CidrSet.of(blocks);
      for (const address of probes(blocks, random)) expect(set.contains(address)).toBe(inAny(blocks, address));
    }), { numRuns: 150 });
  });
  test('a difference holds exactly the addresses of the first set not in the second (ipBlock except)', () => {
    fc.assert(fc.property(fc.array(cidr, { maxLength: 8 }), fc.array(cidr, { maxLength: 8 }), randomAddresses, (blocks, except, random) => {
      const set = CidrSet.of(blocks).minus(CidrSet.of(except));
      for (const address of probes([...blocks, ...except], random)) {
        expect(set.contains(address)).toBe(inAny(blocks, address) && !inAny(except, address));
      }
    }), { numRuns: 150 });
  });
  test('toCidrs writes the same set back, in aligned blocks', () => {
    fc.assert(fc.property(fc.array(cidr, { maxLength: 8 }), fc.array(cidr, { maxLength: 4 }), (blocks, except) => {
      const set = CidrSet.of(blocks).minus(CidrSet.of(except));
      const written = set.toCidrs();
      for (const b of written) expect(formatAddress(parseCidr(b)!.family, parseCidr(b)!.lo)).toBe(b.split('/')[0]);
      const again = CidrSet.of(written);
      expect(again.covers(set) && set.covers(again)).toBe(true);
      expect(again.toCidrs()).toEqual(written);
    }), { numRuns: 200 });
  });
  test('any split of 0.0.0.0/0 into sub-blocks covers every IPv4 address', () => {
    fc.assert(fc.property(splitOfIpv4Space(), (blocks) => {
      expect(CidrSet.of(blocks).covers(CidrSet.of(['0.0.0.0/0']))).toBe(true);
      // Without any one of its blocks, the partition misses exactly that block.
      const [missing, ...rest] = blocks;
      expect(CidrSet.EVERYTHING.minus(CidrSet.of(rest)).toCidrs()).toEqual([missing, '::/0']);
    }), { numRuns: 200 });
  });
});

