import * as fc from 'fast-check';
import { ACCOUNT, OIDC, PROVIDER, SERVICE_ACCOUNT, UNRESOLVED, check, checkKind } from './support';
import { CloudKinds } from '../../../../src/policy/packs/data-security/cloud-resource';
import { IAM_LEAST_PRIVILEGE, IAM_NO_ATTACHED_POLICIES, IAM_TRUST_SCOPED } from '../../../../src/policy/packs/data-security/iam';

describe('data.iam-least-privilege', () => {
  const objects = { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: ['arn:aws:s3:::invoices/*'] };
  test('passes named actions on named resources, including resources known only at deploy time', () => {
    expect(check(IAM_LEAST_PRIVILEGE, { policy: { Statement: [objects, { Effect: 'Allow', Action: 'kms:Decrypt', Resource: UNRESOLVED }] } })).toEqual([]);
  });
  test('fails wildcard actions and resources', () => {
    expect(check(IAM_LEAST_PRIVILEGE, { policy: { Statement: [objects, { Effect: 'Allow', Action: 's3:*', Resource: '*' }] } })).toEqual([
      { field: 'spec.policy.Statement[1].Action', found: '"s3:*"', expected: 'named actions, no "*" or "?"' },
      { field: 'spec.policy.Statement[1].Resource', found: '"*"', expected: 'named resource ARNs, no "*" (but a trailing "/*" for the objects of one bucket)' },
    ]);
  });
  test('fails patterns anywhere in an action or a resource', () => {
    for (const action of ['*', 's3:Get*', 's3:*Object', 's3:GetObjec?', 'iam:*']) {
      expect(check(IAM_LEAST_PRIVILEGE, { policy: { Statement: [{ ...objects, Action: [action] }] } }).map((v) => v.field)).toEqual(['spec.policy.Statement[0].Action']);
    }
    for (const resource of ['arn:aws:s3:::*', 'arn:aws:s3:::*/*', 'arn:aws:s3:::invoices*', 'arn:aws:kms:*:*:key/*', 'invoices', 'arn:aws:s3']) {
      expect(check(IAM_LEAST_PRIVILEGE, { policy: { Statement: [{ ...objects, Resource: [resource] }] } }).map((v) => v.field)).toEqual(['spec.policy.Statement[0].Resource']);
    }
    expect(check(IAM_LEAST_PRIVILEGE, { policy: { Statement: [{ ...objects, Action: UNRESOLVED }] } })[0].field).toBe('spec.policy.Statement[0].Action');
    expect(check(IAM_LEAST_PRIVILEGE, { policy: { Statement: [{ ...objects, Effect: 'allow' }] } })[0].field).toBe('spec.policy.Statement[0].Effect');
  });
  test('fails an Allow with NotAction', () => {
    expect(check(IAM_LEAST_PRIVILEGE, { policy: JSON.stringify({ Statement: [{ ...objects, NotAction: 'iam:*' }] }) })[0].field).toBe('spec.policy.Statement[0].NotAction');
  });
  test('leaves Deny statements alone', () => {
    expect(check(IAM_LEAST_PRIVILEGE, { policy: { Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] } })).toEqual([]);
  });
  test('fails a policy that cannot be read before deployment', () => {
    expect(check(IAM_LEAST_PRIVILEGE, { policy: UNRESOLVED })).toHaveLength(1);
  });
});

