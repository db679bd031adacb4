import * as aws from '@pulumi/aws';
import { CloudNetwork } from './network';
import { ResourceScope } from './resource-scope';

/**
 * A security group for one data store that admits the cluster's security group on `port` and
 * nothing else. Rules are inline so Pulumi owns the whole set: a rule added by hand is removed
 * on the next deployment. No egress: data stores answer connections, they never open them.
 */
export function createClusterOnlySecurityGroup(
  name: string, port: number, network: CloudNetwork, scope: ResourceScope, override?: Partial<aws.ec2.SecurityGroupArgs>,
): aws.ec2.SecurityGroup {
  const args: aws.ec2.SecurityGroupArgs = {
    vpcId: network.vpcId,
    description: `Paved: admits the cluster on ${port} only`,
    ingress: [{ protocol: 'tcp', fromPort: port, toPort: port, securityGroups: [network.clusterSecurityGroupId], description: 'from the cluster' }],
    egress: [],
    tags: scope.tags,
    ...override,
  };
  return new aws.ec2.SecurityGroup(name, args, scope.options);
}
