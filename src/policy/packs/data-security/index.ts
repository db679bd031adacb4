import { BUCKET_RULES } from './bucket';
import { CACHE_RULES } from './cache';
import { IAM_RULES } from './iam';
import { KEY_AND_SECRET_RULES } from './keys-and-secrets';
import { NETWORK_RULES } from './network';
import { QUEUE_RULES } from './queue';
import { RDS_RULES } from './rds';
import { IRule } from '../../rule';
import { RulePack } from '../../rule-pack';

export { CloudKinds } from './cloud-resource';
export type { CloudAccount, CloudResource, CloudResourceMetadata } from './cloud-resource';

/**
 * Data security: the secure defaults of the cloud side of dependencies (RDS, ElastiCache, S3,
 * SQS, IAM, KMS, Secrets Manager), checked against the arguments of each cloud resource just before
 * `paved/pulumi` creates it, so an override that weakens a default fails the deployment.
 *
 * The rules check objects shaped `{ kind: <Pulumi type token>, metadata: { name }, spec: <args> }`
 * (see `CloudResource`). Every rule is a security rule: enforced in every tier unless suppressed.
 */
export class DataSecurityPack {
  /** The pack's id, as reports and suppressions name it. */
  public static readonly ID = 'data-security';

  /** Every rule of the pack, in report order. */
  public static rules(): IRule[] {
    return [...RDS_RULES, ...CACHE_RULES, ...BUCKET_RULES, ...QUEUE_RULES, ...IAM_RULES, ...KEY_AND_SECRET_RULES, ...NETWORK_RULES];
  }

  /** The rules as a pack for the policy engine. */
  public static pack(): RulePack {
    return new RulePack(DataSecurityPack.ID, DataSecurityPack.rules());
  }

  private constructor() {}
}
