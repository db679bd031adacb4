import * as pulumi from '@pulumi/pulumi';
import { PavedError } from './errors';
import type { Platform } from 'paved';

/** Options of `PavedMocks`: whose AWS account and region the lookups report. */
export interface PavedMocksOptions {
  /**
   * The platform whose AWS account and region (`Platform({ aws })`) the lookups report: the
   * stack is then correctly configured, and `PavedCloud` goes on to create its resources.
   *
   * @default - `accountId` and `region` must both be given
   */
  readonly platform?: Platform;
  /**
   * The account the caller-identity lookup reports, in place of the platform's: a different one
   * simulates credentials for the wrong account.
   *
   * @default - the platform's `aws.accountId`
   */
  readonly accountId?: string;
  /**
   * The region the region lookup reports, in place of the platform's.
   *
   * @default - the platform's `aws.region`
   */
  readonly region?: string;
}

const OPTIONS = ['platform', 'accountId', 'region'];
const CALLER_IDENTITY = 'aws:index/getCallerIdentity:getCallerIdentity';
const REGION = 'aws:index/getRegion:getRegion';

/**
 * Pulumi mocks for unit-testing a program that uses `PavedCloud`, offline, without AWS
 * credentials or the Pulumi CLI:
 *
 * ```ts
 * const mocks = new PavedMocks({ platform });
 * beforeAll(() => mocks.install());
 * test('production gets a Multi-AZ database', async () => {
 *   const cloud = new PavedCloud('payments', { app, network, cluster });
 *   await cloud.verifiedAccountId;
 *   expect(mocks.created('aws:rds/instance:Instance')[0].inputs.multiAz).toBe(true);
 * });
 * ```
 *
 * `PavedCloud` verifies the account and region before it creates anything, through
 * `aws:index/getCallerIdentity` and `aws:index/getRegion`: these mocks answer both, with the
 * platform's unless told otherwise. Mocks that answer a call with its inputs (the usual
 * one-liner) report no account at all, and the stack fails with that. Every resource gets its
 * inputs as its state plus what AWS would compute for the resources Paved creates (ARNs,
 * endpoints, names, the generated token), and is recorded in `resources`. Any other call fails
 * naming its token: extend the class and override `call` for the calls your own program makes.
 */
export class PavedMocks implements pulumi.runtime.Mocks {
  /** The account the caller-identity lookup reports. */
  public readonly accountId: string;
  /** The region the region lookup reports. */
  public readonly region: string;
  /** Every resource the program registered, in order, with its inputs as the engine received them. */
  public readonly resources: pulumi.runtime.MockResourceArgs[] = [];

  constructor(options: PavedMocksOptions) {
    // A misspelt option would silently report the platform's account: the test would pass for the wrong reason.
    const unknown = Object.keys(options ?? {}).filter((k) => !OPTIONS.includes(k));
    if (unknown.length > 0) {
      throw new PavedError('PavedMocks', `${unknown.map((k) => JSON.stringify(k)).join(', ')} ${unknown.length === 1 ? 'is not an option' : 'are not options'} (options: ${OPTIONS.join(', ')})`);
    }
    const accountId = options.accountId ?? options.platform?.aws?.accountId;
    const region = options.region ?? options.platform?.aws?.region;
    if (accountId === undefined || region === undefined) {
      const platform = options.platform === undefined ? 'no platform' : `platform ${options.platform.name} has no aws settings`;
      throw new PavedError('PavedMocks', `the account and region to report are unknown (${platform}): give a platform with aws: { accountId, region }, or accountId and region`);
    }
    this.accountId = accountId;
    this.region = region;
  }

  /**
   * Makes these the mocks of every Pulumi resource and call from now on, for a deployment (not
   * a preview, whose unknown outputs never resolve and would leave an assertion waiting).
   *
   * @param project the Pulumi project name (`project` unless given)
   * @param stack the stack name (`test` unless given)
   */
  public install(project: string = 'project', stack: string = 'test'): Promise<void> {
    return pulumi.runtime.setMocks(this, project, stack, false);
  }

