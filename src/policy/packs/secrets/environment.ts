import { SecretHit, secretHits } from './secret-scan';
import { HIGH_ENTROPY_KEY, SECRET_NAME } from '../../../secret-detector';
import { IRule, RuleCategory, Severity, Violation } from '../../rule';
import { WORKLOAD_KINDS } from '../../rules/pod-spec';

/** Whether this rule reports the hit: a secret-named container variable with a literal value. */
export function isEnvLiteral(hit: SecretHit, kind: unknown): boolean {
  return hit.inContainerEnv && (hit.detector === SECRET_NAME || hit.detector === HIGH_ENTROPY_KEY) && WORKLOAD_KINDS.includes(String(kind));
}

/** Credentials reach containers from Secrets, never as literal environment values. */
export const ENV_LITERAL: IRule = {
  id: 'secrets.env-literal',
  title: 'Secret-looking environment variables are not literal values',
  severity: Severity.CRITICAL,
  category: RuleCategory.SECURITY,
  rationale: 'A literal value in env is in the manifest, in git, and visible to anyone who can read the workload object; only valueFrom keeps the credential in a Secret.',
  remediation: 'Use valueFrom.secretKeyRef (Paved dependencies inject their credentials this way) and rotate the value that was committed.',
  kinds: WORKLOAD_KINDS,
  scannerChecks: { kubeLinter: ['env-var-secret'], polaris: ['sensitiveContainerEnvVar'] },
  check: (object): Violation[] => secretHits(object).filter((hit) => isEnvLiteral(hit, object?.kind)).map((hit) => ({
    field: hit.field,
    found: `a literal value (detector ${hit.detector.id})`,
    expected: `valueFrom.secretKeyRef for ${hit.name}`,
  })),
};
