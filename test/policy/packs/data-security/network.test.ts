/* eslint-disable no-bitwise -- addresses are bit strings */
import * as fc from 'fast-check';
import { ACCOUNT, UNRESOLVED, check, checkKind } from './support';
import { CloudKinds } from '../../../../src/policy/packs/data-security/cloud-resource';
import { NETWORK_NO_OPEN_INGRESS } from '../../../../src/policy/packs/data-security/network';

const fromCluster = { protocol: 'tcp', fromPort: 5432, toPort: 5432, securityGroups: [UNRESOLVED] };
const ingress = (rule: object) => ({ ingress: [fromCluster, { ...fromCluster, ...rule }], egress: [] });

describe('data.network-no-open-ingress on security groups', () => {
  test('passes ingress from a named security group, and from inside the private networks', () => {
    expect(check(NETWORK_NO_OPEN_INGRESS, { ingress: [fromCluster], egress: [] })).toEqual([]);
    expect(check(NETWORK_NO_OPEN_INGRESS, ingress({ cidrBlocks: ['10.0.4.0/24', '10.0.0.0/17', '10.0.128.0/17'], ipv6CidrBlocks: ['fd00:ec2:1::/48'] }))).toEqual([]);
  });
  test('fails ingress from anywhere, over IPv4 and IPv6', () => {
    const violations = check(NETWORK_NO_OPEN_INGRESS, ingress({ cidrBlocks: ['0.0.0.0/0'], ipv6CidrBlocks: ['::/0'] }));
    expect(violations.map((v) => v.field)).toEqual(['spec.ingress[1].cidrBlocks', 'spec.ingress[1].ipv6CidrBlocks']);
    expect(violations[0].found).toBe('["0.0.0.0/0"], which admits addresses outside the private networks: 0.0.0.0-9.255.255.255, 10.1.0.0-255.255.255.255');
    expect(violations[0].expected).toContain('["10.0.0.0/16","fd00:ec2::/32"]');
  });
  test('fails the internet split into halves, and a public block beside a private one', () => {
    expect(check(NETWORK_NO_OPEN_INGRESS, ingress({ cidrBlocks: ['0.0.0.0/1', '128.0.0.0/1'] }))).toHaveLength(1);
    expect(check(NETWORK_NO_OPEN_INGRESS, ingress({ ipv6CidrBlocks: ['::/1', '8000::/1'] }))).toHaveLength(1);
    expect(check(NETWORK_NO_OPEN_INGRESS, ingress({ cidrBlocks: ['10.0.0.0/16', '203.0.113.7/32'] }))[0].found).toContain(': 203.0.113.7');
    // A private range of RFC 1918 that is not the platform's is still outside its networks.
    expect(check(NETWORK_NO_OPEN_INGRESS, ingress({ cidrBlocks: ['10.0.0.0/8'] }))[0].found).toContain('10.1.0.0-10.255.255.255');
  });
  test('fails ranges that cannot be verified: deploy-time values, non-CIDRs, prefix lists', () => {
    expect(check(NETWORK_NO_OPEN_INGRESS, ingress({ cidrBlocks: UNRESOLVED }))[0].field).toBe('spec.ingress[1].cidrBlocks');
    expect(check(NETWORK_NO_OPEN_INGRESS, ingress({ cidrBlocks: [UNRESOLVED] }))).toHaveLength(1);
    expect(check(NETWORK_NO_OPEN_INGRESS, ingress({ cidrBlocks: ['anywhere'] }))[0].expected).toBe('CIDRs (not ["anywhere"])');
    expect(check(NETWORK_NO_OPEN_INGRESS, ingress({ prefixListIds: ['pl-123'] }))[0].field).toBe('spec.ingress[1].prefixListIds');
    expect(check(NETWORK_NO_OPEN_INGRESS, { ingress: UNRESOLVED })[0].field).toBe('spec.ingress');
    expect(check(NETWORK_NO_OPEN_INGRESS, { ingress: [UNRESOLVED] })[0].field).toBe('spec.ingress[0]');
  });
  test('without the platform\'s networks every address is public', () => {
    expect(check(NETWORK_NO_OPEN_INGRESS, ingress({ cidrBlocks: ['10.0.4.0/24'] }), undefined, { ...ACCOUNT, privateNetworkCidrs: [] })).toHaveLength(1);
  });
});

