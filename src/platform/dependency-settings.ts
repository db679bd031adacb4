import { PavedError } from '../errors';
import { parseImage } from './image-reference';
import { requireDnsLabel, requireDnsSubdomain, show } from '../validate';

/** The AWS account that holds the cloud side of dependencies realised in staging and production. */
export interface AwsSettings {
  /** The 12-digit account id; IRSA role ARNs are derived from it. */
  readonly accountId: string;
  /** The region the dependencies live in, e.g. `eu-west-1`. */
  readonly region: string;
  /**
   * The External Secrets `ClusterSecretStore` that reads this account's Secrets Manager.
   *
   * @default "aws-secrets-manager"
   */
  readonly secretStore?: string;
  /**
   * The private networks RDS and ElastiCache live in (the VPC's private subnets). A service's
   * egress to a database or cache opens to these ranges only, on the dependency's port.
   */
  readonly privateNetworkCidrs: string[];
  /**
   * The KEDA operator's service account, `<namespace>:<name>`. Each SQS queue has a scaler role
   * this account alone may assume (through the cluster's OIDC provider), allowed only to read the
   * queue's attributes: KEDA reads a queue's length without the permissions of the workloads it
   * scales.
   *
   * @default "keda:keda-operator"
   */
  readonly kedaServiceAccount?: string;
}

/** `AwsSettings` with `secretStore` filled in, as `Platform.aws` holds them. */
export interface ResolvedAwsSettings {
  /** The 12-digit account id. */
  readonly accountId: string;
  /** The region the dependencies live in. */
  readonly region: string;
  /** The External Secrets `ClusterSecretStore` that reads this account's Secrets Manager. */
  readonly secretStore: string;
  /** The private networks RDS and ElastiCache live in. */
  readonly privateNetworkCidrs: string[];
  /** KEDA's operator, `<namespace>:<service account>`: the one identity a queue's scaler role trusts. */
  readonly kedaServiceAccount: string;
}

/**
 * A named data set a Postgres dependency may be seeded with in preview and development: a
 * container that connects with the standard `PG*` variables and loads data into an empty database.
 */
export interface DatabaseSeed {
  /** The seed's image, from one of the platform's registries and pinned. */
  readonly image: string;
  /**
   * Overrides the image's entrypoint.
   *
   * @default - the image's ENTRYPOINT
   */
  readonly command?: string[];
  /**
   * Arguments to the entrypoint.
   *
   * @default - the image's CMD
   */
  readonly args?: string[];
}

/**
 * Where the in-cluster Postgres and Redis that back dependencies in preview and development come
 * from. Each is a repository; the dependency's version is its tag.
 */
export interface InClusterImages {
  /**
   * Repository of the official (Debian-based) Postgres image or a mirror of it: the StatefulSet
   * runs it as uid 999, the `postgres` user of that image.
   *
   * @default "<first registry>/mirror/postgres"
   */
  readonly postgresRepository?: string;
  /**
   * Repository of the official Redis image or a mirror of it, run as uid 999 (`redis`).
   *
   * @default "<first registry>/mirror/redis"
   */
  readonly redisRepository?: string;
}

/** The platform's dependency settings, validated and completed. */
export interface ResolvedDependencySettings {
  readonly aws?: ResolvedAwsSettings;
  readonly seeds: { [name: string]: DatabaseSeed };
  readonly postgresRepository: string;
  readonly redisRepository: string;
}

