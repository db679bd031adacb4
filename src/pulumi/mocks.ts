import * as pulumi from '@pulumi/pulumi';

/**
 * Pulumi mocks for unit-testing a program that uses `PavedCloud`, offline:
 *
 * ```ts
 * await pulumi.runtime.setMocks(new PavedMocks({ accountId: '123456789012', region: 'eu-west-1' }), 'project', 'test', false);
 * ```
 *
 * PavedCloud verifies the account and region before it creates anything, through
 * `aws:index/getCallerIdentity` and `aws:index/getRegion`; these mocks answer both with the
 * platform's, and give every resource its inputs as its state. Any other call fails naming its
 * token: extend the class (override `call`) for the calls your own program makes.
 */
export class PavedMocks implements pulumi.runtime.Mocks {
  /** The account the calls report. */
  public readonly accountId: string;
  /** The region the calls report. */
  public readonly region: string;

  constructor(target: { readonly accountId: string; readonly region: string }) {
    this.accountId = target.accountId;
    this.region = target.region;
  }

  public newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, any> } {
    return { id: `${args.name}-id`, state: args.inputs };
  }

  public call(args: pulumi.runtime.MockCallArgs): Record<string, any> {
    switch (args.token) {
      case 'aws:index/getCallerIdentity:getCallerIdentity':
        return { accountId: this.accountId, arn: `arn:aws:iam::${this.accountId}:user/test`, userId: 'AIDATEST', id: this.accountId };
      case 'aws:index/getRegion:getRegion':
        return { region: this.region, name: this.region, id: this.region };
      default:
        throw new Error(`PavedMocks has no answer for the call ${args.token}: extend PavedMocks and override call() for it`);
    }
  }
}
