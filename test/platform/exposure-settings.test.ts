import { resolveExposureSettings } from '../../src/platform/exposure-settings';
import { testPlatform } from '../support/fixtures';

const EXCEPTION = { namespace: 'payments-production', kind: 'Service', name: 'vendor-gateway', ruleIds: ['exposure.service-type'], reason: 'SEC-412' };

describe('resolveExposureSettings', () => {
  test('defaults to no further domain and no exception', () => {
    expect(resolveExposureSettings('Platform(acme)', undefined)).toEqual({ additionalDomains: [], exceptions: [] });
    expect(testPlatform().exposure).toEqual({ additionalDomains: [], exceptions: [] });
  });
  test('keeps a copy of what it was given', () => {
    const ruleIds = ['exposure.service-type'];
    const resolved = resolveExposureSettings('p', { exceptions: [{ ...EXCEPTION, ruleIds }] });
    ruleIds.push('exposure.ingress-host');
    expect(resolved.exceptions[0].ruleIds).toEqual(['exposure.service-type']);
  });
  test.each([
    [{ additionalDomains: ['Acme.IO'] }, /exposure.additionalDomains\[0\] "Acme.IO" must be a lower-case DNS name/],
    [{ exceptions: [{ ...EXCEPTION, kind: 'Pod' }] }, /exposure.exceptions\[0\].kind "Pod" must be one of Ingress, Service/],
    [{ exceptions: [{ ...EXCEPTION, namespace: 'Payments' }] }, /exposure.exceptions\[0\].namespace "Payments"/],
    [{ exceptions: [{ ...EXCEPTION, ruleIds: [] }] }, /exposure.exceptions\[0\].ruleIds \[\] must list the exposure rules/],
    [{ exceptions: [{ ...EXCEPTION, ruleIds: ['pss.baseline.privileged'] }] }, /ruleIds\[0\] "pss.baseline.privileged" is not an exposure rule/],
    [{ exceptions: [{ ...EXCEPTION, reason: ' ' }] }, /exposure.exceptions\[0\].reason " " must be a non-empty string/],
  ])('rejects %j, naming the prop', (exposure, message) => {
    expect(() => testPlatform({ exposure: exposure as any })).toThrow(message);
    expect(() => testPlatform({ exposure: exposure as any })).toThrow(/^Platform\(acme\): /);
  });
});
