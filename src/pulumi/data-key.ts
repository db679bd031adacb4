import * as aws from '@pulumi/aws';
import { ResourceScope } from './resource-scope';

/**
 * A customer-managed KMS key for one dependency's data, its backups and its connection secret.
 * One key per dependency keeps grants narrow: a service role that may decrypt one bucket's
 * objects decrypts nothing else.
 */
export function createDataKey(name: string, description: string, scope: ResourceScope, override?: Partial<aws.kms.KeyArgs>): aws.kms.Key {
  const args: aws.kms.KeyArgs = {
    description,
    enableKeyRotation: true,
    // The longest window: a key deleted by mistake makes every backup it encrypted unreadable.
    deletionWindowInDays: 30,
    tags: scope.tags,
    ...override,
  };
  return new aws.kms.Key(name, args, scope.options);
}
