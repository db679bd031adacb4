import { PavedMocks } from '../../src/pulumi/mocks';
import { errorOf } from '../support/errors';
import { Platform } from 'paved';

const platform = new Platform({
  name: 'acme',
  domain: 'apps.acme.dev',
  registries: ['registry.acme.dev'],
  aws: { accountId: '123456789012', region: 'eu-west-1', privateNetworkCidrs: ['10.0.0.0/16'] },
});

describe('PavedMocks', () => {
  const mocks = new PavedMocks({ platform });

  test('answer the account and region lookups PavedCloud makes with the platform\'s', () => {
    expect(mocks.call({ token: 'aws:index/getCallerIdentity:getCallerIdentity', inputs: {} } as any)).toMatchObject({ accountId: '123456789012' });
    expect(mocks.call({ token: 'aws:index/getRegion:getRegion', inputs: {} } as any)).toMatchObject({ region: 'eu-west-1', name: 'eu-west-1' });
  });

  test('report another account or region when told to, to simulate the wrong credentials', () => {
    const wrong = new PavedMocks({ platform, accountId: '999999999999', region: 'us-east-1' });
    expect(wrong.call({ token: 'aws:index/getCallerIdentity:getCallerIdentity', inputs: {} } as any)).toMatchObject({ accountId: '999999999999' });
    expect(wrong.call({ token: 'aws:index/getRegion:getRegion', inputs: {} } as any)).toMatchObject({ region: 'us-east-1' });
  });

  test('work without a platform from an account and a region', () => {
    expect(new PavedMocks({ accountId: '210987654321', region: 'eu-central-1' })).toMatchObject({ accountId: '210987654321', region: 'eu-central-1' });
  });

  test('refuse to guess an account', () => {
    const bare = new Platform({ name: 'bare', domain: 'apps.acme.dev', registries: ['registry.acme.dev'] });
    expect(errorOf(() => new PavedMocks({ platform: bare })).message)
      .toBe('PavedMocks: the account and region to report are unknown (platform bare has no aws settings): give a platform with aws: { accountId, region }, or accountId and region');
    expect(errorOf(() => new PavedMocks({ accountId: '123456789012' })).message).toMatch(/^PavedMocks: the account and region to report are unknown \(no platform\)/);
  });

  test('refuse an option they do not have, which would otherwise leave the platform\'s account in place', () => {
    expect(errorOf(() => new PavedMocks({ platform, acountId: '999999999999' } as any)).message)
      .toBe('PavedMocks: "acountId" is not an option (options: platform, accountId, region)');
  });

  test('give a resource its inputs and what AWS computes as state, and record it', () => {
    const recorded = new PavedMocks({ platform });
    expect(recorded.newResource({ type: 'aws:s3/bucket:Bucket', name: 'b', inputs: { bucket: 'x' }, custom: true } as any))
      .toEqual({ id: 'b-id', state: { bucket: 'x', arn: 'arn:aws:s3:::x' } });
    expect(recorded.newResource({ type: 'aws:elasticache/replicationGroup:ReplicationGroup', name: 'c', inputs: { replicationGroupId: 'g' }, custom: true } as any).state)
      .toMatchObject({ primaryEndpointAddress: 'master.g.abc123.euw1.cache.amazonaws.com' });
    expect(recorded.newResource({ type: 'aws:sqs/queue:Queue', name: 'q', inputs: { name: 'q-1' }, custom: true } as any).state)
      .toEqual({ name: 'q-1', arn: 'arn:aws:sqs:eu-west-1:123456789012:q-1', url: 'https://sqs.eu-west-1.amazonaws.com/123456789012/q-1' });
    expect(recorded.newResource({ type: 'aws:dynamodb/table:Table', name: 't', inputs: { name: 't' }, custom: true } as any)).toEqual({ id: 't-id', state: { name: 't' } });
    expect(recorded.created('aws:s3/bucket:Bucket').map((r) => r.name)).toEqual(['b']);
    expect(recorded.resources).toHaveLength(4);
  });

  test('name a call they have no answer for', () => {
    expect(() => mocks.call({ token: 'aws:ec2/getVpc:getVpc', inputs: {} } as any)).toThrow(/no answer for the call aws:ec2\/getVpc:getVpc/);
  });
});
