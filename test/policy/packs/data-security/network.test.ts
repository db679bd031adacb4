import { UNRESOLVED, check } from './support';
import { NETWORK_NO_OPEN_INGRESS } from '../../../../src/policy/packs/data-security/network';

describe('data.network-no-open-ingress', () => {
  const fromCluster = { protocol: 'tcp', fromPort: 5432, toPort: 5432, securityGroups: [UNRESOLVED] };
  test('passes ingress from a named security group', () => {
    expect(check(NETWORK_NO_OPEN_INGRESS, { ingress: [fromCluster], egress: [] })).toEqual([]);
  });
  test('fails ingress from anywhere, over IPv4 and IPv6', () => {
    expect(check(NETWORK_NO_OPEN_INGRESS, { ingress: [fromCluster, { ...fromCluster, cidrBlocks: ['0.0.0.0/0'], ipv6CidrBlocks: ['::/0'] }] })).toEqual([
      { field: 'spec.ingress[1].cidrBlocks', found: '["0.0.0.0/0"]', expected: 'no 0.0.0.0/0 or ::/0: name the cluster security group instead' },
      { field: 'spec.ingress[1].ipv6CidrBlocks', found: '["::/0"]', expected: 'no 0.0.0.0/0 or ::/0: name the cluster security group instead' },
    ]);
  });
});
