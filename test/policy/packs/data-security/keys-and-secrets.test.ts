import { UNRESOLVED, check } from './support';
import { KMS_ROTATION, SECRET_KMS } from '../../../../src/policy/packs/data-security/keys-and-secrets';

describe('data.kms-rotation', () => {
  test('passes a rotating key', () => {
    expect(check(KMS_ROTATION, { enableKeyRotation: true })).toEqual([]);
  });
  test('fails a key that never rotates', () => {
    expect(check(KMS_ROTATION, { enableKeyRotation: false })).toEqual([{ field: 'spec.enableKeyRotation', found: 'false', expected: 'true' }]);
  });
});

describe('data.secret-kms', () => {
  test('passes a secret encrypted with a customer key', () => {
    expect(check(SECRET_KMS, { name: 'paved/acme/payments/orders-db', kmsKeyId: UNRESOLVED })).toEqual([]);
  });
  test('fails a secret on the account default key', () => {
    expect(check(SECRET_KMS, { name: 'paved/acme/payments/orders-db' })).toEqual([
      { field: 'spec.kmsKeyId', found: 'absent', expected: 'a customer-managed KMS key ARN' },
    ]);
  });
});
