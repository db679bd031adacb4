/* eslint-disable no-bitwise */ // Addresses are integers; masks and shifts are the arithmetic of CIDR blocks.
/** An address family and the number of bits of its addresses. */
const BITS = { 4: 32, 6: 128 } as const;

/** IPv4 or IPv6. */
export type AddressFamily = 4 | 6;

/** An inclusive range of addresses of one family, as integers. */
interface Interval {
  readonly lo: bigint;
  readonly hi: bigint;
}

/** A CIDR block as an address range. */
export interface ParsedCidr {
  readonly family: AddressFamily;
  /** The first address of the block (host bits cleared, as the API server and CNIs read it). */
  readonly lo: bigint;
  /** The last address of the block. */
  readonly hi: bigint;
  readonly prefix: number;
}

// Canonical decimal octets only: a leading zero reads as octal to some parsers and as decimal to
// others, and a policy must not mean one range to Paved and another to the cluster.
const OCTET = /^(0|[1-9]\d{0,2})$/;
const HEXTET = /^[0-9a-fA-F]{1,4}$/;
const PREFIX = /^(0|[1-9]\d{0,2})$/;

/** The integer value of an IPv4 address, or undefined when `text` is not one. */
function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => OCTET.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n);
}

/** The integer value of an IPv6 address (with `::` and a trailing dotted IPv4 part), or undefined. */
function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string): bigint[] | undefined => {
    if (half === '') return [];
    const out: bigint[] = [];
    const parts = half.split(':');
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      if (i === parts.length - 1 && part.includes('.')) {
        const v4 = parseIpv4(part);
        if (v4 === undefined) return undefined;
        out.push(v4 >> 16n, v4 & 0xffffn);
      } else if (HEXTET.test(part)) {
        out.push(BigInt(parseInt(part, 16)));
      } else {
        return undefined;
      }
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !tail) return undefined;
  // A dotted IPv4 part may only end the address.
  if (halves.length === 2 && halves[0].includes('.')) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...Array<bigint>(halves.length === 2 ? missing : 0).fill(0n), ...tail];
  return all.reduce((acc, g) => (acc << 16n) | g, 0n);
}

/** One address, IPv4 or IPv6, or undefined when `text` is neither. */
export function parseAddress(text: string): { family: AddressFamily; value: bigint } | undefined {
  if (typeof text !== 'string') return undefined;
  if (text.includes(':')) {
    const value = parseIpv6(text);
    return value === undefined ? undefined : { family: 6, value };
  }
  const value = parseIpv4(text);
  return value === undefined ? undefined : { family: 4, value };
}

/**
 * A CIDR block (`10.0.0.0/8`, `2001:db8::/32`), or undefined when `text` is not one. Host bits
 * are cleared, as the cluster reads `1.2.3.4/0`: every address.
 */
