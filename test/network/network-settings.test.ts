import { DEFAULT_PRIVATE_CIDRS, requireWithinPrivate, resolveNetworkSettings } from '../../src/network/network-settings';
import { testPlatform } from '../support/fixtures';

describe('resolveNetworkSettings', () => {
  test('defaults to RFC 1918, shared address space and IPv6 unique local addresses', () => {
    expect(resolveNetworkSettings('P', undefined).privateCidrs).toEqual(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7']);
    expect(testPlatform().privateCidrs).toEqual([...DEFAULT_PRIVATE_CIDRS]);
    expect(testPlatform({ network: { privateCidrs: ['10.20.0.0/16'] } }).privateCidrs).toEqual(['10.20.0.0/16']);
  });
  test('rejects what is not a CIDR block, and a block that calls the whole internet private', () => {
    expect(() => testPlatform({ network: { privateCidrs: ['10.0.0.0/8', '10.0.0/8'] } })).toThrow('Platform(acme): network.privateCidrs[1] "10.0.0/8" is not a CIDR block');
    expect(() => testPlatform({ network: { privateCidrs: ['0.0.0.0/0'] } })).toThrow('network.privateCidrs[0] "0.0.0.0/0" is every address of its family');
    expect(() => testPlatform({ network: { privateCidrs: '10.0.0.0/8' as any } })).toThrow('network.privateCidrs "10.0.0.0/8" must be a list of CIDR blocks');
  });
  test('the AWS networks services reach must lie inside the private ranges', () => {
    const aws = { accountId: '123456789012', region: 'eu-west-1', privateNetworkCidrs: ['10.20.0.0/16'] };
    expect(() => testPlatform({ aws })).not.toThrow();
    expect(() => testPlatform({ aws, network: { privateCidrs: ['10.30.0.0/16'] } }))
      .toThrow('aws.privateNetworkCidrs[0] "10.20.0.0/16" is outside network.privateCidrs (10.30.0.0/16)');
    expect(() => requireWithinPrivate('P', 'x', ['10.0.0.0/8', '11.0.0.0/8'], ['10.0.0.0/8'])).toThrow('x[1] "11.0.0.0/8"');
  });
});
