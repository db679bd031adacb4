import { PavedError } from '../errors';
import { formatMatches } from '../secret-detector';
import { show } from '../validate';

const SECRET_REFERENCE_SYMBOL = Symbol.for('paved.SecretReference');

/** Where an error about a reference is reported: the factory itself, as it runs before any construct. */
const FACTORY = 'SecretReference.fromStore';

/** A Secrets Manager name: 1 to 512 of these characters (AWS's own rule). */
const KEY = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
/** A property, or a dotted path to a nested one (`db.password`); no gjson wildcards or modifiers. */
const PROPERTY = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;
/** A staging label (`AWSCURRENT`, `AWSPREVIOUS`, a label of the team's own) or `uuid/<version id>`. */
const VERSION = /^(uuid\/[A-Za-z0-9-]{32,64}|[A-Za-z0-9_+=.@-]{1,256})$/;
/**
 * The prefix `CloudNames.secretName` writes dependencies' connection details under. Those are
 * read through the dependency, which also opens the network to it and rotates with it; a
 * reference of its own would copy another namespace's credentials past that contract.
 */
export const DEPENDENCY_SECRET_PREFIX = 'paved/';

/** Options of `SecretReference.fromStore`. */
export interface SecretReferenceOptions {
  /**
   * The version to read: a staging label (`AWSPREVIOUS`, or a label of the team's own) or
   * `uuid/<version id>`. Pinning a version stops rotation from reaching the workload.
   *
   * @default - the current version (`AWSCURRENT`), re-read every refresh
   */
  readonly version?: string;
}

/**
 * A value in the organisation's secret store, named by where it lives: a workload's `secrets`
 * take only these, so the value itself cannot be written into code. The External Secrets
 * Operator copies it into the workload's namespace through the platform's `ClusterSecretStore`,
 * and the container reads it from a `secretKeyRef`.
 */
export class SecretReference {
  /** Whether `x` is a SecretReference (works across copies of the library). */
  public static isSecretReference(x: any): x is SecretReference {
    return x !== null && typeof x === 'object' && SECRET_REFERENCE_SYMBOL in x;
  }

  /**
   * A secret of the organisation's store (AWS Secrets Manager behind the platform's
   * `ClusterSecretStore`).
   *
   * @param key the secret's name, e.g. `payments/stripe`: `/`-separated parts of letters, digits and `_+=.@-`, at most 512 characters
   * @param property the JSON property of the secret to read, or a dotted path to a nested one (`api.key`); the whole value when absent
   * @param options which version to read
   * @throws PavedError naming the bad argument
   */
  public static fromStore(key: string, property?: string, options: SecretReferenceOptions = {}): SecretReference {
    // A credential pasted where its name belongs would pass as a name and travel into manifests.
    const credential = typeof key === 'string' ? formatMatches(key)[0] : undefined;
    if (credential) {
      throw new PavedError(FACTORY, `key is ${credential.detector.label}, not a secret's name: pass the name the value is stored under in the organisation's store, and rotate the credential`);
    }
    if (typeof key !== 'string' || !KEY.test(key) || key.split('/').some((part) => part === '')) {
      throw new PavedError(FACTORY, `key ${show(key)} is not a secret name: use "/"-separated parts of letters, digits and "_+=.@-", none empty, at most 512 characters (e.g. "payments/stripe"); a name, not an ARN`);
    }
    if (key.startsWith(DEPENDENCY_SECRET_PREFIX)) {
      throw new PavedError(FACTORY, `key ${show(key)} is under "${DEPENDENCY_SECRET_PREFIX}", where Paved keeps dependencies' connection details: use the dependency itself (dependencies: [...]) to read them`);
    }
    if (property !== undefined && typeof property === 'string' && formatMatches(property).length > 0) {
      throw new PavedError(FACTORY, 'property is a credential, not the name of a JSON property: pass the property the value is stored under, and rotate the credential');
    }
    if (property !== undefined && (typeof property !== 'string' || property.length > 256 || !PROPERTY.test(property))) {
      throw new PavedError(FACTORY, `property ${show(property)} is not a JSON property name: use letters, digits, "_" and "-", with "." between the names of nested properties (e.g. "api-key" or "stripe.secret"), at most 256 characters`);
    }
    const version = options?.version;
    if (version !== undefined && (typeof version !== 'string' || !VERSION.test(version))) {
      throw new PavedError(FACTORY, `options.version ${show(version)} is not a version: use a staging label ("AWSPREVIOUS", at most 256 of letters, digits and "_+=.@-") or "uuid/<version id>"`);
    }
    return new SecretReference(key, property, version);
  }

  /** The secret's name in the store. */
  public readonly key: string;
  /** The JSON property read; absent when the whole value is. */
  public readonly property?: string;
  /** The version read; absent for the current one. */
  public readonly version?: string;

  private constructor(key: string, property: string | undefined, version: string | undefined) {
    Object.defineProperty(this, SECRET_REFERENCE_SYMBOL, { value: true });
    this.key = key;
    this.property = property;
    this.version = version;
  }

  /** `key`, with `#property` and `@version` when set: how reports and errors name the reference. */
  public toString(): string {
    return `${this.key}${this.property !== undefined ? `#${this.property}` : ''}${this.version !== undefined ? `@${this.version}` : ''}`;
  }
}
