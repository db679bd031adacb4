import { PavedError } from '../../src/pulumi/errors';
import { Errors } from 'paved';

describe('PavedError on the cloud side', () => {
  const error = new PavedError('payments-production/orders-db', 'something is wrong');

  test('is recognised by Errors.isPavedError from paved', () => {
    expect(Errors.isPavedError(error)).toBe(true);
    expect(error.name).toBe('PavedError');
    expect(error.message).toBe('payments-production/orders-db: something is wrong');
  });

  test('is printed by Pulumi as its message alone', () => {
    expect((error as any).__pulumiRunError).toBe(true);
  });
});
