import { NETWORK, guardedScope } from './support/fixtures';
import { RecordingMocks, registered, useMocks } from './support/mocks';
import { createClusterOnlySecurityGroup } from '../../src/pulumi/cluster-security-group';
import { ResourceScope } from '../../src/pulumi/resource-scope';
import { Tier } from 'paved';

const mocks = new RecordingMocks();
beforeAll(() => useMocks(mocks));

let scopes = 0;
const scope = (): ResourceScope => guardedScope(Tier.STAGING, `scope-${scopes++}`);

describe('createClusterOnlySecurityGroup', () => {
  test('admits the cluster security group on the port and allows no egress', async () => {
    await registered(createClusterOnlySecurityGroup('sg', 5432, NETWORK, scope()));
    expect(mocks.find('aws:ec2/securityGroup:SecurityGroup', 'sg').inputs).toMatchObject({
      vpcId: 'vpc-0123',
      ingress: [{ protocol: 'tcp', fromPort: 5432, toPort: 5432, securityGroups: ['sg-cluster'], description: 'from the cluster' }],
      egress: [],
    });
  });

  test('refuses an override that opens the port to the internet', () => {
    expect(() => createClusterOnlySecurityGroup('open', 5432, NETWORK, scope(), { ingress: [{ protocol: 'tcp', fromPort: 5432, toPort: 5432, cidrBlocks: ['0.0.0.0/0'] }] }))
      .toThrow(/data\.network-no-open-ingress/);
  });
});
