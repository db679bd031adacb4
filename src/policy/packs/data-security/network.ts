import { CloudAccount, CloudKinds, foundValue, isUnresolved, listOf, securityRule } from './cloud-resource';
import { CidrSet, parseCidr } from '../../../network/cidr-set';
import { IRule, Severity, Violation } from '../../rule';

/** The address-range arguments of one ingress rule, by the field that holds each. */
type AddressFields = { [field: string]: unknown };

/**
 * Why the CIDRs in `value` (one CIDR or a list) admit an address outside the platform's private
 * networks, or undefined when they do not. The union is computed exactly, so no spelling of a
 * range (split halves, overlapping blocks, IPv6) gets past it.
 */
function publicAddresses(field: string, value: unknown, account: CloudAccount | undefined): Violation | undefined {
  if (isUnresolved(value) || listOf(value).some((cidr) => typeof cidr !== 'string')) {
    return { field, found: foundValue(value), expected: 'literal CIDRs inside the platform\'s private networks, readable before deployment' };
  }
  const cidrs = listOf(value) as string[];
  if (cidrs.length === 0) return undefined;
  const invalid = cidrs.filter((cidr) => parseCidr(cidr) === undefined);
  if (invalid.length > 0) return { field, found: foundValue(value), expected: `CIDRs (not ${JSON.stringify(invalid)})` };
  const privateNetworks = (account?.privateNetworkCidrs ?? []).map(parseCidr).filter((b) => b !== undefined);
  const exposed = CidrSet.of(cidrs).minus(CidrSet.ofBlocks(privateNetworks));
  if (exposed.isEmpty) return undefined;
  return {
    field,
    found: `${foundValue(value)}, which admits addresses outside the private networks: ${exposed.describe()}`,
    expected: `only addresses inside ${JSON.stringify(account?.privateNetworkCidrs ?? [])}; better, name the cluster security group`,
  };
}

/** A prefix list's ranges live in another resource: they cannot be verified here. */
function prefixList(field: string, value: unknown): Violation | undefined {
  return listOf(value).length === 0 ? undefined : { field, found: foundValue(value), expected: 'absent: a prefix list\'s ranges cannot be verified before deployment' };
}

function check(prefix: string, fields: AddressFields, prefixLists: AddressFields, account: CloudAccount | undefined): Violation[] {
  return [
    ...Object.entries(fields).map(([field, value]) => publicAddresses(`${prefix}${field}`, value, account)),
    ...Object.entries(prefixLists).map(([field, value]) => prefixList(`${prefix}${field}`, value)),
  ].filter((v): v is Violation => v !== undefined);
}

/** Data stores are reached from the cluster, never from a public address. */
export const NETWORK_NO_OPEN_INGRESS: IRule = securityRule({
  id: 'data.network-no-open-ingress',
  title: 'Security groups of data stores admit no public address',
  severity: Severity.CRITICAL,
  rationale: 'An ingress rule admitting any address outside the platform\'s private networks (0.0.0.0/0, ::/0, two /1 halves, a public block) exposes the data store to every network that can route to it.',
  remediation: 'Admit the cluster security group (or another named security group) on the data store port instead of an address range.',
  kinds: [CloudKinds.EC2_SECURITY_GROUP, CloudKinds.EC2_SECURITY_GROUP_RULE, CloudKinds.VPC_SECURITY_GROUP_INGRESS_RULE],
  check: ({ kind, spec, account }) => {
    if (kind === CloudKinds.VPC_SECURITY_GROUP_INGRESS_RULE) {
      return check('spec.', { cidrIpv4: spec.cidrIpv4, cidrIpv6: spec.cidrIpv6 }, { prefixListId: spec.prefixListId }, account);
    }
    if (kind === CloudKinds.EC2_SECURITY_GROUP_RULE) {
      // Egress opens nothing to callers; a type only known at deploy time might be ingress.
      if (spec.type === 'egress') return [];
      return check('spec.', { cidrBlocks: spec.cidrBlocks, ipv6CidrBlocks: spec.ipv6CidrBlocks }, { prefixListIds: spec.prefixListIds }, account);
    }
    if (isUnresolved(spec.ingress) || (spec.ingress !== undefined && !Array.isArray(spec.ingress))) {
      return [{ field: 'spec.ingress', found: foundValue(spec.ingress), expected: 'a list of rules readable before deployment' }];
    }
    return (spec.ingress ?? []).flatMap((rule: any, i: number): Violation[] => {
      if (isUnresolved(rule)) return [{ field: `spec.ingress[${i}]`, found: foundValue(rule), expected: 'a rule readable before deployment' }];
      return check(`spec.ingress[${i}].`, { cidrBlocks: rule?.cidrBlocks, ipv6CidrBlocks: rule?.ipv6CidrBlocks }, { prefixListIds: rule?.prefixListIds }, account);
    });
  },
});

/** The rules over network access, in report order. */
export const NETWORK_RULES: IRule[] = [NETWORK_NO_OPEN_INGRESS];
