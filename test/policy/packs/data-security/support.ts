import { Tier } from '../../../../src/platform/tier';
import { CloudAccount, CloudResource } from '../../../../src/policy/packs/data-security/cloud-resource';
import { IRule, RuleContext, Violation } from '../../../../src/policy/rule';

/** Stands in for a Pulumi Output: only known at deploy time. */
export const UNRESOLVED = { __pulumiOutput: true };
export const KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

export const OIDC = 'oidc.eks.eu-west-1.amazonaws.com/id/ABC';
/** The cluster's OIDC provider, as PavedCloud is given it: a deploy-time value. */
export const PROVIDER = { __pulumiOutput: true, provider: 'cluster' };
export const SERVICE_ACCOUNT = 'system:serviceaccount:payments-production:orders-api';

/** The platform's account, as the gate describes it to the rules. */
export const ACCOUNT: CloudAccount = {
  accountId: '123456789012',
  privateNetworkCidrs: ['10.0.0.0/16', 'fd00:ec2::/32'],
  oidcProviderArn: PROVIDER,
  oidcIssuer: OIDC,
  serviceAccountSubject: SERVICE_ACCOUNT,
};

/** A cloud resource as `paved/pulumi` hands it to the rules. */
export function resource(kind: string, spec: { [arg: string]: any }, account: CloudAccount | undefined = ACCOUNT): CloudResource {
  return { kind, metadata: { name: 'payments-production-orders' }, spec, account };
}

export function context(tier: Tier = Tier.PRODUCTION): RuleContext {
  return { tier, allowedRegistries: ['registry.acme.dev'], chartObjects: [] };
}

/** Runs `rule` over `spec` as a resource of the rule's first kind. */
export function check(rule: IRule, spec: { [arg: string]: any }, tier?: Tier, account?: CloudAccount): Violation[] {
  return rule.check(resource(rule.kinds[0], spec, account ?? ACCOUNT), context(tier));
}

/** Runs `rule` over `spec` as a resource of `kind`. */
export function checkKind(rule: IRule, kind: string, spec: { [arg: string]: any }, account: CloudAccount | undefined = ACCOUNT): Violation[] {
  return rule.check(resource(kind, spec, account), context());
}
