import * as fc from 'fast-check';
import { UNRESOLVED, check } from './support';
import {
  BUCKET_NO_INLINE_ACCESS, BUCKET_OWNER_ENFORCED, BUCKET_PUBLIC_ACCESS_BLOCK, BUCKET_SSE_KMS, BUCKET_TLS_ONLY, BUCKET_VERSIONING,
  BUCKET_POLICY_NO_FOREIGN_GRANTS,
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

describe('data.bucket-policy-principals', () => {
  const deny = { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::acme-invoices'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
  const allow = (principal: unknown) => ({ policy: { Statement: [deny, { Effect: 'Allow', Principal: principal, Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-invoices/*' }] } });
  test('passes Deny statements and grants to roles of the account', () => {
    expect(check(BUCKET_POLICY_NO_FOREIGN_GRANTS, { policy: { Statement: [deny] } })).toEqual([]);
    expect(check(BUCKET_POLICY_NO_FOREIGN_GRANTS, allow({ AWS: 'arn:aws:iam::123456789012:role/reporting' }))).toEqual([]);
    expect(check(BUCKET_POLICY_NO_FOREIGN_GRANTS, allow({ AWS: ['arn:aws:iam::123456789012:root', '123456789012'] }))).toEqual([]);
  });
  test('fails grants to everyone, to another account, to services, through NotPrincipal', () => {
    for (const principal of ['*', { AWS: '*' }, { AWS: 'arn:aws:iam::999999999999:root' }, { AWS: '999999999999' }, { AWS: ['arn:aws:iam::123456789012:role/a', 'arn:aws:iam::999999999999:role/b'] },
      { Service: 'cloudfront.amazonaws.com' }, { CanonicalUser: 'abc' }, { AWS: 'arn:aws:iam::123456789012:role/*' }, { AWS: UNRESOLVED }, UNRESOLVED, undefined]) {
      expect(check(BUCKET_POLICY_NO_FOREIGN_GRANTS, allow(principal)).map((v) => v.field)).toEqual(['spec.policy.Statement[1].Principal']);
    }
    const not = { policy: { Statement: [{ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 's3:GetObject', Resource: '*' }] } };
    expect(check(BUCKET_POLICY_NO_FOREIGN_GRANTS, not)[0].field).toBe('spec.policy.Statement[0].NotPrincipal');
    expect(check(BUCKET_POLICY_NO_FOREIGN_GRANTS, { policy: JSON.stringify(allow('*').policy) })).toHaveLength(1);
  });
  test('property: an Allow passes exactly when every principal is the account or one of its identities', () => {
    const own = fc.constantFrom('123456789012', 'arn:aws:iam::123456789012:root', 'arn:aws:iam::123456789012:role/reader', 'arn:aws:sts::123456789012:assumed-role/r/s');
    const foreign = fc.oneof(fc.constant('*'), fc.stringMatching(/^[0-9]{12}$/).filter((a) => a !== '123456789012'),
      fc.stringMatching(/^[0-9]{12}$/).filter((a) => a !== '123456789012').map((a) => `arn:aws:iam::${a}:root`), fc.constant('arn:aws:iam::123456789012:*'));
    const principal = fc.oneof(own.map((p) => [p, true] as const), foreign.map((p) => [p, false] as const));
    fc.assert(fc.property(fc.array(principal, { minLength: 1, maxLength: 4 }), (principals) => {
      const passes = principals.every(([, ok]) => ok);
      expect(check(BUCKET_POLICY_NO_FOREIGN_GRANTS, allow({ AWS: principals.map(([p]) => p) })).length === 0).toBe(passes);
    }));
  });
});
