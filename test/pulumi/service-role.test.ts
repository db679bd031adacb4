import { Testing } from 'cdk8s';
import { CLUSTER, Orders, orders } from './support/fixtures';
import { RecordingMocks, registered, useMocks } from './support/mocks';
import { SecureBucket } from '../../src/pulumi/secure-bucket';
import { SecureQueue } from '../../src/pulumi/secure-queue';
import { ServiceRole } from '../../src/pulumi/service-role';
import { QueueDependency, Tier } from 'paved';

const mocks = new RecordingMocks();
beforeAll(() => useMocks(mocks));

const OIDC = 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';

function policyOf(value: any): any {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

describe('ServiceRole', () => {
  let deployed: Promise<{ service: Orders['service']; bucketName: string; role: any; policy: any }>;
  beforeAll(() => {
    deployed = (async () => {
      const { service, invoices } = orders(Tier.PRODUCTION);
      const bucket = new SecureBucket('role-bucket', { dependency: invoices });
      const role = new ServiceRole('orders-role', { service, cluster: CLUSTER, buckets: [bucket] });
      await registered(role.role, role.policy);
      return { service, bucketName: invoices.bucketName, role: mocks.find('aws:iam/role:Role', 'orders-role').inputs, policy: mocks.find('aws:iam/rolePolicy:RolePolicy', 'orders-role-policy').inputs };
    })();
  });

  test('is named as the Kubernetes side annotates the ServiceAccount', async () => {
    const { service, role } = await deployed;
    expect(role.name).toMatch(/^paved-payments-production-orders-api-[0-9a-f]{6}$/);
    expect(role.name).toBe(service.roleName);
    const synthesized = Testing.synth(service.environment).find((o: any) => o.kind === 'ServiceAccount' && o.metadata.name === 'orders-api');
    expect(synthesized.metadata.annotations['eks.amazonaws.com/role-arn']).toBe(`arn:aws:iam::123456789012:role/${role.name}`);
  });

  test('is trusted only by the service\'s own ServiceAccount, through the cluster OIDC provider, for STS', async () => {
    const { role } = await deployed;
    expect(policyOf(role.assumeRolePolicy)).toEqual({
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow',
        Principal: { Federated: CLUSTER.oidcProviderArn },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { [`${OIDC}:sub`]: 'system:serviceaccount:payments-production:orders-api', [`${OIDC}:aud`]: 'sts.amazonaws.com' } },
      }],
    });
  });

  test('may use exactly its bucket\'s objects and key', async () => {
    const { bucketName, policy } = await deployed;
    expect(policy.role).toBe('orders-role-id');
    expect(policyOf(policy.policy).Statement).toEqual([
      { Sid: 'Objects', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], Resource: [`arn:aws:s3:::${bucketName}/*`] },
      { Sid: 'List', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: [`arn:aws:s3:::${bucketName}`] },
      { Sid: 'BucketKeys', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: ['arn:aws:kms:eu-west-1:123456789012:key/role-bucket-key'] },
    ]);
  });

  test('is tagged with its service', async () => {
    const { role } = await deployed;
    expect(role.tags).toMatchObject({ 'service': 'orders-api', 'team': 'payments', 'paved:cost': 'payments-production/orders-api', 'managed-by': 'paved' });
  });
});

describe('ServiceRole with queues', () => {
  test('a bucket and a queue: bucket statements, then the queue\'s, each on exactly its resources', async () => {
    const { env, service, invoices } = orders(Tier.STAGING);
    const events = new QueueDependency(env, 'orders-events');
    const bucket = new SecureBucket('mixed-bucket', { dependency: invoices });
    const queue = new SecureQueue('mixed-queue', { dependency: events, cluster: CLUSTER });
    const role = new ServiceRole('mixed-role', { service, cluster: CLUSTER, buckets: [bucket], queues: [{ queue, access: 'send' }] });
    await registered(role.policy);
    const statements = policyOf(mocks.find('aws:iam/rolePolicy:RolePolicy', 'mixed-role-policy').inputs.policy).Statement;
    expect(statements.map((s: any) => s.Sid)).toEqual(['Objects', 'List', 'BucketKeys', 'QueueSend', 'QueueSendKeys']);
    expect(statements[3].Resource).toEqual([events.queueArn]);
    expect(statements[4].Resource).toEqual(['arn:aws:kms:eu-west-1:123456789012:key/mixed-queue-key']);
  });

  test('a queue alone is enough for a role, and grants no bucket at all', async () => {
    const { env, service } = orders(Tier.STAGING);
    const queue = new SecureQueue('only-queue', { dependency: new QueueDependency(env, 'orders-events'), cluster: CLUSTER });
    const role = new ServiceRole('queue-role', { service, cluster: CLUSTER, buckets: [], queues: [{ queue, access: 'receive' }] });
    await registered(role.policy);
    const statements = policyOf(mocks.find('aws:iam/rolePolicy:RolePolicy', 'queue-role-policy').inputs.policy).Statement;
    expect(statements.map((s: any) => s.Sid)).toEqual(['QueueReceive', 'QueueReceiveKeys']);
    expect(JSON.stringify(statements)).not.toContain('s3:');
  });
});

describe('ServiceRole overrides', () => {
  test('widening the permissions to every bucket fails with the finding', () => {
    const { service, invoices } = orders(Tier.STAGING);
    const bucket = new SecureBucket('wide-bucket', { dependency: invoices });
    const policy = { Version: '2012-10-17' as const, Statement: [{ Effect: 'Allow' as const, Action: 's3:*', Resource: '*' }] };
    expect(() => new ServiceRole('wide-role', { service, cluster: CLUSTER, buckets: [bucket], overrides: { policy: { policy } } }))
      .toThrow(/✖ data\.iam-least-privilege {2}payments-staging\/orders-api {2}aws:iam\/rolePolicy:RolePolicy\/wide-role-policy/);
  });

  test('trusting every service account of the namespace fails with the finding', () => {
    const { service, invoices } = orders(Tier.STAGING);
    const bucket = new SecureBucket('trust-bucket', { dependency: invoices });
    const assumeRolePolicy = {
      Version: '2012-10-17' as const,
      Statement: [{
        Effect: 'Allow' as const,
        Principal: { Federated: CLUSTER.oidcProviderArn },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringLike: { [`${OIDC}:sub`]: 'system:serviceaccount:payments-staging:*' } },
      }],
    };
    expect(() => new ServiceRole('loose-role', { service, cluster: CLUSTER, buckets: [bucket], overrides: { role: { assumeRolePolicy } } }))
      .toThrow(/data\.iam-trust-scoped/);
  });

  test('a role without buckets or queues is refused', () => {
    expect(() => new ServiceRole('empty-role', { service: orders(Tier.STAGING).service, cluster: CLUSTER, buckets: [], queues: [] })).toThrow(/needs at least one bucket or queue/);
  });
});