export function parseCidr(text: unknown): ParsedCidr | undefined {
  if (typeof text !== 'string') return undefined;
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const address = parseAddress(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (!address || !PREFIX.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  const bits = BITS[address.family];
  if (prefix > bits) return undefined;
  const hostBits = BigInt(bits - prefix);
  const lo = (address.value >> hostBits) << hostBits;
  return { family: address.family, lo, hi: lo + (1n << hostBits) - 1n, prefix };
}

/** `value` written as an address of `family`, in the canonical short form for IPv6. */
export function formatAddress(family: AddressFamily, value: bigint): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 0xffn)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  // The longest run of two or more zero groups becomes `::` (RFC 5952).
  let best = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) { best = i; bestLength = j - i; }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLength).join(':')}`;
}

/**
 * A set of IPv4 and IPv6 addresses, kept as sorted, disjoint, non-adjacent intervals per family,
 * so union, difference and coverage are exact whatever the CIDRs that built it. Immutable.
 */
export class CidrSet {
  /** No address. */
  public static readonly EMPTY = new CidrSet([], []);
  /** Every IPv4 and every IPv6 address. */
  public static readonly EVERYTHING = new CidrSet([{ lo: 0n, hi: (1n << 32n) - 1n }], [{ lo: 0n, hi: (1n << 128n) - 1n }]);

  /** The union of `cidrs`; throws on an entry that is not a CIDR block, naming it. */
  public static of(cidrs: string[]): CidrSet {
    return CidrSet.ofBlocks(cidrs.map((cidr) => {
      const parsed = parseCidr(cidr);
      if (!parsed) throw new Error(`${JSON.stringify(cidr)} is not a CIDR block`);
      return parsed;
    }));
  }

  /** The union of parsed blocks. */
  public static ofBlocks(blocks: ParsedCidr[]): CidrSet {
    const v4: Interval[] = [];
    const v6: Interval[] = [];
    for (const b of blocks) (b.family === 4 ? v4 : v6).push({ lo: b.lo, hi: b.hi });
    return new CidrSet(normalize(v4), normalize(v6));
  }

  private constructor(private readonly v4: Interval[], private readonly v6: Interval[]) {}

  /** Whether the set has no address. */
  public get isEmpty(): boolean {
    return this.v4.length === 0 && this.v6.length === 0;
  }

  /** Every address in this set or in `other`. */
  public union(other: CidrSet): CidrSet {
    return new CidrSet(normalize([...this.v4, ...other.v4]), normalize([...this.v6, ...other.v6]));
  }

  /** Every address in this set and not in `other`. */
  public minus(other: CidrSet): CidrSet {
    return new CidrSet(subtract(this.v4, other.v4), subtract(this.v6, other.v6));
  }

  /** Whether every address of `other` is in this set. */
  public covers(other: CidrSet): boolean {
    return other.minus(this).isEmpty;
  }

  /** Whether `address` (e.g. `8.8.8.8`, `2001:db8::1`) is in the set. */
  public contains(address: string): boolean {
    const parsed = parseAddress(address);
    if (!parsed) return false;
    return (parsed.family === 4 ? this.v4 : this.v6).some((r) => r.lo <= parsed.value && parsed.value <= r.hi);
  }

  /** How many addresses of `family` the set holds. */
  public size(family: AddressFamily): bigint {
    return (family === 4 ? this.v4 : this.v6).reduce((n, r) => n + r.hi - r.lo + 1n, 0n);
  }

  /** The set for people: its first `limit` ranges as `first-last` addresses, IPv4 first. */
  public describe(limit = 3): string {
    const ranges = [...this.v4.map((r) => [4, r] as const), ...this.v6.map((r) => [6, r] as const)].map(([family, { lo, hi }]) =>
      (lo === hi ? formatAddress(family, lo) : `${formatAddress(family, lo)}-${formatAddress(family, hi)}`));
    return firstFew(ranges, limit);
  }

  /** The set for people as CIDR blocks: `1.0.0.0/8, 2.0.0.0/7, 4.0.0.0/6 and 28 more`. */
  public describeBlocks(limit = 3): string {
    return firstFew(this.toCidrs(), limit);
  }

  /** The fewest CIDR blocks whose union is the set, IPv4 first, each family in address order. */
  public toCidrs(): string[] {
    return [...blocksOf(4, this.v4), ...blocksOf(6, this.v6)];
  }
}

function normalize(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
  const out: Interval[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.lo <= last.hi + 1n) {
      if (r.hi > last.hi) out[out.length - 1] = { lo: last.lo, hi: r.hi };
    } else {
      out.push(r);
    }
  }
  return out;
}

/** `a` minus `b`, both normalized: one merge-like pass. */
function subtract(a: Interval[], b: Interval[]): Interval[] {
  const out: Interval[] = [];
  let j = 0;
  for (const r of a) {
    let lo = r.lo;
    while (j < b.length && b[j].hi < lo) j++;
    let k = j;
    while (k < b.length && b[k].lo <= r.hi && lo <= r.hi) {
      if (b[k].lo > lo) out.push({ lo, hi: b[k].lo - 1n });
      lo = b[k].hi + 1n;
      k++;
    }
    if (lo <= r.hi) out.push({ lo, hi: r.hi });
  }
  return out;
}

function blocksOf(family: AddressFamily, intervals: Interval[]): string[] {
  const bits = BITS[family];
  const out: string[] = [];
  for (const { lo, hi } of intervals) {
    let start = lo;
    while (start <= hi) {
      // The largest aligned block starting at `start` that does not pass `hi`.
      let size = start === 0n ? bits : trailingZeros(start);
      while ((1n << BigInt(size)) - 1n > hi - start) size--;
      out.push(`${formatAddress(family, start)}/${bits - size}`);
      start += 1n << BigInt(size);
    }
  }
  return out;
}

function trailingZeros(value: bigint): number {
  let n = 0;
  while ((value & 1n) === 0n) { value >>= 1n; n++; }
  return n;
}

/** The first `limit` items, and how many more there are. */
function firstFew(items: string[], limit: number): string {
  return items.length <= limit ? items.join(', ') : `${items.slice(0, limit).join(', ')} and ${items.length - limit} more`;
}
