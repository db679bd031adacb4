import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { guardChildren, refuseEngineTransforms } from './guard';
import { ResourceScope } from './resource-scope';

/** Props of a `ConnectionSecret`. */
export interface ConnectionSecretArgs {
  /** The secret's name: `dependency.cloudSecretName`, which the service's ExternalSecret reads. */
  readonly secretName: string;
  /** The connection details, written as one JSON object; each key is a property the ExternalSecret extracts. */
  readonly values: { [property: string]: pulumi.Input<string | number> };
  /** The dependency's KMS key. */
  readonly kmsKeyId: pulumi.Input<string>;
  /** Whom the secret belongs to, its tags and parent. */
  readonly scope: ResourceScope;
  /**
   * How long a deleted secret can be restored, during which its name cannot be reused.
   *
   * @default 30
   */
  readonly recoveryWindowInDays?: number;
  /** Escape hatch: arguments merged over the secret's. The data-security pack checks the result. @default - none */
  readonly override?: Partial<aws.secretsmanager.SecretArgs>;
}

/**
 * The Secrets Manager secret a dependency's connection details are written to, encrypted with
 * the dependency's key. The Kubernetes side reads it by name through an ExternalSecret; nothing
 * is passed between the two programs at runtime.
 */
export class ConnectionSecret extends pulumi.ComponentResource {
  /** The secret. */
  public readonly secret: aws.secretsmanager.Secret;
  /** The version holding the JSON. */
  public readonly version: aws.secretsmanager.SecretVersion;
  /** The JSON written, a Pulumi secret so it never appears in logs or unencrypted state. */
  public readonly secretString: pulumi.Output<string>;

  constructor(name: string, args: ConnectionSecretArgs, opts?: pulumi.ComponentResourceOptions) {
    refuseEngineTransforms(args.scope.subject.path, opts);
    super('paved:cloud:ConnectionSecret', name, {}, opts);
    guardChildren(this, args.scope.subject);
    const options = { ...args.scope.options, parent: this };
    const secretArgs: aws.secretsmanager.SecretArgs = {
      name: args.secretName,
      description: 'Connection details written by Paved; read by the service through External Secrets',
      kmsKeyId: args.kmsKeyId,
      recoveryWindowInDays: args.recoveryWindowInDays ?? 30,
      tags: args.scope.tags,
      ...args.override,
    };
    this.secret = new aws.secretsmanager.Secret(name, secretArgs, options);
    this.secretString = pulumi.secret(pulumi.jsonStringify(args.values));
    this.version = new aws.secretsmanager.SecretVersion(name, { secretId: this.secret.id, secretString: this.secretString }, options);
    this.registerOutputs({ secretArn: this.secret.arn });
  }
}
