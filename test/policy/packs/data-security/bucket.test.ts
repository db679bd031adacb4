import { UNRESOLVED, check } from './support';
import {
  BUCKET_NO_INLINE_ACCESS, BUCKET_OWNER_ENFORCED, BUCKET_PUBLIC_ACCESS_BLOCK, BUCKET_SSE_KMS, BUCKET_TLS_ONLY, BUCKET_VERSIONING,
} from '../../../../src/policy/packs/data-security/bucket';

describe('data.bucket-public-access-block', () => {
  const blocked = { bucket: UNRESOLVED, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };
  test('passes all four blocks', () => {
    expect(check(BUCKET_PUBLIC_ACCESS_BLOCK, blocked)).toEqual([]);
  });
  test('fails each block that is off or missing', () => {
    expect(check(BUCKET_PUBLIC_ACCESS_BLOCK, { ...blocked, blockPublicPolicy: false, restrictPublicBuckets: undefined })).toEqual([
      { field: 'spec.blockPublicPolicy', found: 'false', expected: 'true' },
      { field: 'spec.restrictPublicBuckets', found: 'absent', expected: 'true' },
    ]);
  });
});

describe('data.bucket-sse-kms', () => {
  const kms = { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: UNRESOLVED }, bucketKeyEnabled: true }] };
  test('passes SSE-KMS with a customer key', () => {
    expect(check(BUCKET_SSE_KMS, kms)).toEqual([]);
  });
  test('fails S3-managed keys', () => {
    expect(check(BUCKET_SSE_KMS, { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }] })).toEqual([
      { field: 'spec.rules[0].applyServerSideEncryptionByDefault.sseAlgorithm', found: '"AES256"', expected: '"aws:kms"' },
      { field: 'spec.rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId', found: 'absent', expected: 'a customer-managed KMS key ARN' },
    ]);
  });
  test('fails a configuration without rules', () => {
    expect(check(BUCKET_SSE_KMS, { rules: [] })).toHaveLength(1);
  });
});

describe('data.bucket-versioning', () => {
  test('passes enabled versioning', () => {
    expect(check(BUCKET_VERSIONING, { versioningConfiguration: { status: 'Enabled' } })).toEqual([]);
  });
  test('fails suspended versioning', () => {
    expect(check(BUCKET_VERSIONING, { versioningConfiguration: { status: 'Suspended' } })).toEqual([
      { field: 'spec.versioningConfiguration.status', found: '"Suspended"', expected: '"Enabled"' },
    ]);
  });
});

describe('data.bucket-tls-only', () => {
  const deny = {
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [UNRESOLVED],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
  test('passes a policy denying insecure transport, as a document or as JSON', () => {
    expect(check(BUCKET_TLS_ONLY, { policy: { Version: '2012-10-17', Statement: [deny] } })).toEqual([]);
    expect(check(BUCKET_TLS_ONLY, { policy: JSON.stringify({ Version: '2012-10-17', Statement: { ...deny, Principal: { AWS: '*' }, Resource: 'arn:aws:s3:::b' } }) })).toEqual([]);
  });
  test('fails a policy without the deny', () => {
    expect(check(BUCKET_TLS_ONLY, { policy: { Version: '2012-10-17', Statement: [{ ...deny, Effect: 'Allow' }] } })).toEqual([
      { field: 'spec.policy.Statement', found: 'no statement denying insecure transport', expected: 'Deny s3:* to "*" when aws:SecureTransport is "false"' },
    ]);
  });
  test('fails a deny that exempts some principals', () => {
    expect(check(BUCKET_TLS_ONLY, { policy: { Statement: [{ ...deny, Principal: { AWS: 'arn:aws:iam::123456789012:root' } }] } })).toHaveLength(1);
  });
  test('fails a policy that cannot be read before deployment', () => {
    expect(check(BUCKET_TLS_ONLY, { policy: UNRESOLVED })[0].found).toMatch(/unresolved/);
    expect(check(BUCKET_TLS_ONLY, { policy: '{not json' })[0].found).toBe('not a JSON policy document');
  });
});

describe('data.bucket-owner-enforced', () => {
  test('passes BucketOwnerEnforced', () => {
    expect(check(BUCKET_OWNER_ENFORCED, { rule: { objectOwnership: 'BucketOwnerEnforced' } })).toEqual([]);
  });
  test('fails ownership that keeps ACLs', () => {
    expect(check(BUCKET_OWNER_ENFORCED, { rule: { objectOwnership: 'ObjectWriter' } })).toEqual([
      { field: 'spec.rule.objectOwnership', found: '"ObjectWriter"', expected: '"BucketOwnerEnforced"' },
    ]);
  });
});

describe('data.bucket-no-inline-access', () => {
  test('passes a bucket that opens nothing itself', () => {
    expect(check(BUCKET_NO_INLINE_ACCESS, { bucket: 'acme-invoices', forceDestroy: false })).toEqual([]);
    expect(check(BUCKET_NO_INLINE_ACCESS, { bucket: 'acme-invoices', acl: 'private' })).toEqual([]);
  });
  test('fails a public ACL, grants and website hosting', () => {
    expect(check(BUCKET_NO_INLINE_ACCESS, { acl: 'public-read', grants: [{ type: 'Group' }], website: { indexDocument: 'index.html' } })).toEqual([
      { field: 'spec.acl', found: '"public-read"', expected: '"private" or absent' },
      { field: 'spec.grants', found: '[{"type":"Group"}]', expected: 'absent' },
      { field: 'spec.website', found: '{"indexDocument":"index.html"}', expected: 'absent' },
    ]);
  });
});
