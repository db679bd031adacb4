import * as pulumi from '@pulumi/pulumi';
import { CLUSTER, queue } from './support/fixtures';
import { RecordingMocks, registered, useMocks, valueOf } from './support/mocks';
import { SecureQueue } from '../../src/pulumi/secure-queue';
import { QueueDependencyProps, Tier } from 'paved';

const mocks = new RecordingMocks();
beforeAll(() => useMocks(mocks));

const OIDC = 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const json = (value: any) => (typeof value === 'string' ? JSON.parse(value) : value);

async function deploy(tier: Tier, name: string, props: QueueDependencyProps = {}) {
  const dependency = queue(tier, props);
  const secure = new SecureQueue(name, { dependency, cluster: CLUSTER, services: ['orders-api'] });
  await registered(secure.queue, secure.deadLetterQueue, secure.key, secure.scalerRole, secure.connectionSecret.version);
  // The policies are registered once the queues' URLs resolve; give them a turn.
  await new Promise((resolve) => setImmediate(resolve));
  return { dependency, secure, inputs: (type: string, suffix: string) => mocks.find(type, `${name}${suffix}`).inputs };
}

describe('SecureQueue', () => {
  let deployed: ReturnType<typeof deploy>;
  beforeAll(() => { deployed = deploy(Tier.PRODUCTION, 'prod-queue', { maxReceiveCount: 3 }); });

  test('names both queues by the contract and encrypts them with its own rotating key', async () => {
    const { dependency, inputs } = await deployed;
    const key = 'arn:aws:kms:eu-west-1:123456789012:key/prod-queue-key';
    expect(inputs('aws:sqs/queue:Queue', '')).toMatchObject({ name: dependency.queueName, kmsMasterKeyId: key, kmsDataKeyReusePeriodSeconds: 300 });
    expect(inputs('aws:sqs/queue:Queue', '-dlq')).toMatchObject({ name: dependency.deadLetterQueueName, kmsMasterKeyId: key });
    expect(inputs('aws:sqs/queue:Queue', '').sqsManagedSseEnabled).toBeUndefined();
    expect(inputs('aws:kms/key:Key', '-key').enableKeyRotation).toBe(true);
  });

  test('carries the declared timings, and long-polls', async () => {
    const { inputs } = await deployed;
    expect(inputs('aws:sqs/queue:Queue', '')).toMatchObject({ visibilityTimeoutSeconds: 30, messageRetentionSeconds: 4 * 86400, receiveWaitTimeSeconds: 20 });
    expect(inputs('aws:sqs/queue:Queue', '').fifoQueue).toBeUndefined();
  });

  test('redrives to its dead-letter queue, which admits this queue alone and keeps messages 14 days', async () => {
    const { dependency, inputs } = await deployed;
    expect(json(inputs('aws:sqs/queue:Queue', '').redrivePolicy)).toEqual({ deadLetterTargetArn: dependency.deadLetterQueueArn, maxReceiveCount: 3 });
    const dlq = inputs('aws:sqs/queue:Queue', '-dlq');
    expect(json(dlq.redriveAllowPolicy)).toEqual({ redrivePermission: 'byQueue', sourceQueueArns: [dependency.queueArn] });
    expect(dlq.messageRetentionSeconds).toBe(14 * 86400);
    expect(dlq.redrivePolicy).toBeUndefined();
  });

  test('the contract\'s ARNs are the ones SQS gives the queues', async () => {
    const { dependency, secure } = await deployed;
    expect(await valueOf(secure.queue.arn)).toBe(dependency.queueArn);
    expect(await valueOf(secure.deadLetterQueue.arn)).toBe(dependency.deadLetterQueueArn);
    expect(await valueOf(secure.queue.url)).toBe(dependency.queueUrl);
  });

  test('both queue policies only deny requests without TLS: no statement grants anything', async () => {
    const { dependency, inputs } = await deployed;
    for (const [suffix, arn] of [['-policy', dependency.queueArn], ['-dlq-policy', dependency.deadLetterQueueArn]]) {
      const policy = inputs('aws:sqs/queuePolicy:QueuePolicy', suffix);
      expect(json(policy.policy).Statement).toEqual([{
        Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: arn, Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }]);
    }
    expect(inputs('aws:sqs/queuePolicy:QueuePolicy', '-policy').queueUrl).toBe(dependency.queueUrl);
  });

  test('KEDA\'s scaler role is trusted by the KEDA operator alone and may only read the queue\'s attributes', async () => {
    const { dependency, inputs } = await deployed;
    const role = inputs('aws:iam/role:Role', '-scaler');
    expect(role.name).toBe(dependency.scalerRoleName);
    expect(json(role.assumeRolePolicy).Statement).toEqual([{
      Effect: 'Allow',
      Principal: { Federated: CLUSTER.oidcProviderArn },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { [`${OIDC}:sub`]: 'system:serviceaccount:keda:keda-operator', [`${OIDC}:aud`]: 'sts.amazonaws.com' } },
    }]);
    expect(json(inputs('aws:iam/rolePolicy:RolePolicy', '-scaler-policy').policy).Statement).toEqual([
      { Sid: 'QueueLength', Effect: 'Allow', Action: ['sqs:GetQueueAttributes'], Resource: [dependency.queueArn] },
    ]);
  });

  test('writes url, arn and region as a secret output into the named secret, and tags what it creates', async () => {
    const { dependency, secure, inputs } = await deployed;
    expect(inputs('aws:secretsmanager/secret:Secret', '-connection').name).toBe(dependency.cloudSecretName);
    expect(await pulumi.isSecret(secure.connectionSecret.secretString)).toBe(true);
    expect(JSON.parse(await valueOf(secure.connectionSecret.secretString))).toEqual({ url: dependency.queueUrl, arn: dependency.queueArn, region: 'eu-west-1' });
    expect(inputs('aws:sqs/queue:Queue', '').tags).toMatchObject({ 'service': 'orders-api', 'paved:cost': 'payments-production/orders-events', 'managed-by': 'paved' });
  });
});

