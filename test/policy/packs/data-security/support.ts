import { Tier } from '../../../../src/platform/tier';
import { CloudResource } from '../../../../src/policy/packs/data-security/cloud-resource';
import { IRule, RuleContext, Violation } from '../../../../src/policy/rule';

/** A cloud resource as `paved/pulumi` hands it to the rules. */
export function resource(kind: string, spec: { [arg: string]: any }): CloudResource {
  return { kind, metadata: { name: 'payments-production-orders' }, spec };
}

export function context(tier: Tier = Tier.PRODUCTION): RuleContext {
  return { tier, allowedRegistries: ['registry.acme.dev'], chartObjects: [] };
}

/** Runs `rule` over `spec` as a resource of the rule's first kind. */
export function check(rule: IRule, spec: { [arg: string]: any }, tier?: Tier): Violation[] {
  return rule.check(resource(rule.kinds[0], spec), context(tier));
}

/** Stands in for a Pulumi Output: only known at deploy time. */
export const UNRESOLVED = { __pulumiOutput: true };
export const KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
