import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Include, JsonPatch } from 'cdk8s';
import * as fc from 'fast-check';
import { policyWith } from './support';
import { BucketDependency } from '../../../../src/dependencies/bucket-dependency';
import { formatAddress } from '../../../../src/network/cidr-set';
import { Tier } from '../../../../src/platform/tier';
import { INTERNET_EGRESS } from '../../../../src/policy/packs/network/internet-egress';
import { PolicyTesting } from '../../../../src/policy/policy-testing';
import { splitOfIpv4Space } from '../../../support/cidr-arbitraries';
import { dependencyEnvironment, testEnvironment, testPlatform, testService } from '../../../support/fixtures';
import { check, fields } from '../workloads';

const DECLARED = { 'paved.dev/egress-internet': 'calls the Stripe API' };
const blocks = (...cidrs: Array<string | { cidr: string; except?: string[] }>) =>
  policyWith({ egress: [{ to: cidrs.map((c) => ({ ipBlock: typeof c === 'string' ? { cidr: c } : c })), ports: [{ port: 443 }] }] });

describe('network.internet-egress', () => {
  test('passes private ranges, however written; each twin reaching one public address fails', () => {
    expect(check(INTERNET_EGRESS, blocks('10.0.0.0/9', '10.128.0.0/9', '172.16.0.0/12', '100.64.0.0/10', 'fd12::/16'))).toEqual([]);
    expect(fields(check(INTERNET_EGRESS, blocks('10.0.0.0/9', '11.0.0.0/32')))).toEqual(['spec.egress[0].to[1].ipBlock']);
    expect(check(INTERNET_EGRESS, blocks({ cidr: '10.0.0.0/7', except: ['11.0.0.0/8'] }))).toEqual([]);
    expect(fields(check(INTERNET_EGRESS, blocks({ cidr: '10.0.0.0/7', except: ['11.0.0.0/9'] })))).toEqual(['spec.egress[0].to[0].ipBlock']);
    expect(check(INTERNET_EGRESS, blocks({ cidr: '10.0.0.0/7', except: ['11.0.0.0/9'] }))[0].expected).toMatch(/this block reaches 11\.128\.0\.0\/9$/);
  });
  test('finds the internet split into halves, quarters or any blocks, and says the union covers it', () => {
    const halves = check(INTERNET_EGRESS, blocks('0.0.0.0/1', '128.0.0.0/1'));
    expect(fields(halves)).toEqual(['spec.egress[0].to[0].ipBlock', 'spec.egress[0].to[1].ipBlock']);
    expect(halves[0].expected).toMatch(/the policy's 2 blocks together reach every public IPv4 address$/);
    expect(fields(check(INTERNET_EGRESS, blocks('0.0.0.0/2', '64.0.0.0/2', '128.0.0.0/2', '192.0.0.0/2')))).toHaveLength(4);
    expect(check(INTERNET_EGRESS, blocks('::/1', '8000::/1'))[0].expected).toMatch(/every public IPv6 address$/);
    expect(check(INTERNET_EGRESS, blocks('0.0.0.0/0'))[0].expected).toMatch(/: every public IPv4 address$/);
    // Spread over several rules, the blocks are one policy's egress.
    const spread = policyWith({ egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/1' } }] }, { to: [{ ipBlock: { cidr: '128.0.0.0/1' } }] }] });
    expect(check(INTERNET_EGRESS, spread)[1].expected).toMatch(/together reach every public IPv4 address$/);
  });
  test('any split of 0.0.0.0/0 into blocks is flagged, and a declared one passes', () => {
    fc.assert(fc.property(splitOfIpv4Space(), fc.integer({ min: 1, max: 4 }), (split, rules) => {
      const to = (r: number) => split.filter((_b, i) => i % rules === r).map((cidr) => ({ ipBlock: { cidr } }));
      const egress = Array.from({ length: Math.min(rules, split.length) }, (_, r) => ({ to: to(r) }));
      const found = check(INTERNET_EGRESS, policyWith({ egress }));
      expect(found.length).toBeGreaterThan(0);
      expect(found.every((v) => v.expected.endsWith('every public IPv4 address'))).toBe(true);
      expect(check(INTERNET_EGRESS, policyWith({ egress }, DECLARED))).toEqual([]);
    }), { numRuns: 100 });
  });
  test('a block reaching any address outside the private ranges is flagged, one inside is not', () => {
    // An oracle by plain arithmetic on numbers: the block lies inside one private range or it does not.
    const ranges = [[10, 8], [172 * 256 + 16, 12], [192 * 256 + 168, 16], [100 * 256 + 64, 10]].map(([high, prefix]) => {
      const lo = high < 256 ? high * 2 ** 24 : high * 2 ** 16;
      return [lo, lo + 2 ** (32 - prefix) - 1];
    });
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 32 }), (address, prefix) => {
      const size = 2 ** (32 - prefix);
      const lo = address - (address % size);
      const hi = lo + size - 1;
      const inside = ranges.some(([start, stop]) => start <= lo && hi <= stop);
      expect(check(INTERNET_EGRESS, blocks(`${formatAddress(4, BigInt(address))}/${prefix}`)).length).toBe(inside ? 0 : 1);
    }), { numRuns: 300 });
  });
  test('counts rules without peers and empty peers, and unreadable CIDRs', () => {
    expect(fields(check(INTERNET_EGRESS, policyWith({ egress: [{ ports: [{ port: 443 }] }, { to: [{}] }] })))).toEqual(['spec.egress[0].to', 'spec.egress[1].to[0]']);
    expect(fields(check(INTERNET_EGRESS, blocks('10.0.0.0/33')))).toEqual(['spec.egress[0].to[0].ipBlock.cidr']);
    // An except entry that does not parse excludes nothing.
    expect(fields(check(INTERNET_EGRESS, blocks({ cidr: '0.0.0.0/0', except: ['0.0.0.0/01'] })))).toEqual(['spec.egress[0].to[0].ipBlock']);
  });
  test('the private ranges are the platform\'s', () => {
    expect(fields(check(INTERNET_EGRESS, blocks('192.168.0.0/16'), { privateCidrs: ['10.0.0.0/8'] }))).toEqual(['spec.egress[0].to[0].ipBlock']);
    const env = testEnvironment(undefined, { platform: testPlatform({ network: { privateCidrs: ['10.0.0.0/8'] } }) });
    const policy = testService(env).networkPolicy;
    policy.addJsonPatch(JsonPatch.add('/spec/egress/-', { to: [{ ipBlock: { cidr: '192.168.0.0/16' } }] }));
    expect(PolicyTesting.findings(env, { rules: [INTERNET_EGRESS] }).map((f) => f.expected)).toEqual([expect.stringContaining('(10.0.0.0/8)')]);
  });
  test('passes Paved\'s declared internet egress; finds the halves in an escape hatch and in included YAML', () => {
    const env = dependencyEnvironment(Tier.PRODUCTION);
    testService(env, { dependencies: [new BucketDependency(env, 'invoices')] });
    expect(PolicyTesting.findings(env, { rules: [INTERNET_EGRESS] })).toEqual([]);

    const patched = testEnvironment(undefined, { namespace: 'search-production' });
    testService(patched).networkPolicy.addJsonPatch(JsonPatch.add('/spec/egress/-', { to: [{ ipBlock: { cidr: '0.0.0.0/1' } }, { ipBlock: { cidr: '128.0.0.0/1' } }] }));
    const dir = mkdtempSync(join(tmpdir(), 'paved-egress-'));
    writeFileSync(join(dir, 'vendored.yaml'), [
      'apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', 'metadata: { name: vendored }',
      'spec:', '  podSelector: {}', '  policyTypes: [Egress]', '  egress:', '  - to:',
      '    - ipBlock: { cidr: 0.0.0.0/2 }', '    - ipBlock: { cidr: 64.0.0.0/2 }', '    - ipBlock: { cidr: 128.0.0.0/1, except: [192.168.0.0/16] }',
    ].join('\n'));
    new Include(patched, 'vendored', { url: join(dir, 'vendored.yaml') });
    expect(PolicyTesting.findings(patched, { rules: [INTERNET_EGRESS] }).map((f) => [f.name, f.field])).toEqual([
      ['orders-api', 'spec.egress[0].to[0].ipBlock'],
      ['orders-api', 'spec.egress[0].to[1].ipBlock'],
      ['vendored', 'spec.egress[0].to[0].ipBlock'],
      ['vendored', 'spec.egress[0].to[1].ipBlock'],
      ['vendored', 'spec.egress[0].to[2].ipBlock'],
    ]);
  });
});
