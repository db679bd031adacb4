import { CloudKinds, foundValue, requirePresent, requireValue, securityRule } from './cloud-resource';
import { Tier } from '../../../platform/tier';
import { IRule, Severity, Violation } from '../../rule';

/** The shortest automated-backup retention, in days, that leaves a week to notice a bad write. */
export const MIN_BACKUP_RETENTION_DAYS = 7;

const INSTANCE = [CloudKinds.RDS_INSTANCE];

/** Storage (and its snapshots and replicas) encrypted with a customer-managed KMS key. */
export const RDS_ENCRYPTED: IRule = securityRule({
  id: 'data.rds-encrypted',
  title: 'RDS storage is encrypted with a customer-managed KMS key',
  severity: Severity.HIGH,
  rationale: 'Unencrypted storage exposes every row through a leaked snapshot or volume; a customer-managed key can be audited, rotated and revoked.',
  remediation: 'Remove the override of storageEncrypted or kmsKeyId: PostgresDatabase encrypts with its own rotating key.',
  kinds: INSTANCE,
  check: ({ spec }) => [
    ...requireValue(spec, 'storageEncrypted', true),
    ...requirePresent(spec, 'kmsKeyId', 'a customer-managed KMS key ARN'),
  ],
});

/** No public endpoint. */
export const RDS_PRIVATE: IRule = securityRule({
  id: 'data.rds-private',
  title: 'RDS instances are not publicly accessible',
  severity: Severity.CRITICAL,
  rationale: 'A public endpoint puts the database one leaked password away from the internet.',
  remediation: 'Remove the override of publiclyAccessible; reach the database from the cluster, or through a bastion for people.',
  kinds: INSTANCE,
  // Absent means false for RDS, so only an explicit or unverifiable value is a finding.
  check: ({ spec }) => (spec.publiclyAccessible === undefined || spec.publiclyAccessible === false
    ? []
    : [{ field: 'spec.publiclyAccessible', found: foundValue(spec.publiclyAccessible), expected: 'false or absent' }]),
});

/** Point-in-time recovery for at least a week. */
export const RDS_BACKUPS: IRule = securityRule({
  id: 'data.rds-backups',
  title: `RDS automated backups are kept for at least ${MIN_BACKUP_RETENTION_DAYS} days`,
  severity: Severity.HIGH,
  rationale: 'Corruption and bad migrations are often found days later; without backups that reach back far enough, the data is gone.',
  remediation: `Set backupRetentionPeriod to ${MIN_BACKUP_RETENTION_DAYS} or more (PostgresDatabase keeps 35 days in production, 7 elsewhere).`,
  kinds: INSTANCE,
  check: ({ spec }) => (typeof spec.backupRetentionPeriod === 'number' && spec.backupRetentionPeriod >= MIN_BACKUP_RETENTION_DAYS
    ? []
    : [{ field: 'spec.backupRetentionPeriod', found: foundValue(spec.backupRetentionPeriod), expected: `at least ${MIN_BACKUP_RETENTION_DAYS}` }]),
});

/** In production, neither a stray `pulumi destroy` nor a replacement may drop the data. */
export const RDS_DELETION_PROTECTION: IRule = securityRule({
  id: 'data.rds-deletion-protection',
  title: 'Production RDS instances are deletion-protected and keep a final snapshot',
  severity: Severity.HIGH,
  rationale: 'A rename, a replacement or a destroyed stack must not take customer data with it.',
  remediation: 'Remove the override of deletionProtection or skipFinalSnapshot; to retire a production database, turn protection off in a reviewed change first.',
  kinds: INSTANCE,
  check: ({ spec }, context) => {
    if (!context.tier.isAtLeast(Tier.PRODUCTION)) return [];
    const violations: Violation[] = requireValue(spec, 'deletionProtection', true);
    if (spec.skipFinalSnapshot !== undefined && spec.skipFinalSnapshot !== false) {
      violations.push({ field: 'spec.skipFinalSnapshot', found: foundValue(spec.skipFinalSnapshot), expected: 'false or absent' });
    }
    return violations;
  },
});

