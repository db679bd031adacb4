import * as pulumi from '@pulumi/pulumi';
import { App } from 'cdk8s';
import { STACK_ENVIRONMENTS, environments } from './platform';
import { PavedCloud } from 'paved/pulumi';

/**
 * The cloud side, from the same definitions as main.ts: `pulumi up` in this folder creates the
 * RDS databases, ElastiCache caches, S3 buckets and IAM roles of the stack's environments. The
 * cluster's network and identity provider come from stack config (see Pulumi.yaml).
 */
export = async () => {
  const config = new pulumi.Config();
  const stack = pulumi.getStack();
  const selected = STACK_ENVIRONMENTS[stack];
  if (selected === undefined) throw new Error(`stack ${stack} is not one of ${Object.keys(STACK_ENVIRONMENTS).join(', ')}`);

  const app = new App();
  environments(app);
  const cloud = new PavedCloud('payments', {
    app,
    environments: selected,
    network: {
      vpcId: config.require('vpcId'),
      privateSubnetIds: config.requireObject<string[]>('privateSubnetIds'),
      clusterSecurityGroupId: config.require('clusterSecurityGroupId'),
    },
    cluster: {
      oidcProviderArn: config.require('oidcProviderArn'),
      oidcProviderUrl: config.require('oidcProviderUrl'),
    },
  });
  return { accountId: cloud.verifiedAccountId, endpoints: cloud.endpoints };
};
