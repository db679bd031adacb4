import { CloudKinds, foundValue, isUnresolved, requirePresent, requireValue, securityRule, statementsOf } from './cloud-resource';
import { deniesInsecureTransport, foreignGrants } from './principals';
import { IRule, Severity, Violation } from '../../rule';

const PUBLIC_ACCESS_FLAGS = ['blockPublicAcls', 'blockPublicPolicy', 'ignorePublicAcls', 'restrictPublicBuckets'];

/** All four public-access blocks, so neither an ACL nor a policy can ever make objects public. */
export const BUCKET_PUBLIC_ACCESS_BLOCK: IRule = securityRule({
  id: 'data.bucket-public-access-block',
  title: 'S3 buckets block every form of public access',
  severity: Severity.CRITICAL,
  rationale: 'Public buckets are the most common cloud data leak; the four blocks stop a later ACL or policy change from opening one.',
  remediation: 'Remove the override of the public access block; serve public content through a CDN with its own origin access instead.',
  kinds: [CloudKinds.S3_BUCKET_PUBLIC_ACCESS_BLOCK],
  check: ({ spec }) => PUBLIC_ACCESS_FLAGS.flatMap((flag) => requireValue(spec, flag, true)),
});

/** Objects are encrypted with a customer-managed KMS key, so reading them needs a key grant too. */
export const BUCKET_SSE_KMS: IRule = securityRule({
  id: 'data.bucket-sse-kms',
  title: 'S3 buckets encrypt objects with a customer-managed KMS key',
  severity: Severity.HIGH,
  rationale: 'With SSE-KMS, reading an object needs both S3 and KMS permissions, and every decryption is logged in CloudTrail.',
  remediation: 'Remove the override of the server-side encryption configuration: SecureBucket uses aws:kms with its own key and a bucket key.',
  kinds: [CloudKinds.S3_BUCKET_SSE],
  check: ({ spec }) => {
    const rules = Array.isArray(spec.rules) ? spec.rules : [];
    if (rules.length === 0) return [{ field: 'spec.rules', found: foundValue(spec.rules), expected: 'one rule with sseAlgorithm "aws:kms"' }];
    return rules.flatMap((rule: any, i: number): Violation[] => {
      const byDefault = rule?.applyServerSideEncryptionByDefault ?? {};
      const field = `spec.rules[${i}].applyServerSideEncryptionByDefault`;
      const algorithm = byDefault.sseAlgorithm;
      return [
        ...(algorithm === 'aws:kms' || algorithm === 'aws:kms:dsse' ? [] : [{ field: `${field}.sseAlgorithm`, found: foundValue(algorithm), expected: '"aws:kms"' }]),
        ...requirePresent(byDefault, 'kmsMasterKeyId', 'a customer-managed KMS key ARN').map((v) => ({ ...v, field: `${field}.kmsMasterKeyId` })),
      ];
    });
  },
});

/** Overwritten and deleted objects stay recoverable. */
export const BUCKET_VERSIONING: IRule = securityRule({
  id: 'data.bucket-versioning',
  title: 'S3 buckets keep object versions',
  severity: Severity.MEDIUM,
  rationale: 'Versioning turns an accidental overwrite, a deletion or ransomware encryption into a restore instead of a loss.',
  remediation: 'Remove the override of the bucket versioning; old versions expire through the lifecycle rule, so storage stays bounded.',
  kinds: [CloudKinds.S3_BUCKET_VERSIONING],
  check: ({ spec }) => {
    const status = spec.versioningConfiguration?.status;
    return status === 'Enabled' ? [] : [{ field: 'spec.versioningConfiguration.status', found: foundValue(status), expected: '"Enabled"' }];
  },
});

