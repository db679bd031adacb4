import * as pulumi from '@pulumi/pulumi';
import { PavedMocks } from '../../../src/pulumi/mocks';

export const ACCOUNT_ID = '123456789012';
export const REGION = 'eu-west-1';

/** One resource the program registered, with its inputs as the engine received them. */
export interface Registration {
  readonly type: string;
  readonly name: string;
  readonly inputs: any;
}

/**
 * `PavedMocks` for the platform's account and region, whose lookups can be held or pointed at
 * another account or region (`account`, `region`) to simulate slow or wrong credentials.
 */
export class RecordingMocks extends PavedMocks {
  public account = ACCOUNT_ID;
  public region: string = REGION;
  /** Answer every call with its inputs, as the usual one-line mocks do. */
  public echoCalls = false;
  private held?: Promise<void>;

  constructor() {
    super({ accountId: ACCOUNT_ID, region: REGION });
  }

  /** Every registration so far. */
  public get registrations(): Registration[] {
    return this.resources;
  }

  /** Holds every account lookup until the returned function is called, as a slow STS would. */
  public holdIdentity(): () => void {
    let release!: () => void;
    this.held = new Promise((resolve) => { release = resolve; });
    return () => { this.held = undefined; release(); };
  }

  public async call(args: pulumi.runtime.MockCallArgs): Promise<pulumi.runtime.MockCallResult> {
    if (this.echoCalls) return args.inputs;
    switch (args.token) {
      case 'aws:index/getCallerIdentity:getCallerIdentity':
        await this.held;
        return this.identity(this.account);
      case 'aws:index/getRegion:getRegion':
        return this.regionOf(this.region);
      default:
        return super.call(args);
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
    return this.created(type);
  }
}

/** Installs `mocks` for this test file. Call once, at the top of the file, before any resource is built. */
export async function useMocks(mocks: RecordingMocks): Promise<void> {
  await mocks.install('paved-test', 'test');
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
