import { Testing } from 'cdk8s';
import { ExternalSecret } from '../../src/dependencies/external-secret';
import { validateAgainstSchemas } from '../support/schema';

function externalSecret(spec: any) {
  const chart = Testing.chart();
  return new ExternalSecret(chart, 'Secret', { metadata: { name: 'orders-db' }, spec }).toJson();
}

const VALID = {
  refreshInterval: '1h',
  secretStoreRef: { kind: 'ClusterSecretStore', name: 'aws-secrets-manager' },
  target: { name: 'orders-db', creationPolicy: 'Owner' },
  data: [{ secretKey: 'host', remoteRef: { key: 'paved/acme/payments/orders-db', property: 'host' } }],
};

describe('ExternalSecret', () => {
  test('is an external-secrets.io/v1 ExternalSecret carrying its spec as given', () => {
    expect(externalSecret(VALID)).toEqual({
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: { name: 'orders-db' },
      spec: VALID,
    });
  });

  test('passes the External Secrets schema', () => {
    expect(() => validateAgainstSchemas([externalSecret(VALID)])).not.toThrow();
  });

  // The schema check is a test instrument too: prove it rejects what the operator would.
  test('fails the schema with a creation policy the operator does not know', () => {
    const bad = externalSecret({ ...VALID, target: { name: 'orders-db', creationPolicy: 'Always' } });
    expect(() => validateAgainstSchemas([bad])).toThrow(/ExternalSecret\/orders-db: .*creationPolicy/);
  });

  test('fails the schema with a remote reference that names no key', () => {
    const bad = externalSecret({ ...VALID, data: [{ secretKey: 'host', remoteRef: { property: 'host' } }] });
    expect(() => validateAgainstSchemas([bad])).toThrow(/ExternalSecret\/orders-db: .*key/);
  });
});
