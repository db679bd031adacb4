/* eslint-disable no-bitwise -- addresses are bit strings: prefixes are shifts and masks */
/**
 * Exact arithmetic over sets of IP addresses, so "does this admit a public address?" is decided
 * on the addresses themselves, not on how the ranges are spelt: two /1 halves are the internet,
 * and `10.0.0.0/8` minus a private `10.0.0.0/16` is still public.
 */

/** One address family's addresses as inclusive intervals, sorted, disjoint and not adjacent. */
export interface AddressRanges {
  readonly v4: Interval[];
  readonly v6: Interval[];
}

/** An inclusive range of addresses of one family. */
export interface Interval {
  readonly start: bigint;
  readonly end: bigint;
}

const BITS = { v4: 32, v6: 128 };

/** The range a CIDR names (host bits ignored, as AWS does), or undefined when it is not a CIDR. */
export function parseCidr(cidr: string): { family: 'v4' | 'v6'; interval: Interval } | undefined {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(cidr.trim());
  if (!match) return undefined;
  const family = match[1].includes(':') ? 'v6' : 'v4';
  const address = family === 'v4' ? parseV4(match[1]) : parseV6(match[1]);
  const prefix = Number(match[2]);
  if (address === undefined || prefix > BITS[family]) return undefined;
  const hostBits = BigInt(BITS[family] - prefix);
  const start = (address >> hostBits) << hostBits;
  return { family, interval: { start, end: start + (1n << hostBits) - 1n } };
}

function parseV4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((value, part) => (value << 8n) | BigInt(Number(part)), 0n);
}

function parseV6(text: string): bigint | undefined {
  let groups = text.split(':');
  // An embedded IPv4 tail (`::ffff:10.0.0.1`) is two groups.
  const tail = groups[groups.length - 1];
  if (tail.includes('.')) {
    const v4 = parseV4(tail);
    if (v4 === undefined) return undefined;
    groups = [...groups.slice(0, -1), (v4 >> 16n).toString(16), (v4 & 0xffffn).toString(16)];
  }
  const gap = text.indexOf('::');
  if (gap !== text.lastIndexOf('::')) return undefined;
  let expanded: string[];
  if (gap >= 0) {
    const [head, rest] = groups.join(':').split('::');
    const left = head === '' ? [] : head.split(':');
    const right = rest === '' ? [] : rest.split(':');
    if (left.length + right.length > 7) return undefined;
    expanded = [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  } else {
    expanded = groups;
  }
  if (expanded.length !== 8 || !expanded.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return expanded.reduce((value, group) => (value << 16n) | BigInt(parseInt(group, 16)), 0n);
}

/** The union of CIDRs, and the ones that are not CIDRs at all. */
export function rangesOf(cidrs: string[]): { ranges: AddressRanges; invalid: string[] } {
  const v4: Interval[] = [];
  const v6: Interval[] = [];
  const invalid: string[] = [];
  for (const cidr of cidrs) {
    const parsed = parseCidr(cidr);
    if (parsed === undefined) invalid.push(cidr);
    else (parsed.family === 'v4' ? v4 : v6).push(parsed.interval);
  }
  return { ranges: { v4: merge(v4), v6: merge(v6) }, invalid };
}

/** Sorts and joins overlapping or adjacent intervals. */
function merge(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const merged: Interval[] = [];
  for (const next of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && next.start <= last.end + 1n) {
      merged[merged.length - 1] = { start: last.start, end: next.end > last.end ? next.end : last.end };
    } else {
      merged.push(next);
    }
  }
  return merged;
}

/** The addresses in `from` that are not in `remove`. */
export function subtract(from: AddressRanges, remove: AddressRanges): AddressRanges {
  return { v4: subtractFamily(from.v4, remove.v4), v6: subtractFamily(from.v6, remove.v6) };
}

function subtractFamily(from: Interval[], remove: Interval[]): Interval[] {
  const result: Interval[] = [];
  for (const interval of from) {
    let pieces: Interval[] = [interval];
    for (const hole of remove) {
      pieces = pieces.flatMap((p) => {
        if (hole.end < p.start || hole.start > p.end) return [p];
        return [
          ...(hole.start > p.start ? [{ start: p.start, end: hole.start - 1n }] : []),
          ...(hole.end < p.end ? [{ start: hole.end + 1n, end: p.end }] : []),
        ];
      });
    }
    result.push(...pieces);
  }
  return result;
}

/** Whether the set holds no address. */
export function isEmpty(ranges: AddressRanges): boolean {
  return ranges.v4.length === 0 && ranges.v6.length === 0;
}

/** How many addresses of each family the set holds. */
export function sizeOf(ranges: AddressRanges): { v4: bigint; v6: bigint } {
  const count = (intervals: Interval[]) => intervals.reduce((n, i) => n + (i.end - i.start + 1n), 0n);
  return { v4: count(ranges.v4), v6: count(ranges.v6) };
}

/** The set for people: its intervals as `first-last` addresses, the first few of them. */
export function describeRanges(ranges: AddressRanges, limit = 3): string {
  const all = [...ranges.v4.map((i) => formatInterval(i, 'v4')), ...ranges.v6.map((i) => formatInterval(i, 'v6'))];
  return all.length <= limit ? all.join(', ') : `${all.slice(0, limit).join(', ')} and ${all.length - limit} more`;
}

function formatInterval(interval: Interval, family: 'v4' | 'v6'): string {
  const text = family === 'v4' ? formatV4 : formatV6;
  return interval.start === interval.end ? text(interval.start) : `${text(interval.start)}-${text(interval.end)}`;
}

function formatV4(address: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => ((address >> shift) & 0xffn).toString()).join('.');
}

function formatV6(address: bigint): string {
  const groups = [112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n].map((shift) => ((address >> shift) & 0xffffn).toString(16));
  // Drop the longest run of zero groups, as RFC 5952 writes addresses.
  let best = { at: -1, length: 1 };
  for (let i = 0; i < 8; i++) {
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > best.length) best = { at: i, length: j - i };
  }
  if (best.at < 0) return groups.join(':');
  return `${groups.slice(0, best.at).join(':')}::${groups.slice(best.at + best.length).join(':')}`;
}
