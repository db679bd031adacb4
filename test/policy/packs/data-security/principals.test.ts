import { ACCOUNT, UNRESOLVED } from './support';
import { deniesInsecureTransport, foreignGrant, foreignGrants } from '../../../../src/policy/packs/data-security/principals';

describe('deniesInsecureTransport', () => {
  const deny = { Effect: 'Deny', Principal: '*', Action: 'sqs:*', Condition: { Bool: { 'aws:SecureTransport': false } } };
  test('is a Deny of every action of the service, or of everything, to everyone, without TLS', () => {
    expect(deniesInsecureTransport(deny, 'sqs')).toBe(true);
    expect(deniesInsecureTransport({ ...deny, Action: '*' }, 's3')).toBe(true);
    expect(deniesInsecureTransport({ ...deny, Principal: { AWS: ['*'] } }, 'sqs')).toBe(true);
  });
  test('is not an Allow, another service\'s actions, a named principal or another condition', () => {
    expect(deniesInsecureTransport({ ...deny, Effect: 'Allow' }, 'sqs')).toBe(false);
    expect(deniesInsecureTransport(deny, 's3')).toBe(false);
    expect(deniesInsecureTransport({ ...deny, Principal: { AWS: 'arn:aws:iam::123456789012:root' } }, 'sqs')).toBe(false);
    expect(deniesInsecureTransport({ ...deny, Condition: { Bool: { 'aws:SecureTransport': 'true' } } }, 'sqs')).toBe(false);
  });
});

describe('foreignGrant', () => {
  test('nothing for grants to the account and its identities', () => {
    expect(foreignGrant({ Effect: 'Allow', Principal: { AWS: ['123456789012', 'arn:aws:iam::123456789012:role/r'] } }, ACCOUNT)).toBeUndefined();
  });
  test('names the element that grants outside the account', () => {
    expect(foreignGrant({ Effect: 'Allow', Principal: '*' }, ACCOUNT)).toMatchObject({ element: 'Principal', found: '"*"' });
    expect(foreignGrant({ Effect: 'Allow', Principal: { AWS: UNRESOLVED } }, ACCOUNT)?.element).toBe('Principal');
    expect(foreignGrant({ Effect: 'Allow', NotPrincipal: { AWS: '123456789012' } }, ACCOUNT)?.element).toBe('NotPrincipal');
    expect(foreignGrant({ Effect: 'Allow', Principal: { AWS: '123456789012' } }, undefined)?.element).toBe('Principal');
  });
});

describe('foreignGrants', () => {
  test('skips Deny statements, and places each finding under its statement', () => {
    expect(foreignGrants([{ Effect: 'Deny', Principal: '*' }, { Effect: 'Allow', Principal: '*' }, { Effect: 'Maybe' }], 'spec.policy.Statement', ACCOUNT)).toEqual([
      { field: 'spec.policy.Statement[1].Principal', found: '"*"', expected: 'Principal { AWS: <roles of account 123456789012> }' },
      { field: 'spec.policy.Statement[2].Effect', found: '"Maybe"', expected: '"Allow" or "Deny"' },
    ]);
  });
});
