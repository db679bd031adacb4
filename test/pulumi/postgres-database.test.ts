import * as pulumi from '@pulumi/pulumi';
import { NETWORK, postgres } from './support/fixtures';
import { RecordingMocks, registered, useMocks, valueOf } from './support/mocks';
import { PostgresDatabase } from '../../src/pulumi/postgres-database';
import { errorOf } from '../support/errors';
import { Errors, Tier } from 'paved';

const mocks = new RecordingMocks();
beforeAll(() => useMocks(mocks));

const INSTANCE = 'aws:rds/instance:Instance';

async function deploy(tier: Tier, name: string) {
  const dependency = postgres(tier);
  const db = new PostgresDatabase(name, { dependency, network: NETWORK, services: ['orders-api'] });
  await registered(db.instance, db.key, db.securityGroup, db.parameterGroup, db.subnetGroup, db.connectionSecret.secret, db.connectionSecret.version);
  return { dependency, db, instance: mocks.find(INSTANCE, name).inputs };
}

describe('PostgresDatabase in production', () => {
  let deployed: ReturnType<typeof deploy>;
  beforeAll(() => { deployed = deploy(Tier.PRODUCTION, 'prod-db'); });

  test('the instance identifier is the dependency\'s cloud resource name, which the RDS master secret tag points at', async () => {
    const { dependency, instance } = await deployed;
    expect(instance.identifier).toBe(dependency.cloudResourceName);
    expect(instance.identifier).toMatch(/^acme-payments-production-orders-db-[0-9a-f]{6}$/);
  });

  test('encrypts storage, Performance Insights and the master secret with its own rotating key', async () => {
    const { instance } = await deployed;
    const keyArn = 'arn:aws:kms:eu-west-1:123456789012:key/prod-db-key';
    expect(instance).toMatchObject({
      storageEncrypted: true,
      kmsKeyId: keyArn,
      masterUserSecretKmsKeyId: keyArn,
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: keyArn,
    });
    expect(mocks.find('aws:kms/key:Key', 'prod-db-key').inputs).toMatchObject({ enableKeyRotation: true, deletionWindowInDays: 30 });
  });

  test('is private, in the private subnet group, behind a security group admitting only the cluster on 5432', async () => {
    const { instance } = await deployed;
    expect(instance.publiclyAccessible).toBe(false);
    expect(instance.dbSubnetGroupName).toBe('prod-db-subnets-1a2b3c');
    expect(instance.vpcSecurityGroupIds).toEqual(['prod-db-sg-id']);
    expect(mocks.find('aws:rds/subnetGroup:SubnetGroup', 'prod-db-subnets').inputs.subnetIds).toEqual(['subnet-a', 'subnet-b']);
    const sg = mocks.find('aws:ec2/securityGroup:SecurityGroup', 'prod-db-sg').inputs;
    expect(sg.vpcId).toBe('vpc-0123');
    expect(sg.ingress).toEqual([expect.objectContaining({ protocol: 'tcp', fromPort: 5432, toPort: 5432, securityGroups: ['sg-cluster'] })]);
    expect(sg.ingress[0].cidrBlocks ?? []).toEqual([]);
    expect(sg.egress).toEqual([]);
  });

  test('RDS manages the master password; IAM authentication is on; TLS is forced', async () => {
    const { instance } = await deployed;
    expect(instance).toMatchObject({ manageMasterUserPassword: true, iamDatabaseAuthenticationEnabled: true, parameterGroupName: 'prod-db-params-1a2b3c' });
    expect(instance.password).toBeUndefined();
    expect(mocks.find('aws:rds/parameterGroup:ParameterGroup', 'prod-db-params').inputs).toMatchObject({
      family: 'postgres16', parameters: [{ name: 'rds.force_ssl', value: '1' }],
    });
  });

  test('keeps 35 days of backups, is deletion-protected, takes a final snapshot and runs Multi-AZ', async () => {
    const { dependency, instance } = await deployed;
    expect(instance).toMatchObject({
      backupRetentionPeriod: 35,
      deletionProtection: true,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: `${dependency.cloudResourceName}-final`,
      multiAz: true,
      deleteAutomatedBackups: false,
      applyImmediately: false,
    });
  });

  test('exports logs and sizes storage from the declared size', async () => {
    const { instance } = await deployed;
    expect(instance.enabledCloudwatchLogsExports).toEqual(['postgresql', 'upgrade']);
    expect(instance).toMatchObject({ engine: 'postgres', engineVersion: '16', instanceClass: 'db.m7g.large', allocatedStorage: 100, maxAllocatedStorage: 500, storageType: 'gp3', dbName: 'orders_db', username: 'app' });
  });

  test('writes host, port, dbname and username (never a password) as a secret output into the named, key-encrypted secret', async () => {
    const { dependency, db } = await deployed;
    expect(mocks.find('aws:secretsmanager/secret:Secret', 'prod-db-connection').inputs).toMatchObject({
      name: dependency.cloudSecretName, kmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/prod-db-key', recoveryWindowInDays: 30,
    });
    expect(await pulumi.isSecret(db.connectionSecret.secretString)).toBe(true);
    expect(JSON.parse(await valueOf(db.connectionSecret.secretString))).toEqual({
      host: `${dependency.cloudResourceName}.abc123.eu-west-1.rds.amazonaws.com`, port: 5432, dbname: 'orders_db', username: 'app',
    });
    expect(mocks.find('aws:secretsmanager/secretVersion:SecretVersion', 'prod-db-connection').inputs.secretId).toBe('prod-db-connection-id');
  });

  test('tags every resource with team, service, environment, tier, cost and managed-by', async () => {
    await deployed;
    const tagged = mocks.registrations.filter((r) => r.name.startsWith('prod-db') && r.type.startsWith('aws:') && r.type !== 'aws:secretsmanager/secretVersion:SecretVersion');
    expect(tagged.map((r) => r.type).sort()).toEqual([
      'aws:ec2/securityGroup:SecurityGroup', 'aws:kms/key:Key', 'aws:rds/instance:Instance',
      'aws:rds/parameterGroup:ParameterGroup', 'aws:rds/subnetGroup:SubnetGroup', 'aws:secretsmanager/secret:Secret',
    ]);
    for (const r of tagged) {
      expect(r.inputs.tags).toEqual({
        'team': 'payments',
        'service': 'orders-api',
        'environment': 'payments-production',
        'tier': 'production',
        'paved:cost': 'payments-production/orders-db',
        'managed-by': 'paved',
      });
    }
  });
});

