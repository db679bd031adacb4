import { KEY_ARN, UNRESOLVED, check } from './support';
import { Tier } from '../../../../src/platform/tier';
import {
  RDS_BACKUPS, RDS_DELETION_PROTECTION, RDS_ENCRYPTED, RDS_FORCE_TLS, RDS_IAM_AUTH, RDS_LOG_EXPORTS, RDS_MANAGED_PASSWORD, RDS_PRIVATE,
} from '../../../../src/policy/packs/data-security/rds';

const SECURE = {
  engine: 'postgres',
  storageEncrypted: true,
  kmsKeyId: UNRESOLVED,
  publiclyAccessible: false,
  backupRetentionPeriod: 35,
  deletionProtection: true,
  skipFinalSnapshot: false,
  iamDatabaseAuthenticationEnabled: true,
  manageMasterUserPassword: true,
  enabledCloudwatchLogsExports: ['postgresql', 'upgrade'],
};

describe('data.rds-encrypted', () => {
  test('passes encrypted storage with a customer key, known only at deploy time', () => {
    expect(check(RDS_ENCRYPTED, SECURE)).toEqual([]);
  });
  test('fails unencrypted storage and a missing key, naming both fields', () => {
    expect(check(RDS_ENCRYPTED, { ...SECURE, storageEncrypted: false, kmsKeyId: undefined })).toEqual([
      { field: 'spec.storageEncrypted', found: 'false', expected: 'true' },
      { field: 'spec.kmsKeyId', found: 'absent', expected: 'a customer-managed KMS key ARN' },
    ]);
  });
  test('fails an encryption flag that is only known at deploy time', () => {
    expect(check(RDS_ENCRYPTED, { ...SECURE, storageEncrypted: UNRESOLVED })[0].found).toMatch(/unresolved/);
  });
});

describe('data.rds-private', () => {
  test('passes false and absent', () => {
    expect(check(RDS_PRIVATE, SECURE)).toEqual([]);
    expect(check(RDS_PRIVATE, { ...SECURE, publiclyAccessible: undefined })).toEqual([]);
  });
  test('fails a public instance', () => {
    expect(check(RDS_PRIVATE, { ...SECURE, publiclyAccessible: true })).toEqual([
      { field: 'spec.publiclyAccessible', found: 'true', expected: 'false or absent' },
    ]);
  });
});

describe('data.rds-backups', () => {
  test('passes seven days', () => {
    expect(check(RDS_BACKUPS, { ...SECURE, backupRetentionPeriod: 7 })).toEqual([]);
  });
  test('fails fewer than seven days, and no backups at all', () => {
    expect(check(RDS_BACKUPS, { ...SECURE, backupRetentionPeriod: 6 })).toEqual([
      { field: 'spec.backupRetentionPeriod', found: '6', expected: 'at least 7' },
    ]);
    expect(check(RDS_BACKUPS, { ...SECURE, backupRetentionPeriod: undefined })[0].found).toBe('absent');
  });
});

describe('data.rds-deletion-protection', () => {
  test('passes a protected production instance that keeps a final snapshot', () => {
    expect(check(RDS_DELETION_PROTECTION, SECURE, Tier.PRODUCTION)).toEqual([]);
  });
  test('fails an unprotected production instance that skips its final snapshot', () => {
    expect(check(RDS_DELETION_PROTECTION, { ...SECURE, deletionProtection: false, skipFinalSnapshot: true }, Tier.PRODUCTION)).toEqual([
      { field: 'spec.deletionProtection', found: 'false', expected: 'true' },
      { field: 'spec.skipFinalSnapshot', found: 'true', expected: 'false or absent' },
    ]);
  });
  test('does not apply below production, where environments are rebuilt', () => {
    expect(check(RDS_DELETION_PROTECTION, { ...SECURE, deletionProtection: false, skipFinalSnapshot: true }, Tier.STAGING)).toEqual([]);
  });
});

describe('data.rds-iam-auth', () => {
  test('passes IAM authentication', () => {
    expect(check(RDS_IAM_AUTH, SECURE)).toEqual([]);
  });
  test('fails without it', () => {
    expect(check(RDS_IAM_AUTH, { ...SECURE, iamDatabaseAuthenticationEnabled: undefined })).toEqual([
      { field: 'spec.iamDatabaseAuthenticationEnabled', found: 'absent', expected: 'true' },
    ]);
  });
});

describe('data.rds-managed-password', () => {
  test('passes an RDS-managed password', () => {
    expect(check(RDS_MANAGED_PASSWORD, SECURE)).toEqual([]);
  });
  test('fails a password passed as an argument, without repeating it', () => {
    const violations = check(RDS_MANAGED_PASSWORD, { ...SECURE, manageMasterUserPassword: false, password: 'hunter2hunter2' });
    expect(violations).toEqual([
      { field: 'spec.manageMasterUserPassword', found: 'false', expected: 'true' },
      { field: 'spec.password', found: 'set', expected: 'absent' },
    ]);
    expect(JSON.stringify(violations)).not.toContain('hunter2');
  });
});

describe('data.rds-force-tls', () => {
  const group = { family: 'postgres16', parameters: [{ name: 'rds.force_ssl', value: '1' }] };
  test('passes a postgres parameter group forcing TLS', () => {
    expect(check(RDS_FORCE_TLS, group)).toEqual([]);
  });
  test('fails one that turns it off', () => {
    expect(check(RDS_FORCE_TLS, { ...group, parameters: [{ name: 'rds.force_ssl', value: '0' }] })).toEqual([
      { field: 'spec.parameters', found: '{"name":"rds.force_ssl","value":"0"}', expected: '{"name":"rds.force_ssl","value":"1"}' },
    ]);
  });
  test('fails one that leaves it out', () => {
    expect(check(RDS_FORCE_TLS, { ...group, parameters: [] })[0].found).toBe('absent');
  });
  test('leaves other engines to their own rules', () => {
    expect(check(RDS_FORCE_TLS, { family: 'mysql8.0', parameters: [] })).toEqual([]);
  });
});

describe('data.rds-log-exports', () => {
  test('passes postgresql and upgrade logs', () => {
    expect(check(RDS_LOG_EXPORTS, SECURE)).toEqual([]);
  });
  test('fails when a log is dropped', () => {
    expect(check(RDS_LOG_EXPORTS, { ...SECURE, enabledCloudwatchLogsExports: ['upgrade'] })).toEqual([
      { field: 'spec.enabledCloudwatchLogsExports', found: '["upgrade"]', expected: 'to include "postgresql" and "upgrade"' },
    ]);
  });
});

test('customer key ARNs given as literals count as present', () => {
  expect(check(RDS_ENCRYPTED, { ...SECURE, kmsKeyId: KEY_ARN })).toEqual([]);
});
