import { cloudPlatform } from './support/fixtures';
import { checkCloudResource, enforceCloudFindings } from '../../src/pulumi/policy-gate';
import { CloudKinds, Errors, Tier } from 'paved';

const subject = { path: 'payments-production/orders-db', tier: Tier.PRODUCTION, platform: cloudPlatform() };

describe('checkCloudResource', () => {
  test('lets arguments that meet every rule through', () => {
    expect(() => checkCloudResource(subject, CloudKinds.KMS_KEY, 'orders-key', { enableKeyRotation: true })).not.toThrow();
  });

  test('runs only the rules for the resource\'s kind', () => {
    // An argument another kind's rule would object to is none of this kind's business.
    expect(() => checkCloudResource(subject, 'aws:rds/subnetGroup:SubnetGroup', 'orders-subnets', { publiclyAccessible: true })).not.toThrow();
  });

  test('fails with every finding, each naming rule, construct, resource, field, expectation and fix', () => {
    let error: any;
    try {
      checkCloudResource(subject, CloudKinds.RDS_INSTANCE, 'orders-db', { storageEncrypted: false, publiclyAccessible: true, backupRetentionPeriod: 7 });
    } catch (e) {
      error = e;
    }
    expect(Errors.isPavedError(error)).toBe(true);
    expect(error.path).toBe('payments-production/orders-db');
    expect(error.message).toContain([
      '✖ data.rds-encrypted  payments-production/orders-db  aws:rds/instance:Instance/orders-db',
      '  spec.storageEncrypted is false — expected true',
      '  fix: Remove the override of storageEncrypted or kmsKeyId: PostgresDatabase encrypts with its own rotating key.',
    ].join('\n'));
    expect(error.message).toContain('✖ data.rds-private');
    expect(error.message).toContain('✖ data.rds-deletion-protection');
  });

  test('applies tier-scoped rules by the subject\'s tier', () => {
    const staging = { ...subject, tier: Tier.STAGING };
    const args = { storageEncrypted: true, kmsKeyId: 'k', backupRetentionPeriod: 7, iamDatabaseAuthenticationEnabled: true, manageMasterUserPassword: true, deletionProtection: false };
    expect(() => checkCloudResource(staging, CloudKinds.RDS_INSTANCE, 'db', args)).not.toThrow();
    expect(() => checkCloudResource(subject, CloudKinds.RDS_INSTANCE, 'db', args)).toThrow(/data\.rds-deletion-protection/);
  });
});

describe('enforceCloudFindings', () => {
  test('passes when there is nothing to enforce', () => {
    expect(() => enforceCloudFindings(subject, [])).not.toThrow();
  });
});
