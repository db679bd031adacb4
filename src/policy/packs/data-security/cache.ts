import { CloudKinds, isUnresolved, requirePresent, requireValue, securityRule } from './cloud-resource';
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

/** The rules over ElastiCache, in report order. */
export const CACHE_RULES: IRule[] = [CACHE_ENCRYPTION, CACHE_AUTH_TOKEN];