describe('SecureQueue FIFO', () => {
  test('a FIFO queue has a FIFO dead-letter queue', async () => {
    const { dependency, inputs } = await deploy(Tier.STAGING, 'fifo-queue', { fifo: true });
    expect(inputs('aws:sqs/queue:Queue', '')).toMatchObject({ name: dependency.queueName, fifoQueue: true });
    expect(inputs('aws:sqs/queue:Queue', '-dlq')).toMatchObject({ name: dependency.deadLetterQueueName, fifoQueue: true });
    expect(dependency.deadLetterQueueName).toMatch(/-dlq\.fifo$/);
  });
});

describe('SecureQueue overrides', () => {
  test('SQS-managed encryption in place of the key fails with the finding', () => {
    expect(() => new SecureQueue('sse-queue', { dependency: queue(Tier.STAGING), cluster: CLUSTER, overrides: { queue: { kmsMasterKeyId: undefined, sqsManagedSseEnabled: true } } }))
      .toThrow(/✖ data\.queue-encryption {2}payments-staging\/orders-events {2}aws:sqs\/queue:Queue\/sse-queue/);
  });

  test('a public queue policy fails with the finding', () => {
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*' }] });
    expect(() => new SecureQueue('public-queue', { dependency: queue(Tier.STAGING), cluster: CLUSTER, overrides: { queuePolicy: { policy } } }))
      .toThrow(/data\.queue-policy-principals[\s\S]*data\.queue-tls-only|data\.queue-tls-only[\s\S]*data\.queue-policy-principals/);
  });

  test('removing the redrive policy fails with the finding', () => {
    expect(() => new SecureQueue('lossy-queue', { dependency: queue(Tier.STAGING), cluster: CLUSTER, overrides: { queue: { redrivePolicy: undefined } } }))
      .toThrow(/✖ data\.queue-dead-letter[\s\S]*spec\.redrivePolicy is absent/);
  });

  test('a dead-letter queue any queue may use fails with the finding', () => {
    expect(() => new SecureQueue('open-dlq', { dependency: queue(Tier.STAGING), cluster: CLUSTER, overrides: { deadLetterQueue: { redriveAllowPolicy: '{"redrivePermission":"allowAll"}' } } }))
      .toThrow(/data\.queue-dead-letter[\s\S]*redrivePermission is "allowAll"/);
  });

  test('letting a second service account assume the scaler role fails with the finding', () => {
    const assumeRolePolicy = {
      Version: '2012-10-17' as const,
      Statement: [{
        Effect: 'Allow' as const,
        Principal: { Federated: CLUSTER.oidcProviderArn },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { [`${OIDC}:sub`]: 'system:serviceaccount:payments-staging:orders-api', [`${OIDC}:aud`]: 'sts.amazonaws.com' } },
      }],
    };
    expect(() => new SecureQueue('scaler-queue', { dependency: queue(Tier.STAGING), cluster: CLUSTER, overrides: { scalerRole: { assumeRolePolicy } } }))
      .toThrow(/data\.iam-trust-scoped/);
  });

  test('a preview queue is real SQS too', async () => {
    const { dependency, inputs } = await deploy(Tier.PREVIEW, 'preview-queue');
    expect(inputs('aws:sqs/queue:Queue', '').name).toBe(dependency.queueName);
    expect(inputs('aws:secretsmanager/secret:Secret', '-connection').recoveryWindowInDays).toBe(7);
  });
});