describe('PostgresDatabase in staging', () => {
  let deployed: ReturnType<typeof deploy>;
  beforeAll(() => { deployed = deploy(Tier.STAGING, 'staging-db'); });

  test('keeps 7 days of backups, single-AZ, and may be deleted without a final snapshot', async () => {
    const { instance } = await deployed;
    expect(instance).toMatchObject({
      backupRetentionPeriod: 7, deletionProtection: false, skipFinalSnapshot: true, multiAz: false, applyImmediately: true,
    });
    expect(instance.finalSnapshotIdentifier).toBeUndefined();
  });

  test('keeps every security control of production', async () => {
    const { instance } = await deployed;
    expect(instance).toMatchObject({
      storageEncrypted: true, publiclyAccessible: false, manageMasterUserPassword: true, iamDatabaseAuthenticationEnabled: true,
    });
    expect(mocks.find('aws:secretsmanager/secret:Secret', 'staging-db-connection').inputs.recoveryWindowInDays).toBe(7);
  });
});

describe('PostgresDatabase overrides', () => {
  test('an override that weakens a control fails with the finding, before the instance is created', () => {
    const dependency = postgres(Tier.PRODUCTION);
    const error = errorOf(() => new PostgresDatabase('public-db', { dependency, network: NETWORK, overrides: { instance: { publiclyAccessible: true, backupRetentionPeriod: 1 } } }));
    expect(Errors.isPavedError(error)).toBe(true);
    expect(error.message).toContain('payments-production/orders-db: cloud resource arguments break the data-security policy');
    expect(error.message).toContain('✖ data.rds-private  payments-production/orders-db  aws:rds/instance:Instance/public-db');
    expect(error.message).toContain('spec.publiclyAccessible is true — expected false or absent');
    expect(error.message).toContain('✖ data.rds-backups');
    expect(mocks.all(INSTANCE).map((r) => r.name)).not.toContain('public-db');
  });

  test('an override that keeps the controls is applied', async () => {
    const db = new PostgresDatabase('tuned-db', { dependency: postgres(Tier.STAGING), network: NETWORK, overrides: { instance: { instanceClass: 'db.r7g.large' } } });
    await registered(db.instance);
    expect(mocks.find(INSTANCE, 'tuned-db').inputs.instanceClass).toBe('db.r7g.large');
  });

  test('an in-cluster (development) database has no cloud side', () => {
    expect(() => new PostgresDatabase('dev-db', { dependency: postgres(Tier.DEVELOPMENT), network: NETWORK }))
      .toThrow(/payments-development\/orders-db: is realised in-cluster in tier development: it has no cloud resources/);
  });
});
