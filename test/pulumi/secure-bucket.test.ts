import * as pulumi from '@pulumi/pulumi';
import { bucket } from './support/fixtures';
import { RecordingMocks, registered, useMocks, valueOf } from './support/mocks';
import { SecureBucket } from '../../src/pulumi/secure-bucket';
import { Tier } from 'paved';

const mocks = new RecordingMocks();
beforeAll(() => useMocks(mocks));

async function deploy(tier: Tier, name: string) {
  const dependency = bucket(tier);
  const secure = new SecureBucket(name, { dependency });
  await registered(secure.bucket, secure.key, secure.connectionSecret.version);
  // The companions are registered once the bucket's id resolves; give them a turn.
  await new Promise((resolve) => setImmediate(resolve));
  const inputs = (type: string, suffix: string) => mocks.find(`aws:s3/${type}`, `${name}${suffix}`).inputs;
  return { dependency, secure, inputs };
}

describe('SecureBucket', () => {
  let deployed: ReturnType<typeof deploy>;
  beforeAll(() => { deployed = deploy(Tier.PRODUCTION, 'prod-bucket'); });

  test('is named by the dependency and never force-destroyed', async () => {
    const { dependency, inputs } = await deployed;
    expect(inputs('bucket:Bucket', '')).toMatchObject({ bucket: dependency.bucketName, forceDestroy: false });
    expect(dependency.bucketName).toMatch(/^acme-payments-production-invoices-[0-9a-f]{6}$/);
  });

  test('blocks public access in all four ways and disables ACLs', async () => {
    const { inputs } = await deployed;
    expect(inputs('bucketPublicAccessBlock:BucketPublicAccessBlock', '-public-access')).toMatchObject({
      bucket: 'prod-bucket-id', blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
    });
    expect(inputs('bucketOwnershipControls:BucketOwnershipControls', '-ownership').rule).toEqual({ objectOwnership: 'BucketOwnerEnforced' });
  });

  test('encrypts with SSE-KMS under its own rotating key, with a bucket key', async () => {
    const { inputs } = await deployed;
    expect(inputs('bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration', '-encryption').rules).toEqual([{
      applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/prod-bucket-key' },
      bucketKeyEnabled: true,
    }]);
    expect(mocks.find('aws:kms/key:Key', 'prod-bucket-key').inputs.enableKeyRotation).toBe(true);
  });

  test('keeps versions and expires old ones after the declared days, aborting stale uploads', async () => {
    const { inputs } = await deployed;
    expect(inputs('bucketVersioning:BucketVersioning', '-versioning').versioningConfiguration).toEqual({ status: 'Enabled' });
    expect(inputs('bucketLifecycleConfiguration:BucketLifecycleConfiguration', '-lifecycle').rules).toEqual([expect.objectContaining({
      status: 'Enabled', noncurrentVersionExpiration: { noncurrentDays: 45 }, abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
    })]);
  });

  test('denies every request made without TLS', async () => {
    const { dependency, inputs } = await deployed;
    const policy = inputs('bucketPolicy:BucketPolicy', '-policy').policy;
    const document = typeof policy === 'string' ? JSON.parse(policy) : policy;
    expect(document.Statement).toEqual([{
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [`arn:aws:s3:::${dependency.bucketName}`, `arn:aws:s3:::${dependency.bucketName}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    }]);
  });

  test('writes bucket and region as a secret output into the named secret', async () => {
    const { dependency, secure } = await deployed;
    expect(mocks.find('aws:secretsmanager/secret:Secret', 'prod-bucket-connection').inputs.name).toBe(dependency.cloudSecretName);
    expect(await pulumi.isSecret(secure.connectionSecret.secretString)).toBe(true);
    expect(JSON.parse(await valueOf(secure.connectionSecret.secretString))).toEqual({ bucket: dependency.bucketName, region: 'eu-west-1' });
  });
});

describe('SecureBucket overrides', () => {
  test('suspending versioning fails with the finding', () => {
    expect(() => new SecureBucket('suspended-bucket', { dependency: bucket(Tier.STAGING), overrides: { versioning: { versioningConfiguration: { status: 'Suspended' } } } }))
      .toThrow(/✖ data\.bucket-versioning {2}payments-staging\/invoices[\s\S]*is "Suspended" — expected "Enabled"/);
  });

  test('replacing the policy with one that allows plain HTTP fails with the finding', () => {
    const policy = { Version: '2012-10-17' as const, Statement: [{ Effect: 'Allow' as const, Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::x/*' }] };
    expect(() => new SecureBucket('open-bucket', { dependency: bucket(Tier.STAGING), overrides: { policy: { policy } } })).toThrow(/data\.bucket-tls-only/);
  });

  test('a public ACL on the bucket fails with the finding', () => {
    expect(() => new SecureBucket('acl-bucket', { dependency: bucket(Tier.STAGING), overrides: { bucket: { acl: 'public-read' } } })).toThrow(/data\.bucket-no-inline-access/);
  });
});

test('buckets exist in every tier: S3 has no in-cluster stand-in', async () => {
  const dependency = bucket(Tier.PREVIEW);
  const secure = new SecureBucket('preview-bucket', { dependency });
  await registered(secure.bucket);
  expect(mocks.find('aws:s3/bucket:Bucket', 'preview-bucket').inputs.bucket).toBe(dependency.bucketName);
});
