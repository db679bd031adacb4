import { BucketDependency } from '../../src/dependencies/bucket-dependency';
import { Errors } from '../../src/errors';
import { Tier } from '../../src/platform/tier';
import { errorOf } from '../support/errors';
import { dependencyEnvironment, find, synth } from '../support/fixtures';

describe('BucketDependency', () => {
  test('names the bucket after the naming contract, and keeps old versions 30 days', () => {
    const bucket = new BucketDependency(dependencyEnvironment(Tier.PRODUCTION), 'invoices');
    expect(bucket.bucketName).toBe('acme-payments-production-invoices-04af07');
    expect(bucket.bucketName).toBe(bucket.cloudResourceName);
    expect(bucket.noncurrentVersionExpirationDays).toBe(30);
  });

  test('copies the bucket name and region from the contract secret, in every tier', () => {
    const env = dependencyEnvironment(Tier.PREVIEW);
    new BucketDependency(env, 'invoices', { noncurrentVersionExpirationDays: 7 });
    expect(find(synth(env), 'ExternalSecret', 'invoices').spec).toEqual({
      refreshInterval: '1h',
      secretStoreRef: { kind: 'ClusterSecretStore', name: 'aws-secrets-manager' },
      target: { name: 'invoices', creationPolicy: 'Owner' },
      data: ['bucket', 'region'].map((property) => ({ secretKey: property, remoteRef: { key: 'paved/acme/payments-preview/invoices', property } })),
    });
  });

  test('reads through the secret store the platform names', () => {
    const env = dependencyEnvironment(Tier.PRODUCTION, { aws: { accountId: '123456789012', region: 'eu-west-1', privateNetworkCidrs: ['10.0.0.0/16'], secretStore: 'payments-store' } });
    new BucketDependency(env, 'invoices');
    expect(find(synth(env), 'ExternalSecret').spec.secretStoreRef.name).toBe('payments-store');
  });

  test('shortens a long name with a stable hash and still meets S3 rules', () => {
    const name = 'x'.repeat(50);
    const bucket = new BucketDependency(dependencyEnvironment(Tier.PRODUCTION), name);
    expect(bucket.bucketName).toHaveLength(63);
    expect(bucket.bucketName).toMatch(/^acme-payments-production-x+-[0-9a-f]{6}$/);
  });
});

test('a dependency name cannot give the bucket a reserved suffix: the contract ends every name in a hash', () => {
  const bucket = new BucketDependency(dependencyEnvironment(Tier.PRODUCTION), 'x-s3alias');
  expect(bucket.bucketName).toMatch(/^acme-payments-production-x-s3alias-[0-9a-f]{6}$/);
});

describe('BucketDependency errors', () => {
  const cases: Array<[string, () => BucketDependency, string | RegExp]> = [
    ['a derived name with a reserved prefix', () => new BucketDependency(dependencyEnvironment(Tier.PRODUCTION, { name: 'xn--acme' }), 'invoices'),
      'bucketName "xn--acme-payments-production-invoices-23371f" starts with the reserved prefix "xn--"'],
    ['a retention of zero days', () => new BucketDependency(dependencyEnvironment(Tier.PRODUCTION), 'invoices', { noncurrentVersionExpirationDays: 0 }),
      'payments-production/invoices: noncurrentVersionExpirationDays (0) must be a whole number from 1 to 3650'],
  ];

  test.each(cases)('rejects %s', (_what, build, message) => {
    const error = errorOf(build);
    expect(Errors.isPavedError(error)).toBe(true);
    expect(error.message).toContain(message);
  });
});
