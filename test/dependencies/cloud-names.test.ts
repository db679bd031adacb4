import * as fc from 'fast-check';
import { CloudNames } from '../../src/dependencies/cloud-names';

describe('CloudNames', () => {
  test('secret names are paths of platform, namespace and dependency', () => {
    expect(CloudNames.secretName('acme', 'payments-prod', 'orders-db')).toBe('paved/acme/payments-prod/orders-db');
  });

  test('resource names read as platform-namespace-dependency with a hash', () => {
    expect(CloudNames.resourceName('acme', 'payments-prod', 'orders-db', 63)).toMatch(/^acme-payments-prod-orders-db-[0-9a-f]{6}$/);
  });

  test('names that join to the same text stay apart', () => {
    expect(CloudNames.resourceName('acme', 'payments-prod', 'orders-db', 63)).not.toBe(CloudNames.resourceName('acme', 'payments', 'prod-orders-db', 63));
    expect(CloudNames.serviceRoleName('payments-prod', 'api')).not.toBe(CloudNames.serviceRoleName('payments', 'prod-api'));
  });

  test('role ARNs name the account', () => {
    expect(CloudNames.roleArn('123456789012', 'paved-x')).toBe('arn:aws:iam::123456789012:role/paved-x');
  });

  const label = fc.stringMatching(/^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/);
  test('property: names fit the limit, never end in "-" before the hash, and distinct inputs give distinct names', () => {
    fc.assert(fc.property(label, label, label, label, fc.constantFrom(40, 63), (p, n1, d1, d2, max) => {
      const a = CloudNames.resourceName(p, n1, d1, max);
      expect(a.length).toBeLessThanOrEqual(max);
      expect(a).not.toMatch(/--[0-9a-f]{6}$/);
      expect(a).toBe(CloudNames.resourceName(p, n1, d1, max));
      if (d1 !== d2) expect(a).not.toBe(CloudNames.resourceName(p, n1, d2, max));
    }));
    fc.assert(fc.property(label, label, (n, s) => {
      expect(CloudNames.serviceRoleName(n, s).length).toBeLessThanOrEqual(64);
    }));
  });
});
