import { ApiObject, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { PavedError } from '../errors';
import { Labels } from '../platform/labels';
import { ResourcePreset } from '../platform/resource-preset';
import { show } from '../validate';
import { cloudConnectionSecret } from './cloud-connection-secret';
import { Dependency, DependencyConnection, DependencyKind, DependencyProps, DependencyVariable, Realisation, locateDependency } from './dependency';
import { ExternalSecretDataFrom } from './external-secret';
import { InClusterStore } from './in-cluster-store';
import { PostgresSeed } from './postgres-seed';
import { DatabaseSize } from './sizes';

/** The Postgres major versions both RDS and the official image offer. */
const VERSIONS = ['14', '15', '16', '17'];
/** The `postgres` user of the official Debian-based image, which owns its data directory. */
const POSTGRES_UID = 999;
/** Unquoted Postgres identifiers, within RDS's limits (63 for a database, 16 for the master user). */
const DATABASE_NAME = /^[a-z][a-z0-9_]{0,62}$/;
const USERNAME = /^[a-z][a-z0-9_]{0,15}$/;
/** Found RDS-managed secrets are renamed to this prefix (their own names carry "!", which no Secret key may). */
const MASTER_KEY_PREFIX = 'rds-master-';

/** Props of a `PostgresDependency`. */
export interface PostgresDependencyProps extends DependencyProps {
  /**
   * The Postgres major version: `14`, `15`, `16` or `17`.
   *
   * @default "16"
   */
  readonly version?: string;
  /**
   * The instance class and storage in the cloud; the container preset and volume in-cluster.
   *
   * @default DatabaseSize.SMALL
   */
  readonly size?: DatabaseSize;
  /**
   * A seed the platform defines (`PlatformProps.seeds`), loaded into the in-cluster database of
   * preview and development environments once, when it is created. Staging and production
   * hold real data and are never seeded.
   *
   * @default - the database starts empty
   */
  readonly seed?: string;
  /**
   * The database to create, an unquoted Postgres identifier.
   *
   * @default - the dependency's name with "-" replaced by "_"
   */
  readonly databaseName?: string;
  /**
   * The user services connect as (the RDS master user in the cloud).
   *
   * @default "app"
   */
  readonly username?: string;
}

/**
 * A PostgreSQL database. In staging and production, an RDS instance created by `paved/pulumi`,
 * its connection details read from Secrets Manager and its password from the secret RDS manages
 * itself. In preview and development, a disposable StatefulSet in the namespace with a password
 * generated inside the cluster, optionally seeded. Services get `PGHOST`, `PGPORT`,
 * `PGDATABASE`, `PGUSER`, `PGPASSWORD` and `PGSSLMODE` from its Secret.
 */
export class PostgresDependency extends Dependency {
  /** The Postgres major version. */
  public readonly version: string;
  /** How big the database is. */
  public readonly size: DatabaseSize;
  /** The seed loaded into the in-cluster database, when one is named. */
  public readonly seed?: string;
  /** The database services connect to. */
  public readonly databaseName: string;
  /** The user services connect as. */
  public readonly username: string;
  /** Writes the connection Secret. */
  public readonly externalSecret: ApiObject;
  /**
   * The in-cluster database's StatefulSet; present in preview and development. Its Services,
   * NetworkPolicy, ServiceAccount and Password generator are reachable under `node`.
   */
  public readonly statefulSet?: ApiObject;
  /** The seed Job; present in preview and development when `seed` is set. */
  public readonly seedJob?: ApiObject;
  private readonly store?: InClusterStore;

  constructor(scope: Construct, id: string, props: PostgresDependencyProps = {}) {
    const { path, environment, name } = locateDependency(scope, id, 'PostgresDependency', props);
    const { platform } = environment;
    const version = props.version ?? '16';
    if (!VERSIONS.includes(version)) {
      throw new PavedError(path, `version ${show(version)} is not a supported Postgres version (allowed: ${VERSIONS.join(', ')})`);
    }
    const size = props.size ?? DatabaseSize.SMALL;
    if (!(size instanceof DatabaseSize)) {
      throw new PavedError(path, `size ${show(size)} is not a DatabaseSize (allowed: ${DatabaseSize.all().map((s) => `DatabaseSize.${s.name.toUpperCase()}`).join(', ')})`);
    }
    const databaseName = props.databaseName ?? name.replace(/-/g, '_');
    if (typeof databaseName !== 'string' || !DATABASE_NAME.test(databaseName) || databaseName.startsWith('pg_')) {
      throw new PavedError(path, `databaseName ${show(databaseName)} must be an unquoted Postgres identifier: at most 63 characters of a-z, 0-9 and "_", starting with a letter, not starting with "pg_"`);
    }
    const username = props.username ?? 'app';
    if (typeof username !== 'string' || !USERNAME.test(username) || username.startsWith('pg_') || username.startsWith('rds')) {
      throw new PavedError(path, `username ${show(username)} must be at most 16 characters of a-z, 0-9 and "_", starting with a letter, not starting with "pg_" or "rds" (reserved by Postgres and RDS)`);
    }
    if (props.seed !== undefined && !Object.prototype.hasOwnProperty.call(platform.seeds, props.seed)) {
      const defined = Object.keys(platform.seeds).sort();
      throw new PavedError(path, `seed ${show(props.seed)} is not defined by platform ${platform.name} (defined: ${defined.length ? defined.join(', ') : 'none'})`);
    }
    const resources = platform.resolvePreset(size.inClusterResources, path);
    super(scope, id, DependencyKind.POSTGRES, props);
    this.version = version;
    this.size = size;
    this.seed = props.seed;
    this.databaseName = databaseName;
    this.username = username;
    const labels = { ...this._labels, [Labels.VERSION]: version };

    if (this.realisation === Realisation.CLOUD) {
      this.externalSecret = cloudConnectionSecret(this, {
        name: this.secretName,
        labels,
        secretStore: this._aws.secretStore,
        remoteKey: this.cloudSecretName,
        properties: ['host', 'port', 'dbname', 'username'],
        dataFrom: [this.masterPasswordSource()],
        template: {
          ...Object.fromEntries(['host', 'port', 'dbname', 'username'].map((k) => [k, `{{ .${k} }}`])),
          password: this.masterPasswordTemplate(),
        },
      });
      return;
    }

    const namespace = this.environment.namespace!;
    const image = `${platform.postgresRepository}:${version}`;
    const store = new InClusterStore(this, 'InCluster', {
      environment,
      name,
      labels,
      image,
      uid: POSTGRES_UID,
      port: this.port,
      portName: 'postgres',
      resources,
      env: [
        { name: 'POSTGRES_USER', secretKey: 'username' },
        { name: 'POSTGRES_PASSWORD', secretKey: 'password' },
        { name: 'POSTGRES_DB', secretKey: 'dbname' },
        // A subdirectory: initdb refuses a volume root that holds lost+found.
        { name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' },
      ],
      probe: ['pg_isready', '-h', '127.0.0.1', '-p', String(this.port)],
      scratch: [
        { name: 'tmp', path: '/tmp', sizeLimit: Size.mebibytes(256) },
        { name: 'run', path: '/var/run/postgresql', sizeLimit: Size.mebibytes(16) },
      ],
      volume: { path: '/var/lib/postgresql/data', storageGib: size.inClusterStorageGib },
      credentials: {
        host: `${name}.${namespace}.svc`,
        port: String(this.port),
        dbname: databaseName,
        username,
        password: '{{ .password }}',
      },
    });
    this.externalSecret = store.externalSecret;
    this.statefulSet = store.statefulSet;
    this.store = store;

    if (props.seed !== undefined) {
      const seedName = `${name}-seed`;
      this.seedJob = new PostgresSeed(this, 'Seed', {
        environment,
        name: seedName,
        labels: { ...labels, [Labels.NAME]: seedName, [Labels.INSTANCE]: seedName },
        seed: platform.seeds[props.seed],
        secretName: this.secretName,
        variables: this.variables(),
        store,
        port: this.port,
        waitImage: image,
        resources: platform.resolvePreset(ResourcePreset.SMALL, path),
      }).job;
    }
  }

  /** @internal */
  public _connection(): DependencyConnection {
    return this._storeConnection(this.store, this.variables());
  }

  private variables(): DependencyVariable[] {
    // The same Secret keys in every tier: the cloud side writes them, the generator's template mirrors them.
    return [
      { name: 'PGHOST', secretKey: 'host' },
      { name: 'PGPORT', secretKey: 'port' },
      { name: 'PGDATABASE', secretKey: 'dbname' },
      { name: 'PGUSER', secretKey: 'username' },
      { name: 'PGPASSWORD', secretKey: 'password' },
      // RDS refuses plain connections (the cloud side forces TLS); the in-cluster database has no TLS.
      { name: 'PGSSLMODE', value: this.realisation === Realisation.CLOUD ? 'require' : 'disable' },
    ];
  }

  /**
   * The master password is the one RDS generates and rotates itself (`manageMasterUserPassword`),
   * in a Secrets Manager secret RDS names `rds!db-<uuid>`: no name contract can point at it. RDS
   * tags that secret `aws:rds:primaryDBInstanceArn` with the instance's ARN, and the instance
   * identifier is ours (`cloudResourceName`), so the secret is found by that tag.
   *
   * Assumes the platform's ClusterSecretStore may call `secretsmanager:BatchGetSecretValue` and
   * `ListSecrets` (ESO's AWS provider finds by tag with them) and read `rds!db-*` secrets.
   */
  private masterPasswordSource(): ExternalSecretDataFrom {
    const aws = this._aws;
    return {
      find: { tags: { 'aws:rds:primaryDBInstanceArn': `arn:aws:rds:${aws.region}:${aws.accountId}:db:${this.cloudResourceName}` } },
      // Rewritten keys skip ESO's key conversion, so the rewrite itself must yield a valid key.
      rewrite: [{ regexp: { source: '^rds!db-', target: MASTER_KEY_PREFIX } }],
    };
  }

  /**
   * A found secret arrives whole, as its JSON (`{"username": ..., "password": ...}`). Secrets
   * Manager matches tag values by prefix, so an instance whose identifier extends this one's
   * (`orders-db` and `orders-db2`) would be found too: the template takes the password only when
   * exactly one secret was found and otherwise fails, leaving the Secret as it was rather than
   * handing a service another database's password.
   */
  private masterPasswordTemplate(): string {
    return [
      '{{- $found := list -}}',
      `{{- range $key, $value := . }}{{ if hasPrefix "${MASTER_KEY_PREFIX}" $key }}{{ $found = append $found $value }}{{ end }}{{ end -}}`,
      `{{- if ne (len $found) 1 }}{{ fail (printf "expected one RDS-managed master secret for ${this.cloudResourceName}, found %d" (len $found)) }}{{ end -}}`,
      '{{- (index $found 0 | fromJson).password -}}',
    ].join('');
  }
}
