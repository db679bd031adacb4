/* eslint-disable no-bitwise -- addresses are bit strings */
import * as fc from 'fast-check';
import { describeRanges, isEmpty, parseCidr, rangesOf, sizeOf, subtract } from '../../../../src/policy/packs/data-security/address-ranges';

describe('parseCidr', () => {
  test('reads IPv4 and IPv6 ranges, ignoring host bits', () => {
    expect(parseCidr('10.0.0.0/8')?.interval).toEqual({ start: 0x0a000000n, end: 0x0affffffn });
    expect(parseCidr('10.1.2.3/8')?.interval).toEqual({ start: 0x0a000000n, end: 0x0affffffn });
    expect(parseCidr('::/0')?.interval).toEqual({ start: 0n, end: (1n << 128n) - 1n });
    expect(parseCidr('2001:db8::/32')).toMatchObject({ family: 'v6', interval: { start: 0x20010db8n << 96n } });
    expect(parseCidr('::ffff:10.0.0.1/128')?.interval.start).toBe((0xffffn << 32n) | 0x0a000001n);
  });
  test('rejects what is not a CIDR', () => {
    for (const bad of ['10.0.0.0', '10.0.0.256/8', '10.0.0.0/33', '1::2::3/64', '::/129', 'gggg::/16', '1:2:3:4:5:6:7:8:9/64', 'anywhere']) {
      expect(parseCidr(bad)).toBeUndefined();
    }
  });
});

describe('rangesOf and subtract', () => {
  test('two /1 halves are the whole IPv4 space', () => {
    expect(rangesOf(['0.0.0.0/1', '128.0.0.0/1']).ranges.v4).toEqual([{ start: 0n, end: 0xffffffffn }]);
  });
  test('what is left of a block after the private networks', () => {
    const left = subtract(rangesOf(['10.0.0.0/8']).ranges, rangesOf(['10.0.0.0/16']).ranges);
    expect(describeRanges(left)).toBe('10.1.0.0-10.255.255.255');
    expect(isEmpty(subtract(rangesOf(['10.0.1.0/24']).ranges, rangesOf(['10.0.0.0/16']).ranges))).toBe(true);
    expect(describeRanges(rangesOf(['2001:db8::/127']).ranges)).toBe('2001:db8::-2001:db8::1');
  });

  const v4Cidr = fc.tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 32 }))
    .map(([address, prefix]) => `${[24, 16, 8, 0].map((s) => (address >>> s) & 0xff).join('.')}/${prefix}`);

  test('property: the union holds exactly the addresses of its CIDRs', () => {
    fc.assert(fc.property(fc.array(v4Cidr, { maxLength: 8 }), fc.integer({ min: 0, max: 0xffffffff }), (cidrs, probe) => {
      const address = BigInt(probe);
      const inSome = cidrs.some((c) => { const i = parseCidr(c)!.interval; return i.start <= address && address <= i.end; });
      const inUnion = rangesOf(cidrs).ranges.v4.some((i) => i.start <= address && address <= i.end);
      expect(inUnion).toBe(inSome);
    }));
  });

  test('property: splitting a block into halves changes nothing', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 31 }), (address, prefix) => {
      const whole = parseCidr(`${[24, 16, 8, 0].map((s) => (address >>> s) & 0xff).join('.')}/${prefix}`)!.interval;
      const half = (whole.end - whole.start + 1n) / 2n;
      const text = (a: bigint) => [24n, 16n, 8n, 0n].map((s) => (a >> s) & 0xffn).join('.');
      expect(rangesOf([`${text(whole.start)}/${prefix + 1}`, `${text(whole.start + half)}/${prefix + 1}`]).ranges.v4).toEqual([whole]);
    }));
  });

  test('property: subtracting leaves no removed address and keeps every other one', () => {
    fc.assert(fc.property(fc.array(v4Cidr, { maxLength: 5 }), fc.array(v4Cidr, { maxLength: 5 }), (from, remove) => {
      const a = rangesOf(from).ranges;
      const b = rangesOf(remove).ranges;
      const left = subtract(a, b);
      const size = (r: typeof a) => sizeOf(r).v4;
      const both = size(a) - size(left);
      // |A \ B| + |A ∩ B| = |A|, and A \ B shares nothing with B.
      expect(isEmpty(subtract(left, { v4: a.v4, v6: [] })) && size(subtract(left, b)) === size(left)).toBe(true);
      expect(both <= size(b)).toBe(true);
    }));
  });
});
