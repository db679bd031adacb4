import { UNRESOLVED, check } from './support';
import { CACHE_AUTH_TOKEN, CACHE_ENCRYPTION, CACHE_TLS_REQUIRED } from '../../../../src/policy/packs/data-security/cache';

const SECURE = { atRestEncryptionEnabled: true, kmsKeyId: UNRESOLVED, transitEncryptionEnabled: true, authToken: UNRESOLVED };

describe('data.cache-encryption', () => {
  test('passes at-rest encryption with a customer key and TLS', () => {
    expect(check(CACHE_ENCRYPTION, SECURE)).toEqual([]);
  });
  test('fails each missing control', () => {
    expect(check(CACHE_ENCRYPTION, { ...SECURE, atRestEncryptionEnabled: false, kmsKeyId: undefined, transitEncryptionEnabled: false })).toEqual([
      { field: 'spec.atRestEncryptionEnabled', found: 'false', expected: 'true' },
      { field: 'spec.kmsKeyId', found: 'absent', expected: 'a customer-managed KMS key ARN' },
      { field: 'spec.transitEncryptionEnabled', found: 'false', expected: 'true' },
    ]);
  });
});

describe('data.cache-auth-token', () => {
  test('passes a generated token', () => {
    expect(check(CACHE_AUTH_TOKEN, SECURE)).toEqual([]);
  });
  test('fails a cache without a token', () => {
    expect(check(CACHE_AUTH_TOKEN, { ...SECURE, authToken: undefined })).toEqual([
      { field: 'spec.authToken', found: 'absent', expected: 'a generated token (a Pulumi secret output)' },
    ]);
  });
  test('fails a token written into the program, without repeating it', () => {
    const violations = check(CACHE_AUTH_TOKEN, { ...SECURE, authToken: 'correct-horse-battery-staple' });
    expect(violations).toEqual([{ field: 'spec.authToken', found: 'a literal string', expected: 'a generated token (a Pulumi secret output)' }]);
    expect(JSON.stringify(violations)).not.toContain('horse');
  });
});

describe('data.cache-tls-required', () => {
  test('passes "required", and an engine older than 7 that has no mode', () => {
    expect(check(CACHE_TLS_REQUIRED, { ...SECURE, engineVersion: '7.1', transitEncryptionMode: 'required' })).toEqual([]);
    expect(check(CACHE_TLS_REQUIRED, { ...SECURE, engineVersion: '6.2' })).toEqual([]);
  });
  test('fails "preferred", an absent mode on 7 and later or an unknown version, and a deploy-time mode', () => {
    expect(check(CACHE_TLS_REQUIRED, { ...SECURE, engineVersion: '7.1', transitEncryptionMode: 'preferred' })).toEqual([
      { field: 'spec.transitEncryptionMode', found: '"preferred"', expected: '"required"' },
    ]);
    expect(check(CACHE_TLS_REQUIRED, { ...SECURE, engineVersion: '6.2', transitEncryptionMode: 'preferred' })).toHaveLength(1);
    expect(check(CACHE_TLS_REQUIRED, { ...SECURE, engineVersion: '8.0' })).toHaveLength(1);
    expect(check(CACHE_TLS_REQUIRED, { ...SECURE, engineVersion: UNRESOLVED })).toHaveLength(1);
    expect(check(CACHE_TLS_REQUIRED, { ...SECURE, engineVersion: '7.1', transitEncryptionMode: UNRESOLVED })).toHaveLength(1);
  });
});
