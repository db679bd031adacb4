import { CidrSet, parseCidr } from './cidr-set';
import { PavedError } from '../errors';
import { show } from '../validate';

/** The platform's network: what counts as inside it. Set once on the `Platform`. */
export interface NetworkSettings {
  /**
   * The address ranges that are inside the platform's network (pods, nodes, VPCs, peered
   * networks). A NetworkPolicy that admits or reaches any address outside them is reaching the
   * internet: the network rules flag it unless it declares why.
   *
   * @default - the private ranges of RFC 1918 (`10.0.0.0/8`, `172.16.0.0/12`, `192.168.0.0/16`),
   * shared address space of RFC 6598 (`100.64.0.0/10`, used by many CNIs for pods) and IPv6
   * unique local addresses (`fc00::/7`)
   */
  readonly privateCidrs?: string[];
}

/** The ranges `NetworkSettings.privateCidrs` defaults to. */
export const DEFAULT_PRIVATE_CIDRS: readonly string[] = Object.freeze(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7']);

/** The platform's network settings, validated, with every default filled in. */
export interface ResolvedNetworkSettings {
  readonly privateCidrs: string[];
}

/** Validates the network settings where they enter the platform and fills in their defaults. */
export function resolveNetworkSettings(path: string, settings: NetworkSettings | undefined): ResolvedNetworkSettings {
  const privateCidrs = settings?.privateCidrs ?? [...DEFAULT_PRIVATE_CIDRS];
  if (!Array.isArray(privateCidrs)) {
    throw new PavedError(path, `network.privateCidrs ${show(privateCidrs)} must be a list of CIDR blocks (e.g. ["10.0.0.0/8"])`);
  }
  privateCidrs.forEach((cidr, i) => {
    const parsed = parseCidr(cidr);
    if (!parsed) {
      throw new PavedError(path, `network.privateCidrs[${i}] ${show(cidr)} is not a CIDR block (e.g. 10.0.0.0/8 or fc00::/7; decimal octets without leading zeros)`);
    }
    // A /0 calls the whole internet private and would silence every egress finding.
    if (parsed.prefix === 0) {
      throw new PavedError(path, `network.privateCidrs[${i}] ${show(cidr)} is every address of its family: list the platform's own ranges, not the internet`);
    }
  });
  return { privateCidrs: [...privateCidrs] };
}

/** Throws unless every block of `cidrs` lies inside the platform's private ranges. */
export function requireWithinPrivate(path: string, prop: string, cidrs: string[], privateCidrs: string[]): void {
  const inside = CidrSet.of(privateCidrs);
  cidrs.forEach((cidr, i) => {
    const block = parseCidr(cidr);
    if (block && !inside.covers(CidrSet.ofBlocks([block]))) {
      throw new PavedError(path, `${prop}[${i}] ${show(cidr)} is outside network.privateCidrs (${privateCidrs.join(', ')}): add the range there, or name a private one`);
    }
  });
}
