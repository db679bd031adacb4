import * as pulumi from '@pulumi/pulumi';
import { NETWORK, redis } from './support/fixtures';
import { RecordingMocks, registered, sentAsSecret, useMocks, valueOf } from './support/mocks';
import { RedisCache } from '../../src/pulumi/redis-cache';
import { errorOf } from '../support/errors';
import { Tier } from 'paved';

const mocks = new RecordingMocks();
beforeAll(() => useMocks(mocks));

const GROUP = 'aws:elasticache/replicationGroup:ReplicationGroup';

async function deploy(tier: Tier, name: string) {
  const dependency = redis(tier);
  const cache = new RedisCache(name, { dependency, network: NETWORK });
  await registered(cache.replicationGroup, cache.key, cache.securityGroup, cache.subnetGroup, cache.connectionSecret.secret);
  return { dependency, cache, group: mocks.find(GROUP, name).inputs };
}

describe('RedisCache in production', () => {
  let deployed: ReturnType<typeof deploy>;
  beforeAll(() => { deployed = deploy(Tier.PRODUCTION, 'prod-cache'); });

  test('the replication group id is the dependency\'s cloud resource name (at most 40 characters)', async () => {
    const { dependency, group } = await deployed;
    expect(group.replicationGroupId).toBe(dependency.cloudResourceName);
    expect(group.replicationGroupId.length).toBeLessThanOrEqual(40);
  });

  test('encrypts at rest with its own rotating key and requires TLS', async () => {
    const { group } = await deployed;
    expect(group).toMatchObject({
      atRestEncryptionEnabled: true,
      kmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/prod-cache-key',
      transitEncryptionEnabled: true,
      transitEncryptionMode: 'required',
    });
    expect(mocks.find('aws:kms/key:Key', 'prod-cache-key').inputs.enableKeyRotation).toBe(true);
  });

  test('requires a generated AUTH token, kept as a Pulumi secret all the way to the engine', async () => {
    const { cache, group } = await deployed;
    expect(await pulumi.isSecret(cache.authToken)).toBe(true);
    expect(group.authToken).toEqual(sentAsSecret('generated-token-0123456789abcdef'));
    expect(mocks.find('random:index/randomPassword:RandomPassword', 'prod-cache-auth').inputs).toMatchObject({ length: 64, special: false });
  });

  test('runs two nodes with automatic failover across availability zones and keeps snapshots', async () => {
    const { dependency, group } = await deployed;
    expect(group).toMatchObject({
      numCacheClusters: 2,
      automaticFailoverEnabled: true,
      multiAzEnabled: true,
      snapshotRetentionLimit: 7,
      finalSnapshotIdentifier: `${dependency.cloudResourceName}-final`,
    });
  });

  test('sits in the private subnets behind a security group admitting only the cluster on 6379', async () => {
    const { group } = await deployed;
    expect(group).toMatchObject({ subnetGroupName: 'prod-cache-subnets-1a2b3c', securityGroupIds: ['prod-cache-sg-id'], port: 6379, nodeType: 'cache.t4g.small', engineVersion: '7.1' });
    const sg = mocks.find('aws:ec2/securityGroup:SecurityGroup', 'prod-cache-sg').inputs;
    expect(sg.ingress).toEqual([expect.objectContaining({ fromPort: 6379, toPort: 6379, securityGroups: ['sg-cluster'] })]);
    expect(sg.egress).toEqual([]);
  });

  test('writes host, port and auth_token as a secret output into the named secret', async () => {
    const { dependency, cache } = await deployed;
    expect(mocks.find('aws:secretsmanager/secret:Secret', 'prod-cache-connection').inputs.name).toBe(dependency.cloudSecretName);
    expect(await pulumi.isSecret(cache.connectionSecret.secretString)).toBe(true);
    expect(JSON.parse(await valueOf(cache.connectionSecret.secretString))).toEqual({
      host: `master.${dependency.cloudResourceName}.abc123.euw1.cache.amazonaws.com`, port: 6379, auth_token: 'generated-token-0123456789abcdef',
    });
  });
});

describe('RedisCache in staging', () => {
  let deployed: ReturnType<typeof deploy>;
  beforeAll(() => { deployed = deploy(Tier.STAGING, 'staging-cache'); });

  test('runs one node without failover and keeps a day of snapshots, with the same encryption and token', async () => {
    const { group } = await deployed;
    expect(group).toMatchObject({
      numCacheClusters: 1,
      automaticFailoverEnabled: false,
      multiAzEnabled: false,
      snapshotRetentionLimit: 1,
      atRestEncryptionEnabled: true,
      transitEncryptionEnabled: true,
      authToken: sentAsSecret('generated-token-0123456789abcdef'),
    });
    expect(group.finalSnapshotIdentifier).toBeUndefined();
  });
});

describe('RedisCache overrides', () => {
  test('turning transit encryption off fails with the finding, before the group is created', () => {
    expect(() => new RedisCache('plain-cache', { dependency: redis(Tier.STAGING), network: NETWORK, overrides: { replicationGroup: { transitEncryptionEnabled: false } } }))
      .toThrow(/✖ data\.cache-encryption {2}payments-staging\/orders-cache {2}aws:elasticache\/replicationGroup:ReplicationGroup\/plain-cache\n {2}spec\.transitEncryptionEnabled is false — expected true/);
    expect(mocks.all(GROUP).map((r) => r.name)).not.toContain('plain-cache');
  });

  test('a literal auth token fails without being repeated', () => {
    expect(() => new RedisCache('literal-cache', { dependency: redis(Tier.STAGING), network: NETWORK, overrides: { replicationGroup: { authToken: 'swordfish-swordfish' } } }))
      .toThrow(/payments-staging\/orders-cache: overrides\.replicationGroup\.authToken is a literal string \(data\.cache-auth-token\)/);
    expect(errorOf(() => new RedisCache('literal-cache-2', { dependency: redis(Tier.STAGING), network: NETWORK, overrides: { replicationGroup: { authToken: 'swordfish-swordfish' } } })).message)
      .not.toContain('swordfish');
  });

  test('Redis 6.2, which has no transit encryption mode, still requires TLS', async () => {
    const cache = new RedisCache('old-cache', { dependency: redis(Tier.STAGING, { version: '6.2' }), network: NETWORK });
    await registered(cache.replicationGroup);
    const group = mocks.find(GROUP, 'old-cache').inputs;
    expect(group).toMatchObject({ engineVersion: '6.2', transitEncryptionEnabled: true });
    expect(group.transitEncryptionMode).toBeUndefined();
  });

  test('an in-cluster (preview) cache has no cloud side', () => {
    expect(() => new RedisCache('preview-cache', { dependency: redis(Tier.PREVIEW), network: NETWORK })).toThrow(/is realised in-cluster/);
  });
});
