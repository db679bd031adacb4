import { CloudAccount, CloudKinds, foundValue, isUnresolved, listOf, securityRule, statementsOf } from './cloud-resource';
import { IRule, Severity, Violation } from '../../rule';

const WEB_IDENTITY = 'sts:AssumeRoleWithWebIdentity';
const STS_AUDIENCE = 'sts.amazonaws.com';

/** Whether an action names more than one action: IAM matches `*` and `?` anywhere in it. */
function isPatternAction(action: unknown): boolean {
  return typeof action !== 'string' || /[*?]/.test(action);
}

/**
 * Whether a resource names more than the resource it means. The one pattern allowed is a
 * trailing `/*` after a literal ARN (every object of one bucket); a value only known at deploy
 * time is an ARN Paved created (a key, a bucket).
 */
function isPatternResource(resource: unknown): boolean {
  if (isUnresolved(resource)) return false;
  if (typeof resource !== 'string' || !resource.startsWith('arn:')) return true;
  const literal = resource.endsWith('/*') ? resource.slice(0, -2) : resource;
  return /[*?]/.test(literal) || literal.split(':').length < 6;
}

function unreadablePolicy(field: string, policy: unknown): Violation[] {
  return [{ field, found: isUnresolved(policy) ? foundValue(policy) : 'not a JSON policy document', expected: 'a policy document readable before deployment' }];
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
      const field = `spec.policy.Statement[${i}]`;
      if (statement?.Effect === 'Deny') return [];
      if (statement?.Effect !== 'Allow') return [{ field: `${field}.Effect`, found: foundValue(statement?.Effect), expected: '"Allow" or "Deny"' }];
      const violations: Violation[] = [];
      for (const element of ['NotAction', 'NotResource']) {
        if (statement[element] !== undefined) violations.push({ field: `${field}.${element}`, found: foundValue(statement[element]), expected: 'absent: an Allow with Not* grants everything else' });
      }
      const actions = isUnresolved(statement.Action) ? [statement.Action] : listOf(statement.Action);
      if (actions.length === 0 || actions.some(isPatternAction)) violations.push({ field: `${field}.Action`, found: foundValue(statement.Action), expected: 'named actions, no "*" or "?"' });
      const resources = listOf(statement.Resource);
      if (resources.length === 0 || resources.some(isPatternResource)) {
        violations.push({ field: `${field}.Resource`, found: foundValue(statement.Resource), expected: 'named resource ARNs, no "*" (but a trailing "/*" for the objects of one bucket)' });
      }
      return violations;
    });
  },
});

/** Permissions come from the one inline policy the least-privilege rule reads, and nowhere else. */
export const IAM_NO_ATTACHED_POLICIES: IRule = securityRule({
  id: 'data.iam-no-attached-policies',
  title: 'IAM roles get their permissions from their checked inline policy only',
  severity: Severity.HIGH,
  rationale: 'A managed policy (AdministratorAccess, AmazonS3FullAccess) or an extra inline policy on the role grants permissions the least-privilege rule never sees.',
  remediation: 'Remove managedPolicyArns, inlinePolicies and policy attachments; add the exact statements the service needs to its ServiceRole policy instead.',
  kinds: [CloudKinds.IAM_ROLE, CloudKinds.IAM_ROLE_POLICY_ATTACHMENT],
  check: ({ kind, spec }) => {
    if (kind === CloudKinds.IAM_ROLE_POLICY_ATTACHMENT) return [{ field: 'spec.policyArn', found: foundValue(spec.policyArn), expected: 'no policy attachment' }];
    return ['managedPolicyArns', 'inlinePolicies']
      .filter((arg) => spec[arg] !== undefined && spec[arg] !== null && !(Array.isArray(spec[arg]) && spec[arg].length === 0))
      .map((arg) => ({ field: `spec.${arg}`, found: foundValue(spec[arg]), expected: 'absent' }));
  },
});

/** The one value of a policy element given as a value or a list of one, or undefined. */
function single(value: unknown): unknown {
  const values = isUnresolved(value) ? [value] : listOf(value);
  return values.length === 1 ? values[0] : undefined;
}

/** The entries of a condition block whose key is `<issuer>:<claim>`, compared as IAM does: case-insensitively. */
function claim(block: any, issuer: string, name: string): { key: string; value: unknown } | undefined {
  const wanted = `${issuer}:${name}`.toLowerCase();
  const key = Object.keys(block ?? {}).find((k) => k.toLowerCase() === wanted);
  return key === undefined ? undefined : { key, value: block[key] };
}

