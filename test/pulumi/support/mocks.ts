import * as pulumi from '@pulumi/pulumi';

export const ACCOUNT_ID = '123456789012';
export const REGION = 'eu-west-1';

/** One resource the program registered, with its inputs as the engine received them. */
export interface Registration {
  readonly type: string;
  readonly name: string;
  readonly inputs: any;
}

/** What a real deployment would report back for a resource, beyond its inputs. */
function outputsOf(args: pulumi.runtime.MockResourceArgs): Record<string, unknown> {
  const { type, name, inputs } = args;
  switch (type) {
    case 'aws:kms/key:Key': return { arn: `arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/${name}` };
    case 'aws:rds/instance:Instance': return { address: `${inputs.identifier}.abc123.${REGION}.rds.amazonaws.com`, port: 5432, arn: `arn:aws:rds:${REGION}:${ACCOUNT_ID}:db:${inputs.identifier}` };
    case 'aws:elasticache/replicationGroup:ReplicationGroup': return { primaryEndpointAddress: `master.${inputs.replicationGroupId}.abc123.euw1.cache.amazonaws.com` };
    case 'aws:s3/bucket:Bucket': return { arn: `arn:aws:s3:::${inputs.bucket}` };
    case 'aws:iam/role:Role': return { arn: `arn:aws:iam::${ACCOUNT_ID}:role/${inputs.name}` };
    case 'aws:secretsmanager/secret:Secret': return { arn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT_ID}:secret:${inputs.name}-AbCdEf` };
    case 'aws:rds/parameterGroup:ParameterGroup':
    case 'aws:rds/subnetGroup:SubnetGroup':
    case 'aws:elasticache/subnetGroup:SubnetGroup': return { name: `${name}-1a2b3c` };
    case 'random:index/randomPassword:RandomPassword': return { result: 'generated-token-0123456789abcdef' };
    default: return {};
  }
}

/**
 * Stands in for the Pulumi engine and AWS: records every registration and answers the account
 * and region lookups. `account` and `region` can be changed to simulate the wrong credentials.
 */
export class RecordingMocks implements pulumi.runtime.Mocks {
  public readonly registrations: Registration[] = [];
  public account = ACCOUNT_ID;
  public region = REGION;
  private held?: Promise<void>;

  /** Holds every account lookup until the returned function is called, as a slow STS would. */
  public holdIdentity(): () => void {
    let release!: () => void;
    this.held = new Promise((resolve) => { release = resolve; });
    return () => { this.held = undefined; release(); };
  }

  public newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
    this.registrations.push({ type: args.type, name: args.name, inputs: args.inputs });
    return { id: `${args.name}-id`, state: { ...args.inputs, ...outputsOf(args) } };
  }

  public async call(args: pulumi.runtime.MockCallArgs): Promise<pulumi.runtime.MockCallResult> {
    switch (args.token) {
      case 'aws:index/getCallerIdentity:getCallerIdentity':
        await this.held;
        return { accountId: this.account, arn: `arn:aws:iam::${this.account}:user/deployer`, userId: 'AIDA0000', id: this.account };
      case 'aws:index/getRegion:getRegion':
        return { region: this.region, name: this.region, id: this.region, description: 'Europe (Ireland)', endpoint: `ec2.${this.region}.amazonaws.com` };
      default:
        throw new Error(`unexpected call ${args.token}`);
    }
  }

  /** The one registration of `type` named `name`. */
  public find(type: string, name: string): Registration {
    const found = this.registrations.filter((r) => r.type === type && r.name === name);
    if (found.length !== 1) throw new Error(`expected one ${type} named ${name}, found ${found.length} (registered: ${this.registrations.map((r) => `${r.type}/${r.name}`).join(', ')})`);
    return found[0];
  }

  /** Every registration of `type`. */
  public all(type: string): Registration[] {
    return this.registrations.filter((r) => r.type === type);
  }
}

/** Installs `mocks` for this test file. Call once, at the top of the file, before any resource is built. */
export async function useMocks(mocks: RecordingMocks): Promise<void> {
  // preview=false: in a preview, unknown outputs never resolve and assertions would hang.
  await pulumi.runtime.setMocks(mocks, 'paved-test', 'test', false);
}

/** The value of `output` once the mocked deployment resolves it. */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((v) => { resolve(v); return v; }));
}

/** Waits until every resource in `resources` has been registered with the mocks. */
export async function registered(...resources: pulumi.Resource[]): Promise<void> {
  await Promise.all(resources.map((r) => valueOf(r.urn)));
}

/** An input as the engine receives a Pulumi secret: wrapped, so it is encrypted in state and masked in logs. */
export function sentAsSecret(value: unknown): object {
  return { [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig, value };
}