/** People and tools authenticate with short-lived IAM tokens instead of shared passwords. */
export const RDS_IAM_AUTH: IRule = securityRule({
  id: 'data.rds-iam-auth',
  title: 'RDS IAM database authentication is enabled',
  severity: Severity.MEDIUM,
  rationale: 'IAM authentication gives people and tools short-lived, audited credentials instead of copies of a shared password.',
  remediation: 'Remove the override of iamDatabaseAuthenticationEnabled.',
  kinds: INSTANCE,
  check: ({ spec }) => requireValue(spec, 'iamDatabaseAuthenticationEnabled', true),
});

/** The master password lives only in Secrets Manager, rotated by RDS. */
export const RDS_MANAGED_PASSWORD: IRule = securityRule({
  id: 'data.rds-managed-password',
  title: 'The RDS master password is managed by RDS in Secrets Manager',
  severity: Severity.HIGH,
  rationale: 'A password passed as an argument lands in program source, stack state and CI logs; RDS-managed passwords never leave Secrets Manager and rotate.',
  remediation: 'Remove the password override and keep manageMasterUserPassword; the service reads the password through its ExternalSecret.',
  kinds: INSTANCE,
  check: ({ spec }) => [
    ...requireValue(spec, 'manageMasterUserPassword', true),
    ...['password', 'passwordWo'].filter((arg) => spec[arg] !== undefined).map((arg) => ({ field: `spec.${arg}`, found: 'set', expected: 'absent' })),
  ],
});

/** Every connection is encrypted in transit. */
export const RDS_FORCE_TLS: IRule = securityRule({
  id: 'data.rds-force-tls',
  title: 'PostgreSQL parameter groups force TLS (rds.force_ssl=1)',
  severity: Severity.HIGH,
  rationale: 'Without rds.force_ssl a misconfigured client sends credentials and data in clear text inside the VPC.',
  remediation: 'Keep the parameter rds.force_ssl=1 in the parameter group; clients connect with sslmode=require or stricter.',
  kinds: [CloudKinds.RDS_PARAMETER_GROUP],
  check: ({ spec }) => {
    if (typeof spec.family !== 'string' || !spec.family.startsWith('postgres')) return [];
    const parameters = Array.isArray(spec.parameters) ? spec.parameters : [];
    const forced = parameters.some((p: any) => p?.name === 'rds.force_ssl' && String(p?.value) === '1');
    return forced ? [] : [{
      field: 'spec.parameters',
      found: foundValue(parameters.find((p: any) => p?.name === 'rds.force_ssl') ?? undefined),
      expected: '{"name":"rds.force_ssl","value":"1"}',
    }];
  },
});

/** Database and upgrade logs leave the instance, so they outlive it and can be searched. */
export const RDS_LOG_EXPORTS: IRule = securityRule({
  id: 'data.rds-log-exports',
  title: 'PostgreSQL logs are exported to CloudWatch',
  severity: Severity.MEDIUM,
  rationale: 'Connection and error logs are the record an incident investigation starts from; on the instance they rotate away within days.',
  remediation: 'Keep "postgresql" and "upgrade" in enabledCloudwatchLogsExports.',
  kinds: INSTANCE,
  check: ({ spec }) => {
    if (spec.engine !== 'postgres') return [];
    const exports = Array.isArray(spec.enabledCloudwatchLogsExports) ? spec.enabledCloudwatchLogsExports : [];
    return ['postgresql', 'upgrade'].every((log) => exports.includes(log))
      ? []
      : [{ field: 'spec.enabledCloudwatchLogsExports', found: foundValue(spec.enabledCloudwatchLogsExports), expected: 'to include "postgresql" and "upgrade"' }];
  },
});

/** The RDS rules, in report order. */
export const RDS_RULES: IRule[] = [
  RDS_ENCRYPTED, RDS_PRIVATE, RDS_BACKUPS, RDS_DELETION_PROTECTION, RDS_IAM_AUTH, RDS_MANAGED_PASSWORD, RDS_FORCE_TLS, RDS_LOG_EXPORTS,
];