/** Requests over plain HTTP are refused, whoever makes them. */
export const BUCKET_TLS_ONLY: IRule = securityRule({
  id: 'data.bucket-tls-only',
  title: 'S3 bucket policies deny requests without TLS',
  severity: Severity.HIGH,
  rationale: 'S3 still answers plain HTTP; only a bucket policy denying aws:SecureTransport=false guarantees objects and credentials never cross the network in clear text.',
  remediation: 'Keep the Deny statement on aws:SecureTransport=false in the bucket policy; add statements beside it rather than replacing the policy.',
  kinds: [CloudKinds.S3_BUCKET_POLICY],
  check: ({ spec }) => {
    const statements = statementsOf(spec.policy);
    if (statements === undefined) {
      return [{ field: 'spec.policy', found: isUnresolved(spec.policy) ? foundValue(spec.policy) : 'not a JSON policy document', expected: 'a policy document readable before deployment' }];
    }
    return statements.some((statement) => deniesInsecureTransport(statement, 's3'))
      ? []
      : [{ field: 'spec.policy.Statement', found: 'no statement denying insecure transport', expected: 'Deny s3:* to "*" when aws:SecureTransport is "false"' }];
  },
});

/** A bucket's own policy grants nothing to anyone outside the account. */
export const BUCKET_POLICY_NO_FOREIGN_GRANTS: IRule = securityRule({
  id: 'data.bucket-policy-principals',
  title: 'S3 bucket policies grant access to principals of the account only',
  severity: Severity.CRITICAL,
  rationale: 'An Allow to "*", to another AWS account, to a service or through NotPrincipal opens the bucket to identities the account does not control; the public access block stops only some of these.',
  remediation: 'Grant a service access through its ServiceRole; keep only Deny statements and grants to roles of the platform\'s account in the bucket policy.',
  kinds: [CloudKinds.S3_BUCKET_POLICY],
  check: ({ spec, account }) => {
    const statements = statementsOf(spec.policy);
    // An unreadable policy is the TLS rule's finding; reporting it twice says nothing new.
    if (statements === undefined) return [];
    return foreignGrants(statements, 'spec.policy.Statement', account);
  },
});

/** ACLs are disabled: the bucket's owner owns every object and only policies grant access. */
export const BUCKET_OWNER_ENFORCED: IRule = securityRule({
  id: 'data.bucket-owner-enforced',
  title: 'S3 buckets disable ACLs (BucketOwnerEnforced)',
  severity: Severity.MEDIUM,
  rationale: 'ACLs are a second, easily missed way to grant access; with BucketOwnerEnforced, access is decided by policies alone.',
  remediation: 'Remove the override of the ownership controls; grant access with IAM or bucket policies instead of ACLs.',
  kinds: [CloudKinds.S3_BUCKET_OWNERSHIP_CONTROLS],
  check: ({ spec }) => {
    const ownership = spec.rule?.objectOwnership;
    return ownership === 'BucketOwnerEnforced' ? [] : [{ field: 'spec.rule.objectOwnership', found: foundValue(ownership), expected: '"BucketOwnerEnforced"' }];
  },
});

/** The bucket's own arguments open no access: the legacy inline ACLs, grants and website hosting stay unset. */
export const BUCKET_NO_INLINE_ACCESS: IRule = securityRule({
  id: 'data.bucket-no-inline-access',
  title: 'S3 buckets grant no access through ACLs, grants or website hosting',
  severity: Severity.HIGH,
  rationale: 'Canned ACLs, grants and static website hosting each open a bucket outside its policy, where reviews of the policy do not see them.',
  remediation: 'Remove acl, grants and website from the bucket override; grant access to a service through its ServiceRole.',
  kinds: [CloudKinds.S3_BUCKET],
  check: ({ spec }) => [
    ...(spec.acl === undefined || spec.acl === 'private' ? [] : [{ field: 'spec.acl', found: foundValue(spec.acl), expected: '"private" or absent' }]),
    ...['grants', 'website'].filter((arg) => spec[arg] !== undefined).map((arg) => ({ field: `spec.${arg}`, found: foundValue(spec[arg]), expected: 'absent' })),
  ],
});

/** The rules over S3, in report order. */
export const BUCKET_RULES: IRule[] = [
  BUCKET_NO_INLINE_ACCESS, BUCKET_PUBLIC_ACCESS_BLOCK, BUCKET_SSE_KMS, BUCKET_VERSIONING, BUCKET_TLS_ONLY,
  BUCKET_POLICY_NO_FOREIGN_GRANTS, BUCKET_OWNER_ENFORCED,
];
