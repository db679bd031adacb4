import * as pulumi from '@pulumi/pulumi';
import { policySubject } from './support/fixtures';
import { RecordingMocks, registered, sentAsSecret, useMocks } from './support/mocks';
import { ConnectionSecret } from '../../src/pulumi/connection-secret';
import { PavedError } from '../../src/pulumi/errors';
import { ResourceScope } from '../../src/pulumi/resource-scope';
import { Tier } from 'paved';

const mocks = new RecordingMocks();
beforeAll(() => useMocks(mocks));

const scope = (): ResourceScope => ({
  subject: policySubject(Tier.PRODUCTION),
  tags: { team: 'payments' },
  options: {},
});

describe('ConnectionSecret', () => {
  test('writes the values as one JSON object, sent to the engine as a secret', async () => {
    const secret = new ConnectionSecret('db-connection', {
      secretName: 'paved/acme/payments-production/orders-db',
      values: { host: pulumi.output('db.internal'), port: 5432 },
      kmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/k',
      scope: scope(),
    });
    await registered(secret.secret, secret.version);
    expect(mocks.find('aws:secretsmanager/secret:Secret', 'db-connection').inputs).toEqual({
      name: 'paved/acme/payments-production/orders-db',
      description: 'Connection details written by Paved; read by the service through External Secrets',
      kmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/k',
      recoveryWindowInDays: 30,
      tags: { team: 'payments' },
    });
    expect(mocks.find('aws:secretsmanager/secretVersion:SecretVersion', 'db-connection').inputs).toEqual({
      secretId: 'db-connection-id',
      secretString: sentAsSecret('{"host":"db.internal","port":5432}'),
    });
  });

  test('an override that drops the customer key fails before the secret is created', () => {
    expect(() => new ConnectionSecret('default-key', {
      secretName: 'paved/acme/payments-production/x', values: {}, kmsKeyId: 'k', scope: scope(), override: { kmsKeyId: undefined },
    })).toThrow(PavedError);
    expect(mocks.all('aws:secretsmanager/secret:Secret').map((r) => r.name)).not.toContain('default-key');
  });
});