describe('data.iam-trust-scoped', () => {
  const trust = {
    Effect: 'Allow',
    Principal: { Federated: PROVIDER },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: { StringEquals: { [`${OIDC}:sub`]: 'system:serviceaccount:payments-production:orders-api', [`${OIDC}:aud`]: 'sts.amazonaws.com' } },
  };
  test('passes trust in exactly one service account', () => {
    expect(check(IAM_TRUST_SCOPED, { assumeRolePolicy: { Statement: [trust] } })).toEqual([]);
  });
  test('fails trust without a subject condition', () => {
    expect(check(IAM_TRUST_SCOPED, { assumeRolePolicy: { Statement: [{ ...trust, Condition: { StringEquals: { [`${OIDC}:aud`]: 'sts.amazonaws.com' } } }] } })[0].field)
      .toBe(`spec.assumeRolePolicy.Statement[0].Condition.StringEquals["${OIDC}:sub"]`);
  });
  test('fails a wildcard subject', () => {
    const wildcard = { ...trust, Condition: { StringEquals: { ...trust.Condition.StringEquals, [`${OIDC}:sub`]: 'system:serviceaccount:payments-production:*' } } };
    expect(check(IAM_TRUST_SCOPED, { assumeRolePolicy: { Statement: [wildcard] } })).toEqual([{
      field: `spec.assumeRolePolicy.Statement[0].Condition.StringEquals["${OIDC}:sub"]`,
      found: '"system:serviceaccount:payments-production:*"',
      expected: `exactly "${SERVICE_ACCOUNT}" (StringEquals, one value, no wildcard)`,
    }]);
  });
  test('fails an audience other than STS', () => {
    const audience = { ...trust, Condition: { StringEquals: { ...trust.Condition.StringEquals, [`${OIDC}:aud`]: 'other' } } };
    expect(check(IAM_TRUST_SCOPED, { assumeRolePolicy: { Statement: [audience] } })[0].expected).toBe('"sts.amazonaws.com"');
  });
  test('fails trust in everyone', () => {
    expect(check(IAM_TRUST_SCOPED, { assumeRolePolicy: { Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] } })[0].expected)
      .toMatch(/^exactly \{ Federated: <the cluster's OIDC provider> \}$/);
  });
  const statement = (change: object) => ({ assumeRolePolicy: { Statement: [{ ...trust, ...change }] } });
  const fields = (spec: object) => check(IAM_TRUST_SCOPED, spec).map((v) => v.field.replace('spec.assumeRolePolicy.', ''));
  test('fails every other principal: a second account, an account root, a service, "*", several providers, another provider', () => {
    for (const principal of [
      { AWS: 'arn:aws:iam::999999999999:root' }, { AWS: '123456789012' }, { AWS: '*' }, '*', { Service: 'ec2.amazonaws.com' },
      { Federated: [PROVIDER, 'arn:aws:iam::999999999999:oidc-provider/x'] }, { Federated: UNRESOLVED }, { Federated: PROVIDER, AWS: 'arn:aws:iam::123456789012:root' },
    ]) {
      expect(fields(statement({ Principal: principal }))).toEqual(['Statement[0].Principal']);
    }
  });
  test('fails NotPrincipal, other actions, and a second Allow statement', () => {
    expect(fields(statement({ NotPrincipal: { AWS: 'arn:aws:iam::123456789012:root' } }))).toEqual(['Statement[0].NotPrincipal']);
    expect(fields(statement({ Action: ['sts:AssumeRoleWithWebIdentity', 'sts:AssumeRole'] }))).toEqual(['Statement[0].Action']);
    expect(fields(statement({ Action: 'sts:AssumeRole' }))).toEqual(['Statement[0].Action']);
    expect(fields({ assumeRolePolicy: { Statement: [trust, { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' }] } }))
      .toEqual(['Statement[1]', 'Statement[1].Principal', 'Statement[1].Action', `Statement[1].Condition.StringEquals["${OIDC}:sub"]`, `Statement[1].Condition.StringEquals["${OIDC}:aud"]`]);
  });
  test('fails StringLike, a list of subjects, another service account, and keys of another issuer', () => {
    const sub = `${OIDC}:sub`;
    const aud = `${OIDC}:aud`;
    expect(fields(statement({ Condition: { StringLike: { [sub]: SERVICE_ACCOUNT, [aud]: 'sts.amazonaws.com' } } }))).toEqual([`Statement[0].Condition.StringEquals["${sub}"]`, `Statement[0].Condition.StringEquals["${aud}"]`]);
    expect(fields(statement({ Condition: { StringEquals: { [sub]: [SERVICE_ACCOUNT, 'system:serviceaccount:kube-system:default'], [aud]: 'sts.amazonaws.com' } } }))).toEqual([`Statement[0].Condition.StringEquals["${sub}"]`]);
    expect(fields(statement({ Condition: { StringEquals: { [sub]: 'system:serviceaccount:payments-production:other', [aud]: 'sts.amazonaws.com' } } }))).toEqual([`Statement[0].Condition.StringEquals["${sub}"]`]);
    expect(fields(statement({ Condition: { StringEquals: { 'oidc.example.com:sub': SERVICE_ACCOUNT, 'oidc.example.com:aud': 'sts.amazonaws.com' } } }))).toHaveLength(2);
  });
  test('passes an extra condition (it only narrows), a Deny beside the trust, and condition keys in another case', () => {
    expect(fields(statement({ Condition: { ...trust.Condition, StringLike: { 'aws:RequestTag/x': 'y' } } }))).toEqual([]);
    expect(fields({ assumeRolePolicy: { Statement: [trust, { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole' }] } })).toEqual([]);
    expect(fields(statement({ Condition: { StringEquals: { [`${OIDC}:SUB`]: SERVICE_ACCOUNT, [`${OIDC}:aud`]: 'sts.amazonaws.com' } } }))).toEqual([]);
  });
  test('a resource of no cluster may trust no one; without an expected service account any single exact one passes', () => {
    expect(check(IAM_TRUST_SCOPED, statement({}), undefined, { accountId: ACCOUNT.accountId, privateNetworkCidrs: [] })[0].expected).toMatch(/^no trust at all/);
    const anyAccount = { ...ACCOUNT, serviceAccountSubject: undefined };
    const other = { StringEquals: { [`${OIDC}:sub`]: 'system:serviceaccount:payments-production:other', [`${OIDC}:aud`]: 'sts.amazonaws.com' } };
    expect(check(IAM_TRUST_SCOPED, statement({ Condition: other }), undefined, anyAccount)).toEqual([]);
  });

  test('property: a trust passes only when its principal, action and conditions are exactly the cluster\'s', () => {
    // Each choice is paired with whether it is the exact one.
    const principal = fc.constantFrom<[unknown, boolean]>([{ Federated: PROVIDER }, true], [{ Federated: [PROVIDER] }, true], [{ Federated: UNRESOLVED }, false], ['*', false],
      [{ AWS: '*' }, false], [{ AWS: 'arn:aws:iam::999999999999:root' }, false], [{ AWS: `arn:aws:iam::${ACCOUNT.accountId}:root` }, false], [{ Federated: PROVIDER, Service: 'ec2.amazonaws.com' }, false]);
    const action = fc.constantFrom<[unknown, boolean]>(['sts:AssumeRoleWithWebIdentity', true], [['sts:AssumeRoleWithWebIdentity'], true], ['sts:AssumeRole', false], ['sts:*', false], ['*', false],
      [['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'], false]);
    const operator = fc.constantFrom<[string, boolean]>(['StringEquals', true], ['StringLike', false], ['ForAnyValue:StringEquals', false]);
    const subject = fc.constantFrom<[unknown, boolean]>([SERVICE_ACCOUNT, true], [[SERVICE_ACCOUNT], false], ['system:serviceaccount:payments-production:*', false],
      ['system:serviceaccount:payments-production:other', false], ['*', false], [[SERVICE_ACCOUNT, 'system:serviceaccount:x:y'], false]);
    const audience = fc.constantFrom<[unknown, boolean]>(['sts.amazonaws.com', true], ['other', false], ['*', false]);
    const choices = [principal, action, operator, subject, audience] as const;
    fc.assert(fc.property(...choices, fc.boolean(), ([p, pOk], [a, aOk], [op, opOk], [sub, subOk], [aud, audOk], notPrincipal) => {
      const condition = { [op]: { [`${OIDC}:sub`]: sub, [`${OIDC}:aud`]: aud } };
      const s = { Effect: 'Allow', Principal: p, Action: a, Condition: condition, ...(notPrincipal ? { NotPrincipal: { AWS: 'x' } } : {}) };
      const passes = pOk && aOk && opOk && subOk && audOk && !notPrincipal;
      expect(check(IAM_TRUST_SCOPED, { assumeRolePolicy: { Statement: [s] } }).length === 0).toBe(passes);
    }));
  });
});

describe('data.iam-no-attached-policies', () => {
  test('passes a role whose permissions are its inline policy', () => {
    expect(check(IAM_NO_ATTACHED_POLICIES, { name: 'r', managedPolicyArns: [], inlinePolicies: [] })).toEqual([]);
  });
  test('fails managed policies, extra inline policies and attachments', () => {
    expect(check(IAM_NO_ATTACHED_POLICIES, { managedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'], inlinePolicies: [{ name: 'x', policy: '{}' }] }).map((v) => v.field))
      .toEqual(['spec.managedPolicyArns', 'spec.inlinePolicies']);
    expect(check(IAM_NO_ATTACHED_POLICIES, { managedPolicyArns: UNRESOLVED })).toHaveLength(1);
    expect(checkKind(IAM_NO_ATTACHED_POLICIES, CloudKinds.IAM_ROLE_POLICY_ATTACHMENT, { role: 'r', policyArn: 'arn:aws:iam::aws:policy/AmazonS3FullAccess' })[0].field).toBe('spec.policyArn');
  });
});