const ACCOUNT_ID = /^\d{12}$/;
const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d+$/;
const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Validates a platform's dependency settings where they enter and fills in their defaults. */
export function resolveDependencySettings(path: string, registries: string[], props: {
  readonly aws?: AwsSettings;
  readonly seeds?: { [name: string]: DatabaseSeed };
  readonly inClusterImages?: InClusterImages;
}): ResolvedDependencySettings {
  // Images from the platform's own registries: a preview must not pull from the internet.
  const mirror = `${registries[0].replace(/\/+$/, '')}/mirror`;
  const postgresRepository = props.inClusterImages?.postgresRepository ?? `${mirror}/postgres`;
  const redisRepository = props.inClusterImages?.redisRepository ?? `${mirror}/redis`;
  parseImage(`${path} inClusterImages.postgresRepository`, `${postgresRepository}:16`, registries);
  parseImage(`${path} inClusterImages.redisRepository`, `${redisRepository}:7.0`, registries);

  const seeds: { [name: string]: DatabaseSeed } = {};
  for (const [name, seed] of Object.entries(props.seeds ?? {})) {
    requireDnsLabel(path, 'seeds key', name);
    parseImage(`${path} seeds.${name}.image`, seed.image, registries);
    for (const prop of ['command', 'args'] as const) {
      const list = seed[prop];
      if (list !== undefined && (!Array.isArray(list) || list.some((a) => typeof a !== 'string'))) {
        throw new PavedError(path, `seeds.${name}.${prop} (${show(list)}) must be a list of strings`);
      }
    }
    seeds[name] = { image: seed.image, command: seed.command && [...seed.command], args: seed.args && [...seed.args] };
  }

  return { aws: props.aws && resolveAws(path, props.aws), seeds, postgresRepository, redisRepository };
}

function resolveAws(path: string, aws: AwsSettings): ResolvedAwsSettings {
  if (typeof aws.accountId !== 'string' || !ACCOUNT_ID.test(aws.accountId)) {
    throw new PavedError(path, `aws.accountId ${show(aws.accountId)} must be a 12-digit AWS account id`);
  }
  if (typeof aws.region !== 'string' || !REGION.test(aws.region)) {
    throw new PavedError(path, `aws.region ${show(aws.region)} is not an AWS region name (e.g. eu-west-1)`);
  }
  const secretStore = aws.secretStore ?? 'aws-secrets-manager';
  requireDnsSubdomain(path, 'aws.secretStore', secretStore);
  if (!Array.isArray(aws.privateNetworkCidrs) || aws.privateNetworkCidrs.length === 0) {
    throw new PavedError(path, `aws.privateNetworkCidrs ${show(aws.privateNetworkCidrs)} must list the private networks RDS and ElastiCache live in`);
  }
  aws.privateNetworkCidrs.forEach((cidr, i) => requirePrivateCidr(path, `aws.privateNetworkCidrs[${i}]`, cidr));
  const kedaServiceAccount = aws.kedaServiceAccount ?? 'keda:keda-operator';
  const [kedaNamespace, kedaName, ...rest] = typeof kedaServiceAccount === 'string' ? kedaServiceAccount.split(':') : [];
  if (kedaNamespace === undefined || kedaName === undefined || rest.length > 0) {
    throw new PavedError(path, `aws.kedaServiceAccount ${show(kedaServiceAccount)} must be "<namespace>:<service account>", e.g. "keda:keda-operator"`);
  }
  requireDnsLabel(path, 'aws.kedaServiceAccount namespace', kedaNamespace);
  requireDnsSubdomain(path, 'aws.kedaServiceAccount name', kedaName);
  return { accountId: aws.accountId, region: aws.region, secretStore, privateNetworkCidrs: [...aws.privateNetworkCidrs], kedaServiceAccount };
}

function requirePrivateCidr(path: string, prop: string, cidr: string): void {
  const match = typeof cidr === 'string' ? IPV4_CIDR.exec(cidr) : null;
  const octets = match ? match.slice(1, 5).map(Number) : [];
  const prefix = match ? Number(match[5]) : -1;
  if (!match || octets.some((o) => o > 255) || prefix > 32) {
    throw new PavedError(path, `${prop} ${show(cidr)} is not an IPv4 CIDR block (e.g. 10.0.0.0/16)`);
  }
  // Egress to these ranges is what keeps a service off the internet; a block this wide is not a
  // private network and would quietly open everything.
  if (prefix < 8) {
    throw new PavedError(path, `${prop} ${show(cidr)} is wider than /8: name the VPC's private networks, not the internet`);
  }
}
