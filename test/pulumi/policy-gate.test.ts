import * as pulumi from '@pulumi/pulumi';
import { policySubject } from './support/fixtures';
import { checkCloudResource, enforceCloudFindings } from '../../src/pulumi/policy-gate';
import { errorOf } from '../support/errors';
import { CloudKinds, Enforcement, Errors, Policy, Tier } from 'paved';

const WEAK_DB = { storageEncrypted: false, publiclyAccessible: true, backupRetentionPeriod: 7 };

describe('checkCloudResource', () => {
  test('lets arguments that meet every rule through', () => {
    expect(() => checkCloudResource(policySubject(Tier.PRODUCTION), CloudKinds.KMS_KEY, 'orders-key', { enableKeyRotation: true })).not.toThrow();
  });

  test('runs only the rules for the resource\'s kind', () => {
    // An argument another kind's rule would object to is none of this kind's business.
    expect(() => checkCloudResource(policySubject(Tier.PRODUCTION), 'aws:rds/subnetGroup:SubnetGroup', 'orders-subnets', { publiclyAccessible: true })).not.toThrow();
  });

  test('fails with every finding, each naming rule, construct, resource, field, expectation and fix', () => {
    const error = errorOf(() => checkCloudResource(policySubject(Tier.PRODUCTION), CloudKinds.RDS_INSTANCE, 'orders-db', WEAK_DB));
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
    const args = { storageEncrypted: true, kmsKeyId: 'k', backupRetentionPeriod: 7, iamDatabaseAuthenticationEnabled: true, manageMasterUserPassword: true, deletionProtection: false };
    expect(() => checkCloudResource(policySubject(Tier.STAGING), CloudKinds.RDS_INSTANCE, 'db', args)).not.toThrow();
    expect(() => checkCloudResource(policySubject(Tier.PRODUCTION), CloudKinds.RDS_INSTANCE, 'db', args)).toThrow(/data\.rds-deletion-protection/);
  });
});

describe('the engine\'s model applies to cloud findings', () => {
  test('a suppression on the dependency accepts the finding, and is logged with its reason', () => {
    const subject = policySubject(Tier.PRODUCTION);
    Policy.suppress(subject.construct, 'data.rds-private', { reason: 'reached over PrivateLink only, NET-7' });
    const info = jest.spyOn(pulumi.log, 'info').mockImplementation(async () => undefined);
    const error = errorOf(() => checkCloudResource(subject, CloudKinds.RDS_INSTANCE, 'orders-db', WEAK_DB));
    expect(error.message).not.toContain('data.rds-private');
    expect(error.message).toContain('data.rds-encrypted');
    expect(info.mock.calls.map(([m]) => m).join('\n')).toContain('acknowledged data.rds-private on aws:rds/instance:Instance/orders-db (suppressed at payments-production/orders-db: reached over PrivateLink only, NET-7)');
    info.mockRestore();
  });

  test('an expired suppression fails, saying when it expired', () => {
    const subject = policySubject(Tier.PRODUCTION);
    Policy.of(subject.construct).asOf('2027-05-01');
    Policy.suppress(subject.construct, 'data.rds-private', { reason: 'migration', expires: '2027-04-30' });
    const error = errorOf(() => checkCloudResource(subject, CloudKinds.RDS_INSTANCE, 'orders-db', WEAK_DB));
    expect(error.message).toMatch(/✖ data\.rds-private[\s\S]*the suppression at payments-production\/orders-db expired on 2027-04-30/);
  });

  test('a rule configured to warn reports through the Pulumi log and lets the resource be created', () => {
    const subject = policySubject(Tier.STAGING);
    Policy.of(subject.construct).configure('data.rds-backups', { enforcement: Enforcement.WARN });
    const warn = jest.spyOn(pulumi.log, 'warn').mockImplementation(async () => undefined);
    const args = { storageEncrypted: true, kmsKeyId: 'k', backupRetentionPeriod: 1, iamDatabaseAuthenticationEnabled: true, manageMasterUserPassword: true };
    expect(() => checkCloudResource(subject, CloudKinds.RDS_INSTANCE, 'db', args)).not.toThrow();
    expect(warn.mock.calls.map(([m]) => m).join('\n')).toContain('⚠ data.rds-backups');
    warn.mockRestore();
  });

  test('a rule configured off is not run', () => {
    const subject = policySubject(Tier.PRODUCTION);
    Policy.of(subject.construct).configure('data.rds-private', { enforcement: Enforcement.OFF });
    const error = errorOf(() => checkCloudResource(subject, CloudKinds.RDS_INSTANCE, 'orders-db', WEAK_DB));
    expect(error.message).not.toContain('data.rds-private');
  });
});

describe('enforceCloudFindings', () => {
  test('passes when there is nothing to enforce', () => {
    expect(() => enforceCloudFindings(policySubject(Tier.PRODUCTION), [])).not.toThrow();
  });
});
