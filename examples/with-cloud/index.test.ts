import * as pulumi from '@pulumi/pulumi';
import program from './index';
import { platform } from './platform';
import { PavedMocks } from 'paved/pulumi';

// The Pulumi program under mocks: what `pulumi up` would create for the production stack,
// without a cloud account or the Pulumi CLI. PavedMocks answers the account and region lookups
// PavedCloud makes with the platform's, and records every resource.
const mocks = new PavedMocks({ platform });

beforeAll(async () => {
  await mocks.install('payments-cloud', 'production');
  pulumi.runtime.setAllConfig({
    'payments-cloud:vpcId': 'vpc-0a1b2c',
    'payments-cloud:privateSubnetIds': '["subnet-a","subnet-b"]',
    'payments-cloud:clusterSecurityGroupId': 'sg-0cluster',
    'payments-cloud:oidcProviderArn': 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC',
    'payments-cloud:oidcProviderUrl': 'https://oidc.eks.eu-west-1.amazonaws.com/id/ABC',
  });
});

describe('the production stack', () => {
  let outputs: Awaited<ReturnType<typeof program>>;
  beforeAll(async () => {
    outputs = await program();
  });

  test('verifies the account and exports an endpoint per production dependency', async () => {
    expect(await outputs.accountId).toBe('123456789012');
    expect(Object.keys(outputs.endpoints).sort()).toEqual(['payments-prod/invoices', 'payments-prod/orders-cache', 'payments-prod/orders-db']);
    const db = await new Promise((resolve) => outputs.endpoints['payments-prod/orders-db'].apply(resolve));
    expect(db).toMatchObject({ kind: 'postgres', secretName: 'paved/acme/payments-prod/orders-db', host: expect.stringMatching(/^acme-payments-prod-orders-db-[0-9a-f]{6}\.abc123\.eu-west-1\.rds\.amazonaws\.com$/), port: 5432 });
  });

  test('creates the database, cache, bucket and role of production only', () => {
    const names = (type: string) => mocks.created(type).map((r) => r.name).sort();
    expect(names('aws:rds/instance:Instance')).toEqual(['payments-prod-orders-db']);
    expect(names('aws:elasticache/replicationGroup:ReplicationGroup')).toEqual(['payments-prod-orders-cache']);
    expect(names('aws:s3/bucket:Bucket')).toEqual(['payments-prod-invoices']);
    expect(names('aws:iam/role:Role')).toEqual(['payments-prod-orders-api']);
    expect(mocks.created('aws:rds/instance:Instance')[0].inputs).toMatchObject({ multiAz: true, deletionProtection: true, instanceClass: 'db.m7g.large' });
  });
});
