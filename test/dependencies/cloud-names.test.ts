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

  test('a queue\'s scaler role is its own, apart from any service\'s role, within IAM\'s 64 characters', () => {
    const scaler = CloudNames.queueScalerRoleName('payments-prod', 'orders-events');
    expect(scaler).toMatch(/^paved-payments-prod-orders-events-scaler-[0-9a-f]{6}$/);
    // A service named "orders-events-scaler" must not get the queue's scaler role.
    expect(scaler).not.toBe(CloudNames.serviceRoleName('payments-prod', 'orders-events-scaler'));
    expect(CloudNames.queueScalerRoleName('p'.repeat(63), 'q'.repeat(63)).length).toBeLessThanOrEqual(64);
  });

  test('queue ARNs and URLs name the region and the account', () => {
    expect(CloudNames.queueArn('eu-west-1', '123456789012', 'q-1.fifo')).toBe('arn:aws:sqs:eu-west-1:123456789012:q-1.fifo');
    expect(CloudNames.queueUrl('eu-west-1', '123456789012', 'q-1')).toBe('https://sqs.eu-west-1.amazonaws.com/123456789012/q-1');
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
