import { CloudKinds, requirePresent, requireValue, securityRule } from './cloud-resource';
import { IRule, Severity } from '../../rule';

/** Customer-managed keys rotate their key material every year. */
export const KMS_ROTATION: IRule = securityRule({
  id: 'data.kms-rotation',
  title: 'KMS keys rotate their key material',
  severity: Severity.MEDIUM,
  rationale: 'Rotation bounds how much data one compromised key version protects, and is required by most compliance baselines.',
  remediation: 'Remove the override of enableKeyRotation.',
  kinds: [CloudKinds.KMS_KEY],
  check: ({ spec }) => requireValue(spec, 'enableKeyRotation', true),
});

/** Connection secrets are encrypted with the dependency's own key rather than the account-wide default. */
export const SECRET_KMS: IRule = securityRule({
  id: 'data.secret-kms',
  title: 'Secrets Manager secrets are encrypted with a customer-managed KMS key',
  severity: Severity.MEDIUM,
  rationale: 'The aws/secretsmanager key can be used by anyone in the account with secret access; a dependency key narrows who can decrypt to who is granted that key.',
  remediation: 'Remove the override of kmsKeyId on the connection secret.',
  kinds: [CloudKinds.SECRETS_MANAGER_SECRET],
  check: ({ spec }) => requirePresent(spec, 'kmsKeyId', 'a customer-managed KMS key ARN'),
});

/** The rules over keys and secrets, in report order. */
export const KEY_AND_SECRET_RULES: IRule[] = [KMS_ROTATION, SECRET_KMS];
