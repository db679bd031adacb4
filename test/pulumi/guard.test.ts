import * as pulumi from '@pulumi/pulumi';
import { Testing } from 'cdk8s';
import { CLUSTER, NETWORK, bucket, orders, postgres, redis } from './support/fixtures';
import { RecordingMocks, registered, useMocks } from './support/mocks';
import { PavedCloud } from '../../src/pulumi/paved-cloud';
import { PostgresDatabase } from '../../src/pulumi/postgres-database';
import { RedisCache } from '../../src/pulumi/redis-cache';
import { SecureBucket } from '../../src/pulumi/secure-bucket';
import { errorOf } from '../support/errors';
import { Errors, Tier } from 'paved';

const mocks = new RecordingMocks();
beforeAll(() => useMocks(mocks));

/** A transformation that sets `props` on every resource of `type`, as an escape hatch would. */
function weaken(type: string, props: object): pulumi.ResourceTransformation {
  return (args) => (args.type === type ? { props: { ...args.props, ...props }, opts: args.opts } : undefined);
}

describe('the gate sees arguments after every transformation', () => {
  test('a transformation on the component that makes the database public fails, naming the resource and the argument', () => {
    const error = errorOf(() => new PostgresDatabase('t-public-db', { dependency: postgres(Tier.STAGING), network: NETWORK }, {
      transformations: [weaken('aws:rds/instance:Instance', { publiclyAccessible: true })],
    }));
    expect(Errors.isPavedError(error)).toBe(true);
    expect(error.message).toContain('✖ data.rds-private  payments-staging/orders-db  aws:rds/instance:Instance/t-public-db\n  spec.publiclyAccessible is true — expected false or absent');
    expect(mocks.all('aws:rds/instance:Instance').map((r) => r.name)).not.toContain('t-public-db');
  });

  test('a transformation on an ancestor reaches through PavedCloud and is checked too', () => {
    const app = Testing.app();
    orders(Tier.STAGING, app);
    const team = new pulumi.ComponentResource('acme:platform:Team', 't-team', {}, {
      transformations: [weaken('aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock', { restrictPublicBuckets: false })],
    });
    expect(() => new PavedCloud('t-cloud', { app, network: NETWORK, cluster: CLUSTER }, { parent: team }))
      .toThrow(/✖ data\.bucket-public-access-block {2}payments-staging\/invoices {2}aws:s3\/bucketPublicAccessBlock:BucketPublicAccessBlock\/payments-staging-invoices-public-access\n {2}spec\.restrictPublicBuckets is false/);
  });

  test('a transformation two ancestors up that widens a role\'s trust fails', () => {
    // registerStackTransformation appends to the stack's list, the outermost ancestor's: the same path.
    // (Under setMocks there is no stack resource to register one on.)
    const app = Testing.app();
    orders(Tier.STAGING, app);
    const wide = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999999999999:root' }, Action: 'sts:AssumeRole' }] };
    const org = new pulumi.ComponentResource('acme:platform:Org', 't-org', {}, { transformations: [weaken('aws:iam/role:Role', { assumeRolePolicy: wide })] });
    const team = new pulumi.ComponentResource('acme:platform:Team', 't-team-2', {}, { parent: org });
    const error = errorOf(() => new PavedCloud('t-stack', { app, network: NETWORK, cluster: CLUSTER }, { parent: team }));
    expect(error.message).toContain('✖ data.iam-trust-scoped  payments-staging/orders-api  aws:iam/role:Role/payments-staging-orders-api');
    expect(error.message).toContain('spec.assumeRolePolicy.Statement[0].Principal is {"AWS":"arn:aws:iam::999999999999:root"}');
  });

  test('a transformation that lets the cache accept plain text fails', () => {
    expect(() => new RedisCache('t-preferred', { dependency: redis(Tier.STAGING), network: NETWORK }, {
      transformations: [weaken('aws:elasticache/replicationGroup:ReplicationGroup', { transitEncryptionMode: 'preferred' })],
    })).toThrow(/✖ data\.cache-tls-required[\s\S]*spec\.transitEncryptionMode is "preferred" — expected "required"/);
  });

  test('a transformation that opens the security group with split halves fails', () => {
    const halves = [{ protocol: 'tcp', fromPort: 5432, toPort: 5432, cidrBlocks: ['0.0.0.0/1', '128.0.0.0/1'] }];
    expect(() => new PostgresDatabase('t-open-db', { dependency: postgres(Tier.STAGING), network: NETWORK }, {
      transformations: [weaken('aws:ec2/securityGroup:SecurityGroup', { ingress: halves })],
    })).toThrow(/✖ data\.network-no-open-ingress[\s\S]*spec\.ingress\[0\]\.cidrBlocks is \["0\.0\.0\.0\/1","128\.0\.0\.0\/1"\], which admits addresses outside the private networks/);
  });

  test('resources inside a nested component (the connection secret) are checked after the transformation too', () => {
    expect(() => new SecureBucket('t-secret', { dependency: bucket(Tier.STAGING) }, {
      transformations: [weaken('aws:secretsmanager/secret:Secret', { kmsKeyId: undefined })],
    })).toThrow(/✖ data\.secret-kms/);
  });

  test('a harmless transformation passes and is applied', async () => {
    const db = new PostgresDatabase('t-tagged-db', { dependency: postgres(Tier.STAGING), network: NETWORK }, {
      transformations: [(args) => ({ props: { ...args.props, tags: { ...args.props.tags, 'cost-centre': 'cc-42' } }, opts: args.opts })],
    });
    await registered(db.instance, db.key);
    expect(mocks.find('aws:rds/instance:Instance', 't-tagged-db').inputs.tags['cost-centre']).toBe('cc-42');
    expect(mocks.find('aws:rds/instance:Instance', 't-tagged-db').inputs.publiclyAccessible).toBe(false);
  });
});

describe('engine-side transforms, which run after the program, are refused', () => {
  const transform: pulumi.ResourceTransform = (args) => ({ props: args.props, opts: args.opts });

  test('on a Paved component', () => {
    expect(() => new PostgresDatabase('t-engine-db', { dependency: postgres(Tier.STAGING), network: NETWORK }, { transforms: [transform] }))
      .toThrow(/^payments-staging\/orders-db: payments-staging\/orders-db has 1 engine-side transform\(s\) in its resource options/);
    const app = Testing.app();
    orders(Tier.STAGING, app);
    expect(() => new PavedCloud('t-engine', { app, network: NETWORK, cluster: CLUSTER }, { transforms: [transform] })).toThrow(/^PavedCloud\(t-engine\): /);
  });

  test('added to a resource by a transformation', () => {
    expect(() => new PostgresDatabase('t-smuggled-db', { dependency: postgres(Tier.STAGING), network: NETWORK }, {
      transformations: [(args) => (args.type === 'aws:kms/key:Key' ? { props: args.props, opts: { ...args.opts, transforms: [transform] } } : undefined)],
    })).toThrow(/aws:kms\/key:Key\/t-smuggled-db-key has 1 engine-side transform\(s\)/);
  });
});
