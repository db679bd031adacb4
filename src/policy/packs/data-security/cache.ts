import { CloudKinds, foundValue, isUnresolved, requirePresent, requireValue, securityRule } from './cloud-resource';
import { IRule, Severity, Violation } from '../../rule';

const REPLICATION_GROUP = [CloudKinds.ELASTICACHE_REPLICATION_GROUP];

/** Cached data is encrypted on disk, in backups and on the wire. */
export const CACHE_ENCRYPTION: IRule = securityRule({
  id: 'data.cache-encryption',
  title: 'ElastiCache encrypts at rest with a customer-managed key and in transit',
  severity: Severity.HIGH,
  rationale: 'Caches hold sessions and copies of database rows; snapshots and traffic inside the VPC must not expose them.',
  remediation: 'Remove the override of atRestEncryptionEnabled, kmsKeyId or transitEncryptionEnabled; clients connect with TLS (rediss://).',
  kinds: REPLICATION_GROUP,
  check: ({ spec }) => [
    ...requireValue(spec, 'atRestEncryptionEnabled', true),
    ...requirePresent(spec, 'kmsKeyId', 'a customer-managed KMS key ARN'),
    ...requireValue(spec, 'transitEncryptionEnabled', true),
  ],
});

/** Clients must authenticate, with a token generated at deploy time and kept secret. */
export const CACHE_AUTH_TOKEN: IRule = securityRule({
  id: 'data.cache-auth-token',
  title: 'ElastiCache requires a generated AUTH token',
  severity: Severity.HIGH,
  rationale: 'Without AUTH any pod that can reach port 6379 reads and writes the cache; a token written in the program is a secret in source control.',
  remediation: 'Remove the authToken override: RedisCache generates the token as a Pulumi secret and hands it to the service through its connection secret.',
  kinds: REPLICATION_GROUP,
  check: ({ spec }): Violation[] => {
    if (spec.authToken === undefined || spec.authToken === null || spec.authToken === '') {
      return [{ field: 'spec.authToken', found: 'absent', expected: 'a generated token (a Pulumi secret output)' }];
    }
    // A literal token is already in source control; a generated one is an Output.
    return isUnresolved(spec.authToken) ? [] : [{ field: 'spec.authToken', found: 'a literal string', expected: 'a generated token (a Pulumi secret output)' }];
  },
});

/** The first engine version with a transit encryption mode; older engines only know TLS on or off. */
const FIRST_VERSION_WITH_MODE = 7;

/** TLS is the only way in: the migration mode that also accepts plain connections is refused. */
export const CACHE_TLS_REQUIRED: IRule = securityRule({
  id: 'data.cache-tls-required',
  title: 'ElastiCache transit encryption is required, never preferred',
  severity: Severity.HIGH,
  rationale: 'With transitEncryptionMode "preferred" the cache also accepts plain-text connections: a misconfigured client sends the AUTH token and the data in clear text.',
  remediation: 'Remove the override of transitEncryptionMode; clients connect with TLS (rediss://).',
  kinds: REPLICATION_GROUP,
  check: ({ spec }): Violation[] => {
    const mode = spec.transitEncryptionMode;
    const major = typeof spec.engineVersion === 'string' ? Number(spec.engineVersion.split('.')[0]) : NaN;
    // A literal engine version older than 7 has no mode to set; any other (unknown, newer) must say "required".
    const modeless = Number.isFinite(major) && major < FIRST_VERSION_WITH_MODE;
    if (mode === 'required' || (modeless && mode === undefined)) return [];
    return [{ field: 'spec.transitEncryptionMode', found: foundValue(mode), expected: '"required"' }];
  },
});

/** The rules over ElastiCache, in report order. */
export const CACHE_RULES: IRule[] = [CACHE_ENCRYPTION, CACHE_TLS_REQUIRED, CACHE_AUTH_TOKEN];

