import * as pulumi from '@pulumi/pulumi';

/** Where a dependency's cloud resources live: the cluster's VPC, away from the internet. */
export interface CloudNetwork {
  /** The VPC the cluster runs in. */
  readonly vpcId: pulumi.Input<string>;
  /** Private subnets of that VPC, in at least two availability zones (RDS and ElastiCache require two). */
  readonly privateSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** The security group of the cluster's nodes and pods: the only source data stores admit. */
  readonly clusterSecurityGroupId: pulumi.Input<string>;
}

/** The cluster's OIDC identity provider, which service roles trust (IRSA). */
export interface CloudCluster {
  /** The IAM OIDC provider's ARN, e.g. `arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC`. */
  readonly oidcProviderArn: pulumi.Input<string>;
  /**
   * The issuer URL, with or without `https://`, e.g. `https://oidc.eks.eu-west-1.amazonaws.com/id/ABC`.
   *
   * A plain string, not an Output: the trust policy's condition keys are built from it, and the
   * policy is checked before anything is created. From a stack reference, read it with
   * `await reference.getOutputValue(...)` in an async program.
   */
  readonly oidcProviderUrl: string;
}
