import { CloudKinds, describe, isUnresolved, listOf, securityRule, statementsOf } from './cloud-resource';
import { IRule, Severity, Violation } from '../../rule';

const WEB_IDENTITY = 'sts:AssumeRoleWithWebIdentity';

/** Whether an action or resource pattern grants everything of its kind (`*`, `s3:*`). */
function isWildcard(value: unknown): boolean {
  return typeof value === 'string' && (value === '*' || value.endsWith(':*'));
}

function unreadablePolicy(field: string, policy: unknown): Violation[] {
  return [{ field, found: isUnresolved(policy) ? describe(policy) : 'not a JSON policy document', expected: 'a policy document readable before deployment' }];
}

/** A service's permissions name exact actions on exact resources. */
export const IAM_LEAST_PRIVILEGE: IRule = securityRule({
  id: 'data.iam-least-privilege',
  title: 'IAM policies grant named actions on named resources, never wildcards',
  severity: Severity.HIGH,
  rationale: 'A wildcard grant turns one compromised pod into access to every bucket, key or table the account holds.',
  remediation: 'List the exact actions and resource ARNs the service needs; ServiceRole grants object access on its own buckets only.',
  kinds: [CloudKinds.IAM_ROLE_POLICY],
  check: ({ spec }) => {
    const statements = statementsOf(spec.policy);
    if (statements === undefined) return unreadablePolicy('spec.policy', spec.policy);
    return statements.flatMap((statement: any, i: number): Violation[] => {
      if (statement?.Effect !== 'Allow') return [];
      const field = `spec.policy.Statement[${i}]`;
      const violations: Violation[] = [];
      for (const element of ['NotAction', 'NotResource']) {
        if (statement[element] !== undefined) violations.push({ field: `${field}.${element}`, found: describe(statement[element]), expected: 'absent: an Allow with Not* grants everything else' });
      }
      const actions = listOf(statement.Action);
      if (actions.length === 0 || actions.some(isWildcard)) violations.push({ field: `${field}.Action`, found: describe(statement.Action), expected: 'named actions, no "*"' });
      const resources = listOf(statement.Resource);
      if (resources.length === 0 || resources.includes('*')) violations.push({ field: `${field}.Resource`, found: describe(statement.Resource), expected: 'named resource ARNs, no "*"' });
      return violations;
    });
  },
});

/** Why a trust statement admits more than one known identity, or undefined when it does not. */
function looseTrust(statement: any): Violation | undefined {
  const principal = statement.Principal;
  if (principal === '*' || (principal !== null && typeof principal === 'object' && listOf(principal.AWS).includes('*'))) {
    return { field: 'Principal', found: describe(principal), expected: 'a named principal, never "*"' };
  }
  if (!listOf(statement.Action).includes(WEB_IDENTITY)) return undefined;
  const equals = statement.Condition?.StringEquals ?? {};
  const keys = Object.keys(equals);
  const sub = keys.find((k) => k.endsWith(':sub'));
  const aud = keys.find((k) => k.endsWith(':aud'));
  if (sub === undefined || aud === undefined) {
    return { field: 'Condition.StringEquals', found: describe(statement.Condition), expected: 'exact <oidc>:sub (one service account) and <oidc>:aud (sts.amazonaws.com)' };
  }
  if (equals[aud] !== 'sts.amazonaws.com') {
    return { field: `Condition.StringEquals["${aud}"]`, found: describe(equals[aud]), expected: '"sts.amazonaws.com"' };
  }
  const subject = equals[sub];
  if (typeof subject !== 'string' || !subject.startsWith('system:serviceaccount:') || subject.includes('*')) {
    return { field: `Condition.StringEquals["${sub}"]`, found: describe(subject), expected: 'exactly "system:serviceaccount:<namespace>:<service account>"' };
  }
  return undefined;
}

/** A role is assumable by exactly the identity it was made for. */
export const IAM_TRUST_SCOPED: IRule = securityRule({
  id: 'data.iam-trust-scoped',
  title: 'IAM roles trust one named principal; web identity trust names one service account',
  severity: Severity.CRITICAL,
  rationale: 'A trust policy without an exact subject lets any pod of the cluster, or anyone at all, assume the role and its permissions.',
  remediation: 'Trust the cluster OIDC provider with StringEquals on <oidc>:sub = system:serviceaccount:<namespace>:<service> and <oidc>:aud = sts.amazonaws.com.',
  kinds: [CloudKinds.IAM_ROLE],
  check: ({ spec }) => {
    const statements = statementsOf(spec.assumeRolePolicy);
    if (statements === undefined) return unreadablePolicy('spec.assumeRolePolicy', spec.assumeRolePolicy);
    return statements.flatMap((statement: any, i: number): Violation[] => {
      const loose = statement?.Effect === 'Allow' ? looseTrust(statement) : undefined;
      return loose ? [{ ...loose, field: `spec.assumeRolePolicy.Statement[${i}].${loose.field}` }] : [];
    });
  },
});

/** The rules over IAM, in report order. */
export const IAM_RULES: IRule[] = [IAM_LEAST_PRIVILEGE, IAM_TRUST_SCOPED];
