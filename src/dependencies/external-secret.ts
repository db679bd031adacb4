import { ApiObject, ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';

/** One key of the target Secret, read from one property of a provider secret. */
export interface ExternalSecretData {
  /** The key in the Kubernetes Secret (or in the template's input when there is a template). */
  readonly secretKey: string;
  /**
   * The provider secret, the JSON property within it (the whole value when absent) and the
   * version to read (the current one when absent).
   */
  readonly remoteRef: { readonly key: string; readonly property?: string; readonly version?: string };
}

/** A `dataFrom` entry: provider secrets found by their tags, or values from a generator. */
export interface ExternalSecretDataFrom {
  /** Finds every provider secret carrying all of these tags; each becomes one key named after the secret. */
  readonly find?: { readonly tags: { [key: string]: string } };
  /** Renames the found keys (RE2 regexps, applied in order before the keys are validated). */
  readonly rewrite?: Array<{ readonly regexp: { readonly source: string; readonly target: string } }>;
  /** Takes the values from a generator in the ExternalSecret's namespace instead of a store. */
  readonly sourceRef?: { readonly generatorRef: { readonly apiVersion: string; readonly kind: string; readonly name: string } };
}

/** The Secret the operator writes. */
export interface ExternalSecretTarget {
  readonly name: string;
  /** `Owner`: the Secret belongs to the ExternalSecret and is deleted with it. */
  readonly creationPolicy: 'Owner';
  /** Go templates (engine v2) that build each key of the Secret from the fetched values. */
  readonly template?: { readonly engineVersion: 'v2'; readonly data: { [key: string]: string } };
}

/** The spec of an External Secrets Operator `external-secrets.io/v1` ExternalSecret. */
export interface ExternalSecretSpec {
  /** How often the values are read again, as a Go duration; "0s" reads once. */
  readonly refreshInterval: string;
  /** `CreatedOnce` writes the Secret once and never again, whatever changes later. */
  readonly refreshPolicy?: 'CreatedOnce' | 'Periodic';
  /** The store `data` and `dataFrom.find` read from; absent when every value comes from a generator. */
  readonly secretStoreRef?: { readonly kind: 'ClusterSecretStore'; readonly name: string };
  readonly target: ExternalSecretTarget;
  readonly data?: ExternalSecretData[];
  readonly dataFrom?: ExternalSecretDataFrom[];
}

/**
 * An External Secrets Operator ExternalSecret: the one way a connection detail reaches a pod.
 * The manifest names where a value lives, never the value.
 */
export class ExternalSecret extends ApiObject {
  public static readonly API_VERSION = 'external-secrets.io/v1';
  public static readonly KIND = 'ExternalSecret';

  constructor(scope: Construct, id: string, props: { readonly metadata: ApiObjectMetadata; readonly spec: ExternalSecretSpec }) {
    super(scope, id, { apiVersion: ExternalSecret.API_VERSION, kind: ExternalSecret.KIND, metadata: props.metadata, spec: props.spec });
  }
}
