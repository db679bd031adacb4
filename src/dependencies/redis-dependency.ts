import { ApiObject, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { PavedError } from '../errors';
import { Labels } from '../platform/labels';
import { show } from '../validate';
import { cloudConnectionSecret } from './cloud-connection-secret';
import { Dependency, DependencyConnection, DependencyKind, DependencyProps, DependencyVariable, Realisation, locateDependency } from './dependency';
import { InClusterStore } from './in-cluster-store';
import { CacheSize } from './sizes';

/**
 * ElastiCache (Redis OSS) versions, each with the open-source image tag that stands in for it
 * in-cluster. ElastiCache 7.1 is its own build, compatible with Redis OSS 7.0; 7.0 rather than a
 * newer image keeps what works in a preview a subset of what production runs.
 */
const IN_CLUSTER_TAGS: { [version: string]: string } = { '6.2': '6.2', '7.0': '7.0', '7.1': '7.0' };
/** The `redis` user of the official image. */
const REDIS_UID = 999;

/** Props of a `RedisDependency`. */
export interface RedisDependencyProps extends DependencyProps {
  /**
   * The ElastiCache (Redis OSS) engine version: `6.2`, `7.0` or `7.1`.
   *
   * @default "7.1"
   */
  readonly version?: string;
  /**
   * The node type in the cloud; the container preset in-cluster.
   *
   * @default CacheSize.SMALL
   */
  readonly size?: CacheSize;
}

/**
 * A Redis cache. In staging and production, an ElastiCache replication group created by
 * `paved/pulumi` with TLS and an auth token, its connection details read from Secrets Manager.
 * In preview and development, a disposable StatefulSet in the namespace with a token generated
 * inside the cluster and no persistence (a cache is rebuilt, not restored; `CacheSize` sizes
 * memory, not disk). Services get `REDIS_HOST`, `REDIS_PORT`, `REDIS_AUTH_TOKEN` and
 * `REDIS_TLS` from its Secret.
 */
export class RedisDependency extends Dependency {
  /** The engine version. */
  public readonly version: string;
  /** How big the cache is. */
  public readonly size: CacheSize;
  /** Writes the connection Secret. */
  public readonly externalSecret: ApiObject;
  /**
   * The in-cluster cache's StatefulSet; present in preview and development. Its Services,
   * NetworkPolicy, ServiceAccount and Password generator are reachable under `node`.
   */
  public readonly statefulSet?: ApiObject;
  private readonly store?: InClusterStore;

  constructor(scope: Construct, id: string, props: RedisDependencyProps = {}) {
    const { path, environment, name } = locateDependency(scope, id, 'RedisDependency', props);
    const { platform } = environment;
    const version = props.version ?? '7.1';
    if (!Object.prototype.hasOwnProperty.call(IN_CLUSTER_TAGS, version)) {
      throw new PavedError(path, `version ${show(version)} is not a supported ElastiCache (Redis OSS) version (allowed: ${Object.keys(IN_CLUSTER_TAGS).join(', ')})`);
    }
    const size = props.size ?? CacheSize.SMALL;
    if (!(size instanceof CacheSize)) {
      throw new PavedError(path, `size ${show(size)} is not a CacheSize (allowed: ${CacheSize.all().map((s) => `CacheSize.${s.name.toUpperCase()}`).join(', ')})`);
    }
    const resources = platform.resolvePreset(size.inClusterResources, path);
    super(scope, id, DependencyKind.REDIS, props);
    this.version = version;
    this.size = size;
    const labels = { ...this._labels, [Labels.VERSION]: version };

    if (this.realisation === Realisation.CLOUD) {
      this.externalSecret = cloudConnectionSecret(this, {
        name: this.secretName,
        labels,
        secretStore: this._aws.secretStore,
        remoteKey: this.cloudSecretName,
        properties: ['host', 'port', 'auth_token'],
      });
      return;
    }

    const store = new InClusterStore(this, 'InCluster', {
      environment,
      name,
      labels,
      image: `${platform.redisRepository}:${IN_CLUSTER_TAGS[version]}`,
      uid: REDIS_UID,
      port: this.port,
      portName: 'redis',
      resources,
      // redis-cli reads REDISCLI_AUTH, and the kubelet expands $(REDISCLI_AUTH) in args, so the
      // token reaches the server and the probe without appearing in the manifest.
      env: [{ name: 'REDISCLI_AUTH', secretKey: 'auth_token' }],
      args: ['redis-server', '--port', String(this.port), '--requirepass', '$(REDISCLI_AUTH)', '--save', '', '--appendonly', 'no', '--dir', '/data'],
      probe: ['sh', '-c', `redis-cli -h 127.0.0.1 -p ${this.port} ping | grep -q PONG`],
      scratch: [{ name: 'data', path: '/data', sizeLimit: Size.mebibytes(64) }],
      credentials: {
        host: `${name}.${this.environment.namespace}.svc`,
        port: String(this.port),
        auth_token: '{{ .password }}',
      },
    });
    this.externalSecret = store.externalSecret;
    this.statefulSet = store.statefulSet;
    this.store = store;
  }

  /** @internal */
  public _connection(): DependencyConnection {
    return this._storeConnection(this.store, this.variables());
  }

  private variables(): DependencyVariable[] {
    return [
      { name: 'REDIS_HOST', secretKey: 'host' },
      { name: 'REDIS_PORT', secretKey: 'port' },
      { name: 'REDIS_AUTH_TOKEN', secretKey: 'auth_token' },
      // ElastiCache encrypts in transit and refuses plain connections; the in-cluster cache has no TLS.
      { name: 'REDIS_TLS', value: this.realisation === Realisation.CLOUD ? 'true' : 'false' },
    ];
  }
}