  /** Every registered resource of `type` (e.g. `aws:rds/instance:Instance`). */
  public created(type: string): pulumi.runtime.MockResourceArgs[] {
    return this.resources.filter((r) => r.type === type);
  }

  public newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
    this.resources.push(args);
    return { id: `${args.name}-id`, state: { ...args.inputs, ...this.computed(args) } };
  }

  public call(args: pulumi.runtime.MockCallArgs): pulumi.runtime.MockCallResult | Promise<pulumi.runtime.MockCallResult> {
    switch (args.token) {
      case CALLER_IDENTITY: return this.identity(this.accountId);
      case REGION: return this.regionOf(this.region);
      default:
        throw new Error(`PavedMocks has no answer for the call ${args.token}: extend PavedMocks and override call() for it`);
    }
  }

  /** What `aws.getCallerIdentity` returns for credentials of `accountId`. */
  protected identity(accountId: string): pulumi.runtime.MockCallResult {
    return { accountId, arn: `arn:aws:iam::${accountId}:user/deployer`, userId: 'AIDA0000000000EXAMPLE', id: accountId };
  }

  /** What `aws.getRegion` returns for `region`. */
  protected regionOf(region: string): pulumi.runtime.MockCallResult {
    return { region, name: region, id: region, endpoint: `ec2.${region}.amazonaws.com` };
  }

  /** The outputs AWS computes for the resources Paved creates, beyond their inputs. */
  protected computed(args: pulumi.runtime.MockResourceArgs): Record<string, unknown> {
    const { type, name, inputs } = args;
    const { accountId, region } = this;
    switch (type) {
      case 'aws:kms/key:Key': return { arn: `arn:aws:kms:${region}:${accountId}:key/${name}`, keyId: name };
      case 'aws:rds/instance:Instance': return { address: `${inputs.identifier}.abc123.${region}.rds.amazonaws.com`, port: 5432, arn: `arn:aws:rds:${region}:${accountId}:db:${inputs.identifier}` };
      case 'aws:elasticache/replicationGroup:ReplicationGroup': return { primaryEndpointAddress: `master.${inputs.replicationGroupId}.abc123.${compact(region)}.cache.amazonaws.com`, arn: `arn:aws:elasticache:${region}:${accountId}:replicationgroup:${inputs.replicationGroupId}` };
      case 'aws:s3/bucket:Bucket': return { arn: `arn:aws:s3:::${inputs.bucket}` };
      case 'aws:sqs/queue:Queue': return { arn: `arn:aws:sqs:${region}:${accountId}:${inputs.name}`, url: `https://sqs.${region}.amazonaws.com/${accountId}/${inputs.name}` };
      case 'aws:iam/role:Role': return { arn: `arn:aws:iam::${accountId}:role/${inputs.name}` };
      case 'aws:secretsmanager/secret:Secret': return { arn: `arn:aws:secretsmanager:${region}:${accountId}:secret:${inputs.name}-AbCdEf` };
      case 'aws:ec2/securityGroup:SecurityGroup': return { arn: `arn:aws:ec2:${region}:${accountId}:security-group/sg-${name}` };
      case 'aws:rds/parameterGroup:ParameterGroup':
      case 'aws:rds/subnetGroup:SubnetGroup':
      case 'aws:elasticache/subnetGroup:SubnetGroup': return { name: inputs.name ?? `${name}-1a2b3c` };
      case 'random:index/randomPassword:RandomPassword': return { result: 'generated-token-0123456789abcdef' };
      default: return {};
    }
  }
}

/** A region as ElastiCache endpoints spell it: `eu-west-1` is `euw1`. */
function compact(region: string): string {
  const [area, direction, index] = region.split('-');
  return `${area}${direction?.[0] ?? ''}${index ?? ''}`;
}