describe('data.network-no-open-ingress on separate rule resources', () => {
  test('SecurityGroupIngressRule: fails 0.0.0.0/0 and ::/0, passes a private source', () => {
    const rule = CloudKinds.VPC_SECURITY_GROUP_INGRESS_RULE;
    expect(checkKind(NETWORK_NO_OPEN_INGRESS, rule, { securityGroupId: UNRESOLVED, cidrIpv4: '0.0.0.0/0', ipProtocol: 'tcp' })[0].field).toBe('spec.cidrIpv4');
    expect(checkKind(NETWORK_NO_OPEN_INGRESS, rule, { securityGroupId: UNRESOLVED, cidrIpv6: '::/0' })[0].field).toBe('spec.cidrIpv6');
    expect(checkKind(NETWORK_NO_OPEN_INGRESS, rule, { securityGroupId: UNRESOLVED, prefixListId: 'pl-1' })[0].field).toBe('spec.prefixListId');
    expect(checkKind(NETWORK_NO_OPEN_INGRESS, rule, { securityGroupId: UNRESOLVED, cidrIpv4: '10.0.3.0/24' })).toEqual([]);
    expect(checkKind(NETWORK_NO_OPEN_INGRESS, rule, { securityGroupId: UNRESOLVED, referencedSecurityGroupId: 'sg-cluster' })).toEqual([]);
  });
  test('SecurityGroupRule: fails public ingress, leaves egress alone', () => {
    const rule = CloudKinds.EC2_SECURITY_GROUP_RULE;
    expect(checkKind(NETWORK_NO_OPEN_INGRESS, rule, { type: 'ingress', cidrBlocks: ['0.0.0.0/1', '128.0.0.0/1'] })).toHaveLength(1);
    expect(checkKind(NETWORK_NO_OPEN_INGRESS, rule, { type: UNRESOLVED, cidrBlocks: ['0.0.0.0/0'] })).toHaveLength(1);
    expect(checkKind(NETWORK_NO_OPEN_INGRESS, rule, { type: 'egress', cidrBlocks: ['0.0.0.0/0'] })).toEqual([]);
    expect(checkKind(NETWORK_NO_OPEN_INGRESS, rule, { type: 'ingress', sourceSecurityGroupId: 'sg-cluster' })).toEqual([]);
  });
});

describe('data.network-no-open-ingress over the space of address ranges', () => {
  const octets = (n: number) => [24, 16, 8, 0].map((s) => (n >>> s) & 0xff).join('.');
  const v4Cidr = fc.tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 32 })).map(([a, p]) => `${octets(a)}/${p}`);
  const inside = (cidr: string) => {
    const [address, prefix] = cidr.split('/');
    const value = address.split('.').reduce((n, o) => n * 256 + Number(o), 0);
    const size = 2 ** (32 - Number(prefix));
    const start = Math.floor(value / size) * size;
    return start >= 0x0a000000 && start + size - 1 <= 0x0a00ffff;
  };

  test('property: a set of CIDRs fails exactly when one of them reaches outside 10.0.0.0/16', () => {
    fc.assert(fc.property(fc.array(v4Cidr, { minLength: 1, maxLength: 6 }), (cidrs) => {
      expect(check(NETWORK_NO_OPEN_INGRESS, ingress({ cidrBlocks: cidrs })).length > 0).toBe(!cidrs.every(inside));
    }));
  });

  test('property: any split of the whole space into blocks fails, however it is spelt', () => {
    // Cut the space into 2^k equal blocks, then shuffle them.
    fc.assert(fc.property(fc.integer({ min: 1, max: 6 }), fc.integer(), (k, seed) => {
      const blocks = Array.from({ length: 2 ** k }, (_, i) => `${octets((i * 2 ** (32 - k)) >>> 0)}/${k}`);
      const shuffled = blocks.map((b, i) => ({ b, key: (i * 2654435761 + seed) % 1000 })).sort((x, y) => x.key - y.key).map((x) => x.b);
      expect(check(NETWORK_NO_OPEN_INGRESS, ingress({ cidrBlocks: shuffled }))).toHaveLength(1);
    }));
  });
});
