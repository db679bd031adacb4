import { UNRESOLVED, check } from './support';
import { IAM_LEAST_PRIVILEGE, IAM_TRUST_SCOPED } from '../../../../src/policy/packs/data-security/iam';

describe('data.iam-least-privilege', () => {
  const objects = { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: ['arn:aws:s3:::invoices/*'] };
  test('passes named actions on named resources, including resources known only at deploy time', () => {
    expect(check(IAM_LEAST_PRIVILEGE, { policy: { Statement: [objects, { Effect: 'Allow', Action: 'kms:Decrypt', Resource: UNRESOLVED }] } })).toEqual([]);
  });
  test('fails wildcard actions and resources', () => {
    expect(check(IAM_LEAST_PRIVILEGE, { policy: { Statement: [objects, { Effect: 'Allow', Action: 's3:*', Resource: '*' }] } })).toEqual([
      { field: 'spec.policy.Statement[1].Action', found: '"s3:*"', expected: 'named actions, no "*"' },
      { field: 'spec.policy.Statement[1].Resource', found: '"*"', expected: 'named resource ARNs, no "*"' },
    ]);
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
  const OIDC = 'oidc.eks.eu-west-1.amazonaws.com/id/ABC';
  const trust = {
    Effect: 'Allow',
    Principal: { Federated: UNRESOLVED },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: { StringEquals: { [`${OIDC}:sub`]: 'system:serviceaccount:payments-production:orders-api', [`${OIDC}:aud`]: 'sts.amazonaws.com' } },
  };
  test('passes trust in exactly one service account', () => {
    expect(check(IAM_TRUST_SCOPED, { assumeRolePolicy: { Statement: [trust] } })).toEqual([]);
  });
  test('fails trust without a subject condition', () => {
    expect(check(IAM_TRUST_SCOPED, { assumeRolePolicy: { Statement: [{ ...trust, Condition: { StringEquals: { [`${OIDC}:aud`]: 'sts.amazonaws.com' } } }] } })[0].field)
      .toBe('spec.assumeRolePolicy.Statement[0].Condition.StringEquals');
  });
  test('fails a wildcard subject', () => {
    const wildcard = { ...trust, Condition: { StringEquals: { ...trust.Condition.StringEquals, [`${OIDC}:sub`]: 'system:serviceaccount:payments-production:*' } } };
    expect(check(IAM_TRUST_SCOPED, { assumeRolePolicy: { Statement: [wildcard] } })).toEqual([{
      field: `spec.assumeRolePolicy.Statement[0].Condition.StringEquals["${OIDC}:sub"]`,
      found: '"system:serviceaccount:payments-production:*"',
      expected: 'exactly "system:serviceaccount:<namespace>:<service account>"',
    }]);
  });
  test('fails an audience other than STS', () => {
    const audience = { ...trust, Condition: { StringEquals: { ...trust.Condition.StringEquals, [`${OIDC}:aud`]: 'other' } } };
    expect(check(IAM_TRUST_SCOPED, { assumeRolePolicy: { Statement: [audience] } })[0].expected).toBe('"sts.amazonaws.com"');
  });
  test('fails trust in everyone', () => {
    expect(check(IAM_TRUST_SCOPED, { assumeRolePolicy: { Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] } })[0].expected)
      .toBe('a named principal, never "*"');
  });
});
