import { PavedMocks } from '../../src/pulumi/mocks';

describe('PavedMocks', () => {
  const mocks = new PavedMocks({ accountId: '123456789012', region: 'eu-west-1' });
  test('answers the account and region lookups PavedCloud makes', () => {
    expect(mocks.call({ token: 'aws:index/getCallerIdentity:getCallerIdentity', inputs: {} } as any)).toMatchObject({ accountId: '123456789012' });
    expect(mocks.call({ token: 'aws:index/getRegion:getRegion', inputs: {} } as any)).toMatchObject({ region: 'eu-west-1', name: 'eu-west-1' });
  });
  test('gives a resource its inputs as state', () => {
    expect(mocks.newResource({ type: 'aws:s3/bucket:Bucket', name: 'b', inputs: { bucket: 'x' }, custom: true } as any)).toEqual({ id: 'b-id', state: { bucket: 'x' } });
  });
  test('names a call it has no answer for', () => {
    expect(() => mocks.call({ token: 'aws:ec2/getVpc:getVpc', inputs: {} } as any)).toThrow(/no answer for the call aws:ec2\/getVpc:getVpc/);
  });
});
