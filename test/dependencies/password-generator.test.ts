import { Testing } from 'cdk8s';
import { PasswordGenerator } from '../../src/dependencies/password-generator';
import { validateAgainstSchemas } from '../support/schema';

describe('PasswordGenerator', () => {
  const chart = Testing.chart();
  const generator = new PasswordGenerator(chart, 'Password', {
    metadata: { name: 'orders-db' },
    spec: { length: 32, digits: 8, symbols: 0, noUpper: false, allowRepeat: true },
  });

  test('is a generators.external-secrets.io/v1alpha1 Password', () => {
    expect(generator.toJson()).toMatchObject({ apiVersion: 'generators.external-secrets.io/v1alpha1', kind: 'Password', metadata: { name: 'orders-db' } });
  });

  test('names itself for an ExternalSecret generatorRef', () => {
    expect(generator.generatorRef).toEqual({ apiVersion: 'generators.external-secrets.io/v1alpha1', kind: 'Password', name: 'orders-db' });
  });

  test('passes the generator schema, which rejects a spec without a length', () => {
    expect(() => validateAgainstSchemas([generator.toJson()])).not.toThrow();
    const bad = { ...generator.toJson(), spec: { noUpper: false, allowRepeat: true } };
    expect(() => validateAgainstSchemas([bad])).toThrow(/Password\/orders-db: .*length/);
  });
});
