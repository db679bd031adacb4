import { ApiObject, ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';

/** The spec of an External Secrets `Password` generator. */
export interface PasswordGeneratorSpec {
  readonly length: number;
  /** How many of the characters are digits. */
  readonly digits: number;
  /** How many are symbols; 0 keeps the password safe to embed in URLs and shell arguments. */
  readonly symbols: number;
  readonly noUpper: boolean;
  readonly allowRepeat: boolean;
}

/**
 * An External Secrets `generators.external-secrets.io/v1alpha1` Password generator: the
 * operator generates the value inside the cluster, so it never exists in a manifest or in git.
 */
export class PasswordGenerator extends ApiObject {
  public static readonly API_VERSION = 'generators.external-secrets.io/v1alpha1';
  public static readonly KIND = 'Password';

  constructor(scope: Construct, id: string, props: { readonly metadata: ApiObjectMetadata; readonly spec: PasswordGeneratorSpec }) {
    super(scope, id, { apiVersion: PasswordGenerator.API_VERSION, kind: PasswordGenerator.KIND, metadata: props.metadata, spec: props.spec });
  }

  /** The reference an ExternalSecret's `dataFrom.sourceRef.generatorRef` uses to read this generator. */
  public get generatorRef() {
    return { apiVersion: PasswordGenerator.API_VERSION, kind: PasswordGenerator.KIND, name: this.name };
  }
}