/** Every way one Allow trust statement admits more than the cluster's one service account. */
function looseTrust(statement: any, account: CloudAccount | undefined): Violation[] {
  const violations: Violation[] = [];
  if (statement.NotPrincipal !== undefined) violations.push({ field: 'NotPrincipal', found: foundValue(statement.NotPrincipal), expected: 'absent: an Allow with NotPrincipal trusts everyone else' });
  if (statement.NotAction !== undefined) violations.push({ field: 'NotAction', found: foundValue(statement.NotAction), expected: 'absent' });

  const provider = account?.oidcProviderArn;
  const issuer = account?.oidcIssuer;
  const principal = statement.Principal;
  const keys = principal !== null && typeof principal === 'object' && !isUnresolved(principal) ? Object.keys(principal) : [];
  const federated = keys.length === 1 && keys[0] === 'Federated' ? single(principal.Federated) : undefined;
  if (provider === undefined || issuer === undefined) {
    violations.push({ field: 'Principal', found: foundValue(principal), expected: 'no trust at all: this resource belongs to no cluster whose service accounts may assume it' });
    return violations;
  }
  // The very value Paved was given (compared by identity when it is a deploy-time Output).
  if (federated === undefined || federated !== provider) {
    violations.push({ field: 'Principal', found: foundValue(principal), expected: `exactly { Federated: <the cluster's OIDC provider${typeof provider === 'string' ? ` ${provider}` : ''}> }` });
  }

  const action = single(statement.Action);
  if (action !== WEB_IDENTITY) violations.push({ field: 'Action', found: foundValue(statement.Action), expected: `exactly "${WEB_IDENTITY}"` });

  const equals = statement.Condition?.StringEquals;
  const sub = claim(equals, issuer, 'sub');
  const aud = claim(equals, issuer, 'aud');
  const expectedSubject = account?.serviceAccountSubject;
  const exactSubject = (value: unknown) => typeof value === 'string' && (expectedSubject === undefined
    ? /^system:serviceaccount:[a-z0-9]([-a-z0-9]*[a-z0-9])?:[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(value)
    : value === expectedSubject);
  if (sub === undefined || !exactSubject(sub.value)) {
    violations.push({
      field: `Condition.StringEquals["${sub?.key ?? `${issuer}:sub`}"]`,
      found: foundValue(sub?.value),
      expected: `exactly ${expectedSubject === undefined ? '"system:serviceaccount:<namespace>:<service account>"' : JSON.stringify(expectedSubject)} (StringEquals, one value, no wildcard)`,
    });
  }
  if (aud === undefined || aud.value !== STS_AUDIENCE) {
    violations.push({ field: `Condition.StringEquals["${aud?.key ?? `${issuer}:aud`}"]`, found: foundValue(aud?.value), expected: `"${STS_AUDIENCE}"` });
  }
  return violations;
}

/** A role is assumable by exactly the identity it was made for. */
export const IAM_TRUST_SCOPED: IRule = securityRule({
  id: 'data.iam-trust-scoped',
  title: 'IAM roles trust exactly the cluster\'s OIDC provider, for exactly one service account',
  severity: Severity.CRITICAL,
  rationale: 'Any other principal (a second account, an account root, "*", NotPrincipal) or a subject that is not one exact service account lets another workload, or anyone at all, assume the role and its permissions.',
  remediation: 'Keep the trust ServiceRole writes: one Allow of sts:AssumeRoleWithWebIdentity from the cluster OIDC provider with StringEquals <oidc>:sub = system:serviceaccount:<namespace>:<service> and <oidc>:aud = sts.amazonaws.com.',
  kinds: [CloudKinds.IAM_ROLE],
  check: ({ spec, account }) => {
    const statements = statementsOf(spec.assumeRolePolicy);
    if (statements === undefined) return unreadablePolicy('spec.assumeRolePolicy', spec.assumeRolePolicy);
    const field = (i: number) => `spec.assumeRolePolicy.Statement[${i}]`;
    const violations: Violation[] = [];
    let allows = 0;
    statements.forEach((statement: any, i: number) => {
      // A Deny only narrows who may assume the role.
      if (statement?.Effect === 'Deny') return;
      if (statement?.Effect !== 'Allow') {
        violations.push({ field: `${field(i)}.Effect`, found: foundValue(statement?.Effect), expected: '"Allow" or "Deny"' });
        return;
      }
      allows++;
      if (allows > 1) violations.push({ field: field(i), found: 'a second Allow statement', expected: 'one Allow statement: the cluster\'s service account' });
      violations.push(...looseTrust(statement, account).map((v) => ({ ...v, field: `${field(i)}.${v.field}` })));
    });
    return violations;
  },
});

/** The rules over IAM, in report order. */
export const IAM_RULES: IRule[] = [IAM_LEAST_PRIVILEGE, IAM_NO_ATTACHED_POLICIES, IAM_TRUST_SCOPED];
