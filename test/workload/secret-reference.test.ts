import { CloudNames } from '../../src/dependencies/cloud-names';
import { Errors } from '../../src/errors';
import { DEPENDENCY_SECRET_PREFIX, SecretReference } from '../../src/workload/secret-reference';
import { errorOf } from '../support/errors';
import { formatSecrets } from '../support/secret-corpus';

const fail = (run: () => unknown) => {
  const e = errorOf(run);
  expect(Errors.isPavedError(e)).toBe(true);
  expect(e.path).toBe('SecretReference.fromStore');
  return e.message as string;
};

describe('SecretReference.fromStore', () => {
  test('keeps the key, the property and the version', () => {
    const ref = SecretReference.fromStore('payments/stripe', 'api-key', { version: 'AWSPREVIOUS' });
    expect([ref.key, ref.property, ref.version]).toEqual(['payments/stripe', 'api-key', 'AWSPREVIOUS']);
    expect(ref.toString()).toBe('payments/stripe#api-key@AWSPREVIOUS');
    expect(SecretReference.isSecretReference(ref)).toBe(true);
  });

  test('reads the whole value when no property is named, the current version when none is', () => {
    const ref = SecretReference.fromStore('payments/webhook-signing-key');
    expect([ref.property, ref.version]).toEqual([undefined, undefined]);
    expect(ref.toString()).toBe('payments/webhook-signing-key');
  });

  test.each([
    ['a name with every allowed character', 'team_a/svc+1=x.y@z-w', 'nested.api-key', 'uuid/EXAMPLE1-90ab-cdef-fedc-ba987EXAMPLE'],
    ['a 512-character name', 'a'.repeat(512), undefined, undefined],
  ])('accepts %s', (_what, key, property, version) => {
    expect(() => SecretReference.fromStore(key, property, { version })).not.toThrow();
  });

  test.each([
    ['an empty key', ''],
    ['a leading slash', '/payments/stripe'],
    ['a trailing slash', 'payments/stripe/'],
    ['an empty part', 'payments//stripe'],
    ['a space', 'payments/stripe key'],
    ['an ARN', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:payments/stripe'],
    ['513 characters', 'a'.repeat(513)],
  ])('refuses a key with %s, naming it', (_what, key) => {
    expect(fail(() => SecretReference.fromStore(key))).toContain(`key ${JSON.stringify(key.length > 80 ? `${key.slice(0, 77)}...` : key)} is not a secret name`);
  });

  test('refuses a key that is not a string', () => {
    expect(fail(() => SecretReference.fromStore(42 as any))).toContain('key 42 is not a secret name');
  });

  test('refuses keys under the prefix dependencies keep their connection details under', () => {
    expect(CloudNames.secretName('acme', 'payments-prod', 'orders-db').startsWith(DEPENDENCY_SECRET_PREFIX)).toBe(true);
    expect(fail(() => SecretReference.fromStore('paved/acme/payments-prod/orders-db', 'password'))).toMatch(/key "paved\/acme\/payments-prod\/orders-db" is under "paved\/".*use the dependency itself/);
    expect(() => SecretReference.fromStore('teams/paved/x')).not.toThrow();
  });

  test.each(['', 'api key', 'a..b', '.a', 'a.', 'items.#', 'a|b', '*', 'x'.repeat(257)])('refuses the property %j', (property) => {
    expect(fail(() => SecretReference.fromStore('payments/stripe', property))).toContain('is not a JSON property name');
  });

  test.each(['', 'AWS CURRENT', 'uuid/short', 'uuid/', 'x'.repeat(257)])('refuses the version %j', (version) => {
    expect(fail(() => SecretReference.fromStore('payments/stripe', 'api-key', { version }))).toContain('options.version');
  });

  test.each(formatSecrets().filter((s) => !s.value.includes('\n')).map((s) => [s.detector, s]))('refuses a credential (%s) passed as the key or the property, never quoting it', (_detector, s) => {
    const asKey = fail(() => SecretReference.fromStore(s.value));
    expect(asKey).toMatch(/key is .*, not a secret's name/);
    expect(asKey).not.toContain(s.secret);
    const asProperty = fail(() => SecretReference.fromStore('payments/stripe', s.value));
    expect(asProperty).toMatch(/property is a credential/);
    expect(asProperty).not.toContain(s.secret);
  });

  test('is recognised by its mark, not by its shape', () => {
    expect(SecretReference.isSecretReference({ key: 'payments/stripe', property: 'api-key' })).toBe(false);
    expect(SecretReference.isSecretReference('payments/stripe')).toBe(false);
    expect(SecretReference.isSecretReference(null)).toBe(false);
  });
});
